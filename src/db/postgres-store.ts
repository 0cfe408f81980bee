// PostgreSQL, for more than one bot process: node-postgres's pool driven by
// drizzle. Transactions are SERIALIZABLE, so the read-then-write rules
// (a streak folded from its row, a decision on a still-pending submission)
// stay as safe as SQLite's one-writer-at-a-time made them; a transaction that
// loses a conflict is run again from the start, which is why transaction
// bodies touch nothing but the store.
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { postgresColumns } from './schema/columns.ts';
import * as tables from './schema/postgres.ts';
import { tablesFor, type Decided, type Decision, type Q, type Store, type TxOptions } from './store.ts';

// SQLSTATEs that mean "run me again": serialization_failure, deadlock_detected.
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 12;
// Any constant: every Cohort process migrating the same database takes it in turn.
const MIGRATION_LOCK = 7_406_112;

/** The server's SQLSTATE, found under drizzle's wrapping (a query error's cause, or its cause's). */
function sqlState(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export interface PostgresStore extends Store {
  readonly engine: 'postgres';
  readonly pool: pg.Pool;
}

/**
 * Another application's database (tables of its own, none of Cohort's migrations) is refused
 * before anything is created in it; an empty database, or Cohort's own, goes on.
 */
async function refuseForeignDatabase(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ ours: boolean; tables: string[] }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ours,
            coalesce((SELECT array_agg(table_name::text ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'), '{}') AS tables`,
  );
  const { ours, tables } = rows[0]!;
  if (ours || tables.length === 0) return;
  const shown = tables.slice(0, 3).join(', ') + (tables.length > 3 ? ` and ${tables.length - 3} more` : '');
  throw Object.assign(new Error(`it holds other tables (${shown}) and no Cohort migrations`), { code: 'COHORT_NOT_OURS' });
}

export async function openPostgresStore(pool: pg.Pool, where: string, migrationsFolder: string): Promise<PostgresStore> {
  const db = drizzle({ client: pool, casing: 'snake_case' });
  const t = tablesFor(postgresColumns, tables);
  const asQ = (x: object) => Object.assign(x, { t, engine: 'postgres' as const }) as unknown as Q;

  // Every statement, in a transaction or not, runs on a pooled client: time it there.
  // (A plain variable, not the store's field: the migration below runs before the store exists.)
  let onQuery: ((seconds: number) => void) | undefined;
  let closing: Promise<void> | undefined;
  const timed = (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const started = performance.now();
      const result = query(...args);
      if (onQuery && result instanceof Promise) {
        result.then(
          () => onQuery?.((performance.now() - started) / 1000),
          () => undefined,
        );
      }
      return result;
    };
  };
  pool.on('connect', timed);

  // Several processes may start at once; one migrates while the others wait.
  const lock = await pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await refuseForeignDatabase(lock);
    await migrate(db, { migrationsFolder });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lock.release();
  }

  const store: PostgresStore = {
    engine: 'postgres',
    pool,
    q: asQ(db),
    where,
    get onQuery() {
      return onQuery;
    },
    set onQuery(fn) {
      onQuery = fn;
    },
    async tx<T>(fn: (q: Q) => Promise<T>, options: TxOptions = {}): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction((tx) => fn(asQ(tx)), { isolationLevel: options.isolation ?? 'serializable' });
        } catch (err) {
          if (!RETRYABLE.has(sqlState(err) ?? '') || attempt >= MAX_ATTEMPTS) throw err;
          // Back off a little, with jitter, so the same two don't collide again.
          await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
        }
      }
    },
    // Written and committed before the outcome is given back (see Store.decide).
    async decide<T>(decide: (q: Q) => Promise<Decision<T>>, options?: TxOptions): Promise<Decided<T>> {
      const value = await store.tx(async (q) => {
        const decision = await decide(q);
        await decision.write(q);
        return decision.value;
      }, options);
      return { value, saved: Promise.resolve() };
    },
    async rows<T>(sql: string) {
      return (await pool.query(sql)).rows as T[];
    },
    // Idempotent, like SQLite's: a second close (a stop racing a failure) is not an error.
    close() {
      return (closing ??= pool.end());
    },
  };
  return store;
}
