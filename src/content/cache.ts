// Validated roadmaps, cached by the hash of their text: parsing and
// validating backend.yaml (about 10,000 lines) was most of Cohort's start-up.
// A file is read from the cache only when its text AND the schema that
// validated it are unchanged, so an edited roadmap or a new Cohort version
// always validates afresh. The cache is a convenience: when its folder can't
// be written (a read-only install), everything still works, only slower.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RoadmapFile } from './schema.ts';

/** Remembers what a roadmap text validated to, so an unchanged file is not parsed and validated again. */
export interface ValidatedCache {
  get(text: string): RoadmapFile | undefined;
  set(text: string, file: RoadmapFile): void;
}

/** node_modules/.cache/ is where tools keep such caches; `npm ci` starts it afresh. */
const DIR = fileURLToPath(new URL('../../node_modules/.cache/cohort/roadmaps/', import.meta.url));

/** The schema's own source (schema.ts under tsx, schema.js when built): part of every key. */
function schemaHash(): string {
  for (const name of ['schema.js', 'schema.ts']) {
    try {
      return createHash('sha256').update(readFileSync(new URL(`./${name}`, import.meta.url))).digest('hex');
    } catch {
      // Not this one; try the other.
    }
  }
  return 'unknown';
}

let schema: string | undefined;

/** Entries kept: every roadmap of a few installs and versions; older ones are dropped when a new one is written. */
const KEEP = 64;

function prune(dir: string): void {
  const entries = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (entries.length <= KEEP) return;
  const byAge = entries.map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.at - a.at);
  for (const { f } of byAge.slice(KEEP / 2)) rmSync(join(dir, f), { force: true });
}

export function validatedCache(dir = DIR): ValidatedCache {
  const file = (text: string) => join(dir, `${createHash('sha256').update((schema ??= schemaHash())).update('\0').update(text).digest('hex')}.json`);
  return {
    get(text) {
      try {
        return JSON.parse(readFileSync(file(text), 'utf8')) as RoadmapFile;
      } catch {
        return undefined;
      }
    },
    set(text, value) {
      try {
        mkdirSync(dir, { recursive: true });
        const path = file(text);
        // Written aside and renamed: a reader never sees half a file.
        const aside = `${path}.${process.pid}.tmp`;
        writeFileSync(aside, JSON.stringify(value));
        renameSync(aside, path);
        prune(dir);
      } catch {
        // No cache here; the next start validates again.
      }
    },
  };
}
