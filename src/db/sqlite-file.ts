// Checks the SQLite file before Cohort touches it, so every failure to open
// the store names DATABASE_PATH, the path and the fix in one line — and a
// file that belongs to another application is never modified (no WAL switch,
// no migrations table). Cohort's own files carry PRAGMA application_id.
import { accessSync, constants, existsSync, mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreOpenError } from './store-errors.ts';

/** "Coht" in ASCII: written into every Cohort database's header. */
export const COHORT_APPLICATION_ID = 0x436f6874;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

const fail = (path: string, what: string, fix: string) => new StoreOpenError(`DATABASE_PATH: ${path} ${what}. ${fix}`);

/** Everything that can be checked before opening; throws a StoreOpenError naming the fix. */
export function checkSqliteFile(path: string): void {
  if (path === ':memory:') return;
  const dir = dirname(path);
  if (existsSync(path) && statSync(path).isDirectory()) throw fail(path, 'is a folder', `Point DATABASE_PATH at a file inside it, e.g. ${path.replace(/\/$/, '')}/cohort.db.`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw fail(path, `cannot be created: a part of ${dir} is a file, not a folder`, 'Point DATABASE_PATH somewhere else, or move that file away.');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw fail(path, `cannot be created: this user may not create the folder ${dir} (${code})`, 'Create it and give this user write access, or point DATABASE_PATH somewhere writable.');
    throw fail(path, `cannot be created (${code ?? String(err)})`, 'Point DATABASE_PATH somewhere writable.');
  }
  try {
    // SQLite writes its -wal and -shm files beside the database.
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    throw fail(path, `is in a folder this user cannot write (${dir})`, 'Give this user write access to the folder (SQLite keeps its journal beside the file), or point DATABASE_PATH elsewhere.');
  }
  if (!existsSync(path)) return;
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    throw fail(path, 'is not writable by this user', 'Fix its owner or permissions (chown/chmod), or point DATABASE_PATH at a copy you can write.');
  }
  const size = statSync(path).size;
  if (size === 0) return; // an empty file is a new database
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC || size < 512) {
    throw fail(path, 'is not a SQLite database, or is damaged', 'Point DATABASE_PATH at Cohort\'s database, or restore it from a backup (README → Backups).');
  }
  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
    const id = probe.pragma('application_id', { simple: true }) as number;
    if (id === COHORT_APPLICATION_ID) return;
    const tables = new Set((probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    // A Cohort database from before application_id was written: it has Cohort's own tables.
    const olderCohort = id === 0 && tables.has('__drizzle_migrations') && tables.has('communities') && tables.has('scheduled_runs');
    if (olderCohort || (id === 0 && tables.size === 0)) return;
    throw fail(path, 'belongs to another application (it is a SQLite database without Cohort\'s tables)', 'Cohort will not change it. Point DATABASE_PATH at a new file, e.g. ./data/cohort.db.');
  } catch (err) {
    if (err instanceof StoreOpenError) throw err;
    throw explainSqlite(err, path);
  } finally {
    probe?.close();
  }
}

/** A SQLite error met while opening or migrating, as a one-line message with the fix. */
export function explainSqlite(err: unknown, path: string): StoreOpenError {
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_FULL')) return fail(path, 'cannot be written: the disk is full', 'Free some space on that disk, then start Cohort again; nothing was changed.');
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return fail(path, 'is damaged', 'Restore it from a backup (README → Backups), or move it away to start afresh.');
  if (code.startsWith('SQLITE_READONLY')) return fail(path, 'is read-only (a read-only disk or mount)', 'Put the database on a writable disk, or point DATABASE_PATH elsewhere.');
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_IOERR')) return fail(path, `cannot be opened (${code})`, 'Check the disk and the file\'s permissions.');
  return fail(path, `cannot be opened: ${err instanceof Error ? err.message : String(err)}`, 'Check the file, or restore it from a backup (README → Backups).');
}
