import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/open.ts';
import { tempDir } from '../helpers/app.ts';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));
const migrationFiles = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql'));

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.$client.open) db.$client.close();
});

function openTracked(path: string): Db {
  const db = openDb(path);
  open.push(db);
  return db;
}

const count = (db: Db, sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;

describe('openDb', () => {
  it('creates missing parent folders for the database file', () => {
    const path = join(tempDir(), 'deep', 'er', 'cohort.db');
    const db = openTracked(path);
    expect(existsSync(path)).toBe(true);
    expect(count(db, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'communities'")).toBe(1);
  });

  it('switches on WAL, foreign keys and a 5 s busy timeout', () => {
    const db = openTracked(join(tempDir(), 'cohort.db'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('applies the migrations once, and keeps data across reopening', () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
    const path = join(tempDir(), 'cohort.db');
    const first = openTracked(path);
    expect(count(first, 'SELECT count(*) AS n FROM __drizzle_migrations')).toBe(migrationFiles.length);
    first.$client.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('shell', 'c1', 1)").run();
    first.$client.close();

    const second = openTracked(path);
    expect(count(second, 'SELECT count(*) AS n FROM __drizzle_migrations')).toBe(migrationFiles.length);
    expect(second.$client.prepare('SELECT platform, external_id AS externalId FROM communities').all()).toEqual([
      { platform: 'shell', externalId: 'c1' },
    ]);
  });

  it('rejects a row that points at a community that does not exist', () => {
    const db = openTracked(join(tempDir(), 'cohort.db'));
    const insert = db.$client.prepare("INSERT INTO members (community_id, user_id, display_name, created_at) VALUES (?, 'u1', 'alice', 1)");
    expect(() => insert.run(42)).toThrow(/FOREIGN KEY constraint failed/);
    expect(count(db, 'SELECT count(*) AS n FROM members')).toBe(0);

    const community = db.$client.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('shell', 'c1', 1)").run();
    insert.run(community.lastInsertRowid);
    expect(count(db, 'SELECT count(*) AS n FROM members')).toBe(1);
  });
});
