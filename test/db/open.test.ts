// The embedded engine's own promises: its file, its settings, its migrations.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/open.ts';
import type { SqliteStore } from '../../src/db/sqlite-store.ts';
import { tempDir } from '../helpers/app.ts';

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

  it('switches on WAL, foreign keys and a 5 s busy timeout', () => {
    const s = openTracked(join(tempDir(), 'cohort.db'));
    expect(s.client.pragma('journal_mode', { simple: true })).toBe('wal');
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
