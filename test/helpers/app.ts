// A real app for tests: a fresh SQLite file with the real migrations, the
// fixture roadmaps (or the real ones), and a clock the test moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { ManualClock } from '../../src/clock.ts';
import { createLogger, type Logger } from '../../src/log.ts';

export const FIXTURE_ROADMAPS = fileURLToPath(new URL('../fixtures/roadmaps', import.meta.url));
export const REAL_ROADMAPS = fileURLToPath(new URL('../../roadmaps', import.meta.url));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cohort-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestApp extends App {
  clock: ManualClock;
  dbPath: string;
}

export function testApp(opts: { now?: string; roadmapsDir?: string; log?: Logger } = {}): TestApp {
  const clock = new ManualClock(opts.now ?? '2026-03-02T12:00:00Z');
  const dbPath = join(tempDir(), 'cohort.db');
  const app = createApp({ databasePath: dbPath, roadmapsDir: opts.roadmapsDir ?? FIXTURE_ROADMAPS, clock, log: opts.log ?? createLogger('silent') });
  cleanups.unshift(() => app.close());
  return { ...app, clock, dbPath };
}
