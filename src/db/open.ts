// Opens the configured store, switches on the settings a long-running bot
// needs, and applies any pending migrations before anything reads it:
// embedded SQLite by default, PostgreSQL when DATABASE_URL is set.
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { StoreTarget } from '../config.ts';
import { checkSqliteFile, COHORT_APPLICATION_ID, explainSqlite } from './sqlite-file.ts';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
import { StoreOpenError } from './store-errors.ts';
import type { Store } from './store.ts';

export const MIGRATIONS_DIR = {
  sqlite: fileURLToPath(new URL('../../migrations/sqlite', import.meta.url)),
  postgres: fileURLToPath(new URL('../../migrations/postgres', import.meta.url)),
};

export type { StoreTarget };

export function openSqlite(path: string, opts?: SqliteStoreOptions): SqliteStore {
  // Before anything touches the file: a wrong path or someone else's database fails here, unchanged.
  checkSqliteFile(path);
  let client: Database.Database | undefined;
  try {
    client = new Database(path);
    // WAL lets the scheduler and command handlers read while one writes;
    // the busy timeout makes a second process wait for a lock instead of failing.
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
    client.pragma('busy_timeout = 5000');
    // 4 MiB of pages in the process (better-sqlite3's default is 16 MiB): the OS caches the file as well, and the bot's memory stays lean.
    client.pragma('cache_size = -4000');
    // The log is checkpointed once the store is idle (idle-checkpoint.ts); SQLite's own checkpoint
    // inside a commit is the backstop for long bursts of writes: at 4,000 pages (16 MiB) instead of 1,000.
    client.pragma('wal_autocheckpoint = 4000');
    const store = openSqliteStore(client, path, MIGRATIONS_DIR.sqlite, opts);
    client.pragma(`application_id = ${COHORT_APPLICATION_ID}`);
    return store;
  } catch (err) {
    if (client?.open) client.close();
    throw explainSqlite(err, path);
  }
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
    throw new StoreOpenError(explainPostgres(err, redact(url)), { cause: err });
  }
}

export { StoreOpenError };

function explainPostgres(err: unknown, where: string): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const reason = e.message ?? String(err);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DATABASE_URL: the host of ${where} cannot be found (${reason}). Check the host name in DATABASE_URL.`;
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `DATABASE_URL: PostgreSQL at ${where} is not reachable (${reason}). Check that the server runs and listens on that host and port.`;
    case '28P01':
    case '28000':
      return `DATABASE_URL: PostgreSQL refused the login for ${where} (${reason}). Check the user and password in DATABASE_URL.`;
    case '3D000':
      return `DATABASE_URL: the database in ${where} does not exist (${reason}). Create it first, e.g. \`createdb cohort\`.`;
    case '42501':
      return `DATABASE_URL: the user in ${where} may not create Cohort's tables (${reason}). Grant it CREATE on the database, or run \`npm run db:migrate\` as its owner.`;
    case 'COHORT_NOT_OURS':
      return `DATABASE_URL: the database in ${where} is not Cohort's: ${reason}, so Cohort left it untouched. Point DATABASE_URL at an empty database of its own, e.g. \`createdb cohort\`.`;
    default:
      return `DATABASE_URL: could not open PostgreSQL at ${where}: ${reason}`;
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
