/** The store could not be opened: the message names the setting and the fix, in one line. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

// SQLite's result codes (better-sqlite3 puts them in `code`, extended codes
// included, e.g. SQLITE_IOERR_WRITE) and PostgreSQL's SQLSTATEs that mean the
// store cannot take writes at all, whatever the command was.
const SQLITE_CANT_WRITE: Record<string, string> = {
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the database is read-only',
  SQLITE_IOERR: 'the disk reported an I/O error',
};
const PG_CANT_WRITE: Record<string, string> = {
  '53100': 'the database server’s disk is full',
  '25006': 'the database is read-only (a standby, or default_transaction_read_only)',
  '58030': 'the database server reported an I/O error',
  '53000': 'the database server is out of resources',
};

/**
 * Why the store refused a write, in one line, when `err` (or any error it wraps: drizzle wraps
 * the driver's) says the store cannot take writes right now; undefined for any other error.
 */
export function storeWriteFailure(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    const sqlite = SQLITE_CANT_WRITE[code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')];
    if (sqlite) return `${sqlite} (${code}: ${e.message})`;
    const pg = PG_CANT_WRITE[code];
    if (pg) return `${pg} (SQLSTATE ${code}: ${e.message})`;
  }
  return undefined;
}
