// A real app for tests: a fresh store with the real migrations (a SQLite
// file, or a PostgreSQL database when the run is the postgres project), the
// fixture roadmaps (or the real ones), and a clock the test moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { ManualClock } from '../../src/clock.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { freshStore, type TestStore } from './engine.ts';

export const FIXTURE_ROADMAPS = fileURLToPath(new URL('../fixtures/roadmaps', import.meta.url));
export const REAL_ROADMAPS = fileURLToPath(new URL('../../roadmaps', import.meta.url));

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** Runs after the test, before the folders and stores are removed. */
export function onCleanup(fn: () => unknown): void {
  cleanups.unshift(fn);
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cohort-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh store on this run's engine, removed after the test. */
export async function testStore(): Promise<TestStore> {
  const store = await freshStore(tempDir());
  cleanups.push(() => store.drop());
  return store;
}

export interface TestApp extends App {
  clock: ManualClock;
  /** The store the app opened, to open it again (a second process, a restart). */
  testStore: TestStore;
  /** Raw SQL on the app's store, numbers as numbers on both engines. */
  sql<T = Record<string, unknown>>(query: string): Promise<T[]>;
  /** `SELECT count(*) AS n …` and the like: the one number it returns. */
  count(query: string): Promise<number>;
}

export async function testApp(opts: { now?: string; roadmapsDir?: string; log?: Logger; store?: TestStore } = {}): Promise<TestApp> {
  const clock = new ManualClock(opts.now ?? '2026-03-02T12:00:00Z');
  const store = opts.store ?? (await testStore());
  const app = await createApp({ store: store.target, roadmapsDir: opts.roadmapsDir ?? FIXTURE_ROADMAPS, clock, log: opts.log ?? createLogger('silent') });
  cleanups.unshift(() => app.close());
  const sql = async <T,>(query: string) => (await app.store.rows<Record<string, unknown>>(query)).map(numbersAsNumbers) as T[];
  return {
    ...app,
    clock,
    testStore: store,
    sql,
    count: async (query) => Number(Object.values((await sql<Record<string, unknown>>(query))[0] ?? {})[0]),
  };
}

// PostgreSQL returns bigint and count(*) as strings; tests compare numbers.
function numbersAsNumbers(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^-?\d{1,15}$/.test(v) && !/^0\d/.test(v) ? Number(v) : v]));
}

/** Makes every insert into `table` fail with `message`, as a broken disk or constraint would; returns the undo. */
export async function failInserts(app: TestApp, table: string, message: string): Promise<() => Promise<void>> {
  const name = `fail_${table}`;
  if (app.store.engine === 'sqlite') {
    await app.sql(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
    return async () => void (await app.sql(`DROP TRIGGER ${name}`));
  }
  await app.sql(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`);
  await app.sql(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return async () => void (await app.sql(`DROP TRIGGER ${name} ON ${table}`));
}
