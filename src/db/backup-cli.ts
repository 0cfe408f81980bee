// `npm run db:backup -- <file>`: an online, consistent copy of the SQLite
// store at DATABASE_PATH, taken with SQLite's backup API while the bot runs.
// (PostgreSQL is backed up with pg_dump: see README → Backups.)
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { checkSqliteFile } from './sqlite-file.ts';
import { StoreOpenError } from './store-errors.ts';
import Database from 'better-sqlite3';

async function main(): Promise<number> {
  const to = process.argv[2];
  if (!to) {
    console.error('Say where to write the backup: npm run db:backup -- ./backups/cohort-2026-03-02.db');
    return 2;
  }
  const config = loadConfig();
  if ('databaseUrl' in config.store) {
    console.error('DATABASE_URL is set: back up PostgreSQL with pg_dump (README → Backups); db:backup copies the embedded SQLite store.');
    return 2;
  }
  const from = config.store.databasePath;
  if (!existsSync(from)) {
    console.error(`DATABASE_PATH: there is no database at ${from} to back up.`);
    return 1;
  }
  if (existsSync(to)) {
    console.error(`${to} already exists; Cohort will not overwrite it. Pick a new file name.`);
    return 2;
  }
  checkSqliteFile(from);
  // Read-only: the backup never changes the live database; WAL lets the bot keep writing meanwhile.
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(to);
    console.log(`Backed up ${from} to ${to} (${totalPages} pages). Restore: stop Cohort, copy it over ${from}, start again.`);
    return 0;
  } finally {
    db.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof StoreOpenError ? err.message : `The backup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
