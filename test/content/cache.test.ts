// The validated-roadmap cache: an unchanged file is served without parsing,
// a changed file is validated afresh (its mistakes still reported), and a
// damaged cache entry is ignored.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatedCache } from '../../src/content/cache.ts';
import { parseRoadmap } from '../../src/content/load.ts';
import { FIXTURE_ROADMAPS, tempDir } from '../helpers/app.ts';

const text = readFileSync(join(FIXTURE_ROADMAPS, 'mini.yaml'), 'utf8');

describe('the validated-roadmap cache', () => {
  it('serves an unchanged roadmap exactly as validating it gives', () => {
    const dir = tempDir();
    const fresh = parseRoadmap(text, 'mini.yaml', validatedCache(dir));
    expect(readdirSync(dir)).toHaveLength(1);
    const cached = parseRoadmap(text, 'mini.yaml', validatedCache(dir));
    expect('roadmap' in cached && 'roadmap' in fresh).toBe(true);
    if ('roadmap' in cached && 'roadmap' in fresh) {
      expect(cached.roadmap.topics.map((t) => t.id)).toEqual(fresh.roadmap.topics.map((t) => t.id));
      expect(cached.roadmap.dailyPool.map((c) => c.id)).toEqual(fresh.roadmap.dailyPool.map((c) => c.id));
      // Everything but the look-up functions (new closures each time) is the same.
      expect(JSON.stringify(cached.roadmap)).toBe(JSON.stringify(fresh.roadmap));
    }
  });

  it('is only a shortcut: what is served comes from the cache file, keyed by the text', () => {
    const dir = tempDir();
    parseRoadmap(text, 'mini.yaml', validatedCache(dir));
    const [entry] = readdirSync(dir);
    const saved = JSON.parse(readFileSync(join(dir, entry!), 'utf8')) as { title: string };
    writeFileSync(join(dir, entry!), JSON.stringify({ ...saved, title: 'From the cache' }));
    const again = parseRoadmap(text, 'mini.yaml', validatedCache(dir));
    expect('roadmap' in again && again.roadmap.title).toBe('From the cache');
  });

  it('validates an edited roadmap afresh, so its mistakes are still reported', () => {
    const dir = tempDir();
    parseRoadmap(text, 'mini.yaml', validatedCache(dir));
    const broken = text.replace(/^title: .*$/m, 'title:');
    const result = parseRoadmap(broken, 'mini.yaml', validatedCache(dir));
    expect('problems' in result && result.problems.some((p) => p.startsWith('mini.yaml: title'))).toBe(true);
  });

  it('ignores a damaged entry and validates again', () => {
    const dir = tempDir();
    parseRoadmap(text, 'mini.yaml', validatedCache(dir));
    const [entry] = readdirSync(dir);
    writeFileSync(join(dir, entry!), '{"id": "mi');
    const again = parseRoadmap(text, 'mini.yaml', validatedCache(dir));
    expect('roadmap' in again && again.roadmap.id).toBe('mini');
  });

  it('works without a writable folder, only slower', () => {
    const blocked = join(tempDir(), 'file');
    writeFileSync(blocked, 'not a folder');
    const result = parseRoadmap(text, 'mini.yaml', validatedCache(join(blocked, 'cache')));
    expect('roadmap' in result && result.roadmap.id).toBe('mini');
  });
});

describe('the cache folder', () => {
  it('stays small: old entries go when many roadmaps have been validated', () => {
    const dir = tempDir();
    const cache = validatedCache(dir);
    for (let k = 0; k < 70; k++) parseRoadmap(text.replace(/^title: .*$/m, `title: Version ${k}`), 'mini.yaml', cache);
    expect(readdirSync(dir).length).toBeLessThanOrEqual(64);
    // The newest is kept.
    expect(cache.get(text.replace(/^title: .*$/m, 'title: Version 69'))?.title).toBe('Version 69');
  });
});
