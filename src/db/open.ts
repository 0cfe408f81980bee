// Opens the configured store, switches on the settings a long-running bot
// needs, and applies any pending migrations before anything reads it:
// embedded SQLite by default, PostgreSQL when DATABASE_URL is set.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export const MIGRATIONS_DIR = {
  sqlite: fileURLToPath(new URL('../../migrations/sqlite', import.meta.url)),
  postgres: fileURLToPath(new URL('../../migrations/postgres', import.meta.url)),
};

export type StoreTarget = { databaseUrl: string } | { databasePath: string };

export function openSqlite(path: string): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const client = new Database(path);
  // WAL lets the scheduler and command handlers read while one writes;
  // the busy timeout makes a second process wait for a lock instead of failing.
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = NORMAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  return openSqliteStore(client, path, MIGRATIONS_DIR.sqlite);
}

export async function openPostgres(url: string): Promise<Store> {
  // Loaded only when configured: the embedded default never pays for pg.
  const [{ default: pg }, { openPostgresStore }] = await Promise.all([import('pg'), import('./postgres-store.ts')]);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client's error (the server restarted) must not crash the bot; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    return await openPostgresStore(pool, redact(url), MIGRATIONS_DIR.postgres);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}

export function openStore(target: StoreTarget): Promise<Store> {
  return 'databaseUrl' in target ? openPostgres(target.databaseUrl) : Promise.resolve(openSqlite(target.databasePath));
}

/** The URL without its password, for logs and messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
