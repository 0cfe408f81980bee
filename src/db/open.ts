// Opens the SQLite store, switches on the settings a long-running bot needs,
// and applies any pending migrations before anything reads it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const client = new Database(path);
  // WAL lets the scheduler and command handlers read while one writes;
  // the busy timeout makes a second process wait for a lock instead of failing.
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = NORMAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  const db = drizzle({ client, schema, casing: 'snake_case' });
  // drizzle records applied migrations in __drizzle_migrations, so this is a no-op when up to date.
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}
