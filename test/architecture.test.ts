// The layering the README promises, checked on the source itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

const files = sources(SRC).map((path) => ({
  path: relative(SRC, path),
  imports: [...readFileSync(path, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
}));

const offenders = (where: (path: string) => boolean, banned: RegExp) =>
  files.filter((f) => where(f.path)).flatMap((f) => f.imports.filter((i) => banned.test(i)).map((i) => `${f.path} imports ${i}`));

describe('architecture', () => {
  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports discord.js only under src/platforms/discord and @slack/bolt only under src/platforms/slack', () => {
    expect(offenders((p) => !p.startsWith('platforms/discord/'), /^discord\.js$|^@discordjs\//)).toEqual([]);
    expect(offenders((p) => !p.startsWith('platforms/slack/'), /^@slack\//)).toEqual([]);
  });

  it('imports @napi-rs/canvas only under src/cards, and keeps the domain free of drawing', () => {
    expect(offenders((p) => !p.startsWith('cards/'), /^@napi-rs\/canvas$/)).toEqual([]);
    expect(offenders((p) => p.startsWith('domain/'), /\/cards\//)).toEqual([]);
  });

  it('keeps the domain free of commands, platforms and chat libraries', () => {
    expect(offenders((p) => p.startsWith('domain/'), /\/(commands|platforms)\/|^discord\.js$|^@slack\//)).toEqual([]);
  });

  it('keeps hono and the sign-in libraries in src/web, and platform code out of it', () => {
    expect(offenders((p) => !p.startsWith('web/'), /^hono(\/|$)|^@hono\/|^arctic$|^openid-client$/)).toEqual([]);
    expect(offenders((p) => p.startsWith('web/'), /\/platforms\/|^discord\.js$|^@slack\//)).toEqual([]);
  });

  it('keeps commands platform-neutral', () => {
    expect(offenders((p) => p.startsWith('commands/'), /\/platforms\/|^discord\.js$|^@slack\//)).toEqual([]);
  });
});
