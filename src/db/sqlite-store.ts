// The embedded engine: one better-sqlite3 connection, driven through
// drizzle's async proxy so query code is the same as on PostgreSQL.
//
// better-sqlite3 is synchronous and a transaction is a state of the one
// connection, so an async transaction needs care: while one is open, a
// statement from any other caller would silently join it (and be lost if it
// rolls back). Transactions are therefore serialized: the holder's
// statements run at once, everyone else's wait until COMMIT or ROLLBACK.
// AsyncLocalStorage tells the holder's statements from the rest.
import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { drizzle as syncDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import * as tables from './schema/sqlite.ts';
import { sqliteColumns } from './schema/columns.ts';
import { tablesFor, type Q, type Store } from './store.ts';

type Method = 'run' | 'all' | 'values' | 'get';

/** Statements are compiled once per SQL text; the set is small and fixed, but bound it anyway. */
const MAX_STATEMENTS = 2_000;

export interface SqliteStore extends Store {
  readonly engine: 'sqlite';
  /** The raw connection, for backups, pragmas and tests. */
  readonly client: Database.Database;
}

export function openSqliteStore(client: Database.Database, where: string, migrationsFolder: string): SqliteStore {
  // drizzle records applied migrations in __drizzle_migrations, so this is a no-op when up to date.
  migrate(syncDrizzle({ client }), { migrationsFolder });

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      s = client.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };

  const owner = new AsyncLocalStorage<symbol>();
  let holder: symbol | undefined;
  // Settles when the open transaction ends; waiters then look again.
  let released: Promise<void> = Promise.resolve();
  let queue: Promise<unknown> = Promise.resolve();

  const waitTurn = async () => {
    while (holder !== undefined && owner.getStore() !== holder) await released;
  };

  const run = (sql: string, params: unknown[], method: Method) => {
    // drizzle binds `.limit(n)` as a parameter. SQLite (built with STAT4, as
    // better-sqlite3 is) re-plans a statement on every call when its LIMIT is
    // bound, which made each point lookup 2–3× slower (14 µs against 5 µs).
    // Written into the text instead, the statement is planned once per limit.
    const last = params.length - 1;
    if (sql.endsWith(' limit ?') && Number.isSafeInteger(params[last])) {
      sql = `${sql.slice(0, -1)}${String(params[last])}`;
      params = params.slice(0, last);
    }
    const s = prepare(sql);
    if (method === 'run' || !s.reader) {
      s.run(...params);
      return { rows: [] };
    }
    s.raw(true);
    return { rows: method === 'get' ? s.get(...params) : s.all(...params) };
  };

  const db = drizzle(
    async (sql, params, method) => {
      if (holder !== undefined && owner.getStore() !== holder) await waitTurn();
      if (!store.onQuery) return run(sql, params, method) as { rows: unknown[] };
      const started = performance.now();
      const result = run(sql, params, method) as { rows: unknown[] };
      store.onQuery((performance.now() - started) / 1000);
      return result;
    },
    // drizzle reads `casing` only when a batch callback comes first; Cohort does not batch.
    () => Promise.reject(new Error('batch is not used')),
    { casing: 'snake_case' },
  );
  const q = Object.assign(db, { t: tablesFor(sqliteColumns, tables), engine: 'sqlite' as const }) as unknown as Q;

  const tx = <T>(fn: (q: Q) => Promise<T>): Promise<T> => {
    if (holder !== undefined && owner.getStore() === holder) {
      // A bug, not a state to recover from: the caller already holds a transaction and must pass it down.
      return Promise.reject(new Error('store.tx called inside a transaction; pass the transaction down instead'));
    }
    const turn = queue.then(async () => {
      const token = Symbol('tx');
      let end!: () => void;
      released = new Promise((r) => (end = r));
      holder = token;
      try {
        // IMMEDIATE takes the write lock up front, so two bot processes queue
        // on busy_timeout instead of deadlocking on a read→write upgrade.
        client.exec('BEGIN IMMEDIATE');
        try {
          const result = await owner.run(token, () => fn(q));
          client.exec('COMMIT');
          return result;
        } catch (err) {
          if (client.inTransaction) client.exec('ROLLBACK');
          throw err;
        }
      } finally {
        holder = undefined;
        end();
      }
    });
    // The queue only orders turns; one turn's failure is its caller's alone.
    queue = turn.catch(() => undefined);
    return turn;
  };

  const store: SqliteStore = {
    engine: 'sqlite',
    client,
    q,
    tx,
    where,
    async rows<T>(sql: string) {
      await waitTurn();
      const s = client.prepare(sql);
      if (s.reader) return s.all() as T[];
      s.run();
      return [];
    },
    async close() {
      await queue;
      if (client.open) client.close();
    },
  };
  return store;
}
