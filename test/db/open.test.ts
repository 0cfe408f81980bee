// The embedded engine's own promises: its file, its settings, its migrations.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/open.ts';
import type { SqliteStore } from '../../src/db/sqlite-store.ts';
import { COHORT_APPLICATION_ID } from '../../src/db/sqlite-file.ts';
import { tempDir } from '../helpers/app.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATIONS = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url));
const migrationFiles = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql'));

const open: SqliteStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) if (s.client.open) s.client.close();
});

function openTracked(path: string): SqliteStore {
  const store = openSqlite(path);
  open.push(store);
  return store;
}

const count = (s: SqliteStore, sql: string) => (s.client.prepare(sql).get() as { n: number }).n;

describe('openSqlite', () => {
  it('creates missing parent folders for the database file', () => {
    const path = join(tempDir(), 'deep', 'er', 'cohort.db');
    const s = openTracked(path);
    expect(existsSync(path)).toBe(true);
    expect(count(s, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'communities'")).toBe(1);
  });

  it('switches on WAL (checkpointed inside a commit only past 4,000 pages), foreign keys and a 5 s busy timeout', () => {
    const s = openTracked(join(tempDir(), 'cohort.db'));
    expect(s.client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.client.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    expect(s.client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.client.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('applies the migrations once, and keeps data across reopening', async () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
    const path = join(tempDir(), 'cohort.db');
    const first = openTracked(path);
    expect(count(first, 'SELECT count(*) AS n FROM __drizzle_migrations')).toBe(migrationFiles.length);
    first.client.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('shell', 'c1', 1)").run();
    await first.close();

    const second = openTracked(path);
    expect(count(second, 'SELECT count(*) AS n FROM __drizzle_migrations')).toBe(migrationFiles.length);
    expect(await second.rows('SELECT platform, external_id AS "externalId" FROM communities')).toEqual([{ platform: 'shell', externalId: 'c1' }]);
  });

  it('rejects a row that points at a community that does not exist', () => {
    const s = openTracked(join(tempDir(), 'cohort.db'));
    const insert = s.client.prepare("INSERT INTO members (community_id, user_id, display_name, created_at) VALUES (?, 'u1', 'alice', 1)");
    expect(() => insert.run(42)).toThrow(/FOREIGN KEY constraint failed/);
    expect(count(s, 'SELECT count(*) AS n FROM members')).toBe(0);

    const community = s.client.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('shell', 'c1', 1)").run();
    insert.run(community.lastInsertRowid);
    expect(count(s, 'SELECT count(*) AS n FROM members')).toBe(1);
  });
});

describe('openSqlite refuses what it should not touch, naming DATABASE_PATH and the fix', () => {
  const refused = (path: string) => {
    try {
      openTracked(path);
    } catch (err) {
      return String((err as Error).message);
    }
    return 'opened';
  };

  it('marks its own files with application_id, and still opens a Cohort file from before the mark', async () => {
    const path = join(tempDir(), 'cohort.db');
    const s = openTracked(path);
    expect(s.client.pragma('application_id', { simple: true })).toBe(COHORT_APPLICATION_ID);
    s.client.pragma('application_id = 0'); // as written by an older Cohort
    await s.close();
    expect(openTracked(path).client.pragma('application_id', { simple: true })).toBe(COHORT_APPLICATION_ID);
  });

  it("leaves another application's SQLite database exactly as it was", () => {
    const path = join(tempDir(), 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    const before = readFileSync(path);
    expect(refused(path)).toBe(`DATABASE_PATH: ${path} belongs to another application (it is a SQLite database without Cohort's tables). Cohort will not change it. Point DATABASE_PATH at a new file, e.g. ./data/cohort.db.`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('a folder, a file in the way of the folder, a file that is not SQLite, a truncated database', async () => {
    const dir = tempDir();
    expect(refused(dir)).toBe(`DATABASE_PATH: ${dir} is a folder. Point DATABASE_PATH at a file inside it, e.g. ${dir}/cohort.db.`);
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect(refused(join(dir, 'notes.txt', 'cohort.db'))).toContain('cannot be created: a part of');
    expect(refused(join(dir, 'notes.txt'))).toContain('is not a SQLite database, or is damaged. Point DATABASE_PATH at Cohort\'s database, or restore it from a backup (README → Backups).');
    const good = join(dir, 'cohort.db');
    await openTracked(good).close();
    writeFileSync(join(dir, 'truncated.db'), readFileSync(good).subarray(0, 300));
    expect(refused(join(dir, 'truncated.db'))).toMatch(/is not a SQLite database, or is damaged|is damaged/);
  });

  it('an empty file is a new database', () => {
    const path = join(tempDir(), 'empty.db');
    writeFileSync(path, '');
    expect(count(openTracked(path), "SELECT count(*) AS n FROM sqlite_master WHERE name = 'communities'")).toBe(1);
  });
});

describe('npm run db:backup', () => {
  it('copies the live database into a file that opens with the same data, and never overwrites', async () => {
    const dir = tempDir();
    const path = join(dir, 'cohort.db');
    const s = openTracked(path);
    s.client.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('shell', 'c1', 1)").run();
    const run = (to: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/db/backup-cli.ts', to], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: path }, encoding: 'utf8' });
    const backup = join(dir, 'backup.db');
    const first = run(backup);
    expect(first.stdout).toContain(`Backed up ${path} to ${backup}`);
    expect(first.status).toBe(0);
    expect(count(openTracked(backup), "SELECT count(*) AS n FROM communities WHERE external_id = 'c1'")).toBe(1);
    const again = run(backup);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists; Cohort will not overwrite it');
  });
});
