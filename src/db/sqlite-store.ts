// The embedded engine: one better-sqlite3 connection, driven through
// drizzle's async proxy so query code is the same as on PostgreSQL.
//
// better-sqlite3 is synchronous and a transaction is a state of the one
// connection, so an async transaction needs care: while one is open, a
// statement from any other caller would silently join it (and be lost if it
// rolls back). Transactions are therefore serialized, and the holder gets a
// handle of its own: its statements run at once, while statements on the
// shared handle wait until the holder is done. (The handle tells them apart,
// not AsyncLocalStorage: on Node 20 that hooks every promise in the process,
// which cost each interaction about 0.1 ms even outside transactions.) The
// one transaction left open between holders is that of quiz answers waiting
// for their shared commit (`group` below): reads run inside it, and whatever
// writes on its own commits it first.
import Database from 'better-sqlite3';
import { drizzle as syncDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import * as tables from './schema/sqlite.ts';
import { IdleCheckpoint } from './idle-checkpoint.ts';
import { sqliteColumns } from './schema/columns.ts';
import { tablesFor, type Decided, type Decision, type Q, type Store } from './store.ts';

type Method = 'run' | 'all' | 'values' | 'get';

/**
 * Runs `fn` once the reply to the command that is running now has been
 * handed to the network (Store.decide). The reply is built and sent in the
 * promise callbacks that follow the decision, and undici writes a request on
 * a kept-alive connection in the event loop's next check phase (it first lets
 * the connection's pending input be read: GHSA-35p6-xmwp-9g52). A second
 * check phase comes after that write. When the reply goes out later (a new
 * connection, a card), `fn` just runs first: only the overlap is lost.
 */
const afterTheReply = (fn: () => void) => setImmediate(() => setImmediate(fn));

/**
 * Decisions (Store.decide) whose writes are in are committed together, once
 * no other has come for GROUP_QUIET_MS, and at the latest GROUP_MAX_MS after
 * the first of them. A commit writes every page a transaction changed to the
 * log: one quiz answer changes about ten (the attempt, the ledger, the
 * activity and the streak, with their indexes), some 40 KiB, and the
 * checkpoint later makes all of it durable in one fsync that held the event
 * loop for ~25 ms every ~250 answers of a burst. Answers that follow one
 * another share those pages (rows are appended to the same leaves), so a
 * group of them writes about as much as one.
 */
const GROUP_QUIET_MS = 2;
const GROUP_MAX_MS = 20;

/** Statements are compiled once per SQL text; the set is small and fixed, but bound it anyway. */
const MAX_STATEMENTS = 2_000;

export interface SqliteStore extends Store {
  readonly engine: 'sqlite';
  /** The raw connection, for backups, pragmas and tests. */
  readonly client: Database.Database;
}

export interface SqliteStoreOptions {
  /** Quiet this long after a write and the write-ahead log is checkpointed (idle-checkpoint.ts). */
  checkpointIdleMs?: number;
  /** Decisions waiting are committed once none has come for this long (GROUP_QUIET_MS)… */
  groupQuietMs?: number;
  /** …and at the latest this long after the first of them (GROUP_MAX_MS). */
  groupMaxMs?: number;
}

export function openSqliteStore(client: Database.Database, where: string, migrationsFolder: string, opts: SqliteStoreOptions = {}): SqliteStore {
  // drizzle records applied migrations in __drizzle_migrations, so this is a no-op when up to date.
  migrate(syncDrizzle({ client }), { migrationsFolder });

  const statements = new Map<string, Database.Statement>();
  /** Statements whose bound LIMIT is written into their text (see `run`), by the text drizzle gave and the limit. */
  const limited = new Map<string, Map<number, Database.Statement>>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      if (statements.size >= MAX_STATEMENTS) {
        statements.clear();
        limited.clear();
      }
      s = client.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  // Found by the text as drizzle gave it, which a prepared query hands over as the same string
  // every call: writing the limit into a new text per call, to look that up, cost 0.5 µs a
  // statement (the new text hashed and compared whole) where this costs 0.06.
  const prepareLimited = (sql: string, limit: number) => {
    let byLimit = limited.get(sql);
    if (!byLimit) limited.set(sql, (byLimit = new Map()));
    let s = byLimit.get(limit);
    if (!s) byLimit.set(limit, (s = prepare(`${sql.slice(0, -1)}${limit}`)));
    return s;
  };

  // One read snapshot per turn of the event loop. Outside a transaction each
  // statement is its own read transaction, and on this 2-core VM taking and
  // dropping the log's read lock (two fcntl calls and an fstat, 1.5–2.3 µs
  // each) made a point lookup 8 µs where it is 2 µs inside one. A command's
  // look-ups all run in one turn (the store answers synchronously, so the
  // awaits between them are microtasks), so the first read opens a deferred
  // transaction, ended once the reply has been handed to the network
  // (afterTheReply; ending it first held the reply ~20 µs): one lock for them
  // all. Anything that writes, checkpoints or takes the connection ends the
  // snapshot first, so writes never run inside it and the bot's own writes
  // are always seen; another process's writes are seen from the turn after.
  // Prepared once: exec() parses its text on every call.
  const beginRead = client.prepare('BEGIN DEFERRED');
  const beginWrite = client.prepare('BEGIN IMMEDIATE');
  const endTx = client.prepare('COMMIT');
  let reading = false;
  const endRead = () => {
    if (!reading) return;
    reading = false;
    try {
      endTx.run();
    } catch {
      // A read-only transaction has nothing to lose.
      if (client.inTransaction) client.exec('ROLLBACK');
    }
  };
  const startRead = () => {
    if (reading || client.inTransaction) return;
    beginRead.run();
    reading = true;
    afterTheReply(endRead);
  };

  // The open transaction of the decisions waiting for their commit, if any:
  // between decisions, the bot's other statements run inside it (they see
  // what was decided); anything that commits on its own commits it first.
  let group: { since: number; timer: NodeJS.Timeout | undefined; saves: { resolve: () => void; reject: (err: unknown) => void }[] } | undefined;
  const groupQuietMs = opts.groupQuietMs ?? GROUP_QUIET_MS;
  const groupMaxMs = opts.groupMaxMs ?? GROUP_MAX_MS;
  /** The group's decisions are not kept: each one's `saved` rejects with why, and its reply is taken back. */
  const failGroup = (err: unknown) => {
    const g = group;
    if (!g) return;
    group = undefined;
    clearTimeout(g.timer);
    if (client.inTransaction) client.exec('ROLLBACK');
    for (const save of g.saves) save.reject(err);
  };
  const commitGroup = () => {
    const g = group;
    if (!g) return;
    try {
      endTx.run();
    } catch (err) {
      return failGroup(err);
    }
    group = undefined;
    clearTimeout(g.timer);
    checkpoint.activity(true);
    for (const save of g.saves) save.resolve();
  };
  /** Once quiet (or old enough), the decisions waiting are committed; never in the middle of someone's turn. */
  const armGroup = () => {
    const g = group;
    if (!g) return;
    clearTimeout(g.timer);
    const wait = Math.min(groupQuietMs, g.since + groupMaxMs - performance.now());
    g.timer = setTimeout(() => {
      g.timer = undefined;
      if (holder === undefined) commitGroup();
      // Whoever holds the connection re-arms it when done.
    }, Math.max(0, wait));
  };

  let holder: symbol | undefined;
  /** Whether the transaction holder's statements have changed anything yet (a decision only reads). */
  let unitWrote = false;
  // Settles when the open transaction ends; waiters then look again.
  let released: Promise<void> = Promise.resolve();
  // Settles when the last transaction asked for has ended: the next one starts after it.
  let queue: Promise<void> = Promise.resolve();

  const waitTurn = async () => {
    while (holder !== undefined) await released;
  };

  const checkpoint = new IdleCheckpoint({
    idleMs: opts.checkpointIdleMs ?? 1_000,
    run: () => {
      // Never inside a transaction: it would wait for the end instead.
      if (holder !== undefined || group !== undefined) return false;
      if (!client.open) return true;
      endRead();
      try {
        // PASSIVE: copies what it can without waiting on other processes' readers or writers.
        client.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Only a saving of work (a full disk, say): SQLite's own checkpoint at the backstop tries again.
      }
      return true;
    },
  });
  // The migrations just applied are in the log too: a new database's file gets its tables at the first quiet moment.
  checkpoint.activity(true);

  const run = (sql: string, params: unknown[], method: Method, inTx: boolean) => {
    // drizzle binds `.limit(n)` as a parameter. SQLite (built with STAT4, as
    // better-sqlite3 is) re-plans a statement on every call when its LIMIT is
    // bound, which made each point lookup 2–3× slower (14 µs against 5 µs).
    // Written into the text instead, the statement is planned once per limit.
    const last = params.length - 1;
    const limit = params[last];
    let s: Database.Statement;
    if (sql.endsWith(' limit ?') && Number.isSafeInteger(limit)) {
      s = prepareLimited(sql, limit as number);
      params = params.slice(0, last);
    } else s = prepare(sql);
    // Before running, so an insert … returning counts as the write it is.
    checkpoint.activity(!s.readonly);
    if (inTx) {
      if (!s.readonly) unitWrote = true;
    } else {
      if (s.readonly) startRead();
      else {
        // A write of its own commits at once: the decisions before it first, so it never rides in their transaction.
        commitGroup();
        endRead();
      }
    }
    if (method === 'run' || !s.reader) {
      s.run(...params);
      return { rows: [] };
    }
    s.raw(true);
    return { rows: method === 'get' ? s.get(...params) : s.all(...params) };
  };

  const timed = (sql: string, params: unknown[], method: Method, inTx: boolean) => {
    if (!store.onQuery) return run(sql, params, method, inTx) as { rows: unknown[] };
    const started = performance.now();
    const result = run(sql, params, method, inTx) as { rows: unknown[] };
    store.onQuery((performance.now() - started) / 1000);
    return result;
  };
  const t = tablesFor(sqliteColumns, tables);
  const handle = (callback: (sql: string, params: unknown[], method: Method) => Promise<{ rows: unknown[] }>) =>
    Object.assign(
      drizzle(
        callback,
        // drizzle reads `casing` only when a batch callback comes first; Cohort does not batch.
        () => Promise.reject(new Error('batch is not used')),
        { casing: 'snake_case' },
      ),
      { t, engine: 'sqlite' as const },
    ) as unknown as Q;
  // Everyone's handle: while a transaction is open, its statements wait for the end.
  const q = handle(async (sql, params, method) => {
    if (holder !== undefined) await waitTurn();
    return timed(sql, params, method, false);
  });
  // The transaction holder's handle (one transaction at a time, so one handle serves them all).
  const txQ = handle(async (sql, params, method) => {
    // A handle kept past its transaction would write outside any transaction, or inside someone else's.
    if (holder === undefined) throw new Error('a transaction handle was used after its transaction ended');
    return timed(sql, params, method, true);
  });

  /**
   * Waits for the connection's turn and opens a transaction on it; the
   * function given back ends it. A decision (`join`) runs in the group's
   * transaction, opening it if there is none; any other transaction commits
   * the group first and runs on its own.
   */
  const open = async (join = false): Promise<(commit: boolean, why?: unknown) => void> => {
    const before = queue;
    let done!: () => void;
    queue = new Promise((r) => (done = r));
    await before;
    let end!: () => void;
    released = new Promise((r) => (end = r));
    holder = Symbol('tx');
    unitWrote = false;
    const release = () => {
      holder = undefined;
      end();
      done();
    };
    endRead();
    if (!join) commitGroup();
    else if (group && !client.inTransaction) failGroup(new Error('the transaction was rolled back'));
    // Answers queued back to back never leave a moment for the timer: past its age, the group goes out here.
    else if (group && performance.now() - group.since >= groupMaxMs) commitGroup();
    try {
      // IMMEDIATE takes the write lock up front, so two bot processes queue
      // on busy_timeout instead of deadlocking on a read→write upgrade.
      if (!group) {
        beginWrite.run();
        if (join) group = { since: performance.now(), timer: undefined, saves: [] };
      }
    } catch (err) {
      release();
      throw err;
    }
    if (join) {
      return (commit, why) => {
        // A decision that refuses (it only read) leaves the group as it was.
        // Writes that fail part-way cannot be undone alone: one transaction
        // holds the group, so those waiting with them go too, nothing of any
        // of them is kept, and each one's reply is taken back (a learner
        // answers again). A savepoint per decision would spare them, but it
        // copied every page a decision changed into its journal first: 45 µs
        // of the answer's ~180.
        // A refusal in a group of its own rolls back the transaction it opened.
        if (!commit && (unitWrote || group?.saves.length === 0)) failGroup(why);
        release();
        armGroup();
      };
    }
    return (commit) => {
      try {
        if (commit) {
          client.exec('COMMIT');
          checkpoint.activity(true);
        } else if (client.inTransaction) client.exec('ROLLBACK');
      } catch (err) {
        if (client.inTransaction) client.exec('ROLLBACK');
        throw err;
      } finally {
        release();
      }
    };
  };

  const tx = async <T>(fn: (q: Q) => Promise<T>): Promise<T> => {
    const end = await open();
    let result: T;
    try {
      result = await fn(txQ);
    } catch (err) {
      end(false);
      throw err;
    }
    end(true);
    return result;
  };

  const decide = async <T>(fn: (q: Q) => Promise<Decision<T>>): Promise<Decided<T>> => {
    const end = await open(true);
    let decision: Decision<T>;
    try {
      decision = await fn(txQ);
    } catch (err) {
      end(false, err);
      throw err;
    }
    const write = async () => {
      try {
        await decision.write(txQ);
      } catch (err) {
        end(false, err);
        throw err;
      }
      // In the group's transaction: saved once the group commits.
      const committed = new Promise<void>((resolve, reject) => group!.saves.push({ resolve, reject }));
      end(true);
      await committed;
    };
    const saved = new Promise<void>((resolve, reject) => afterTheReply(() => void write().then(resolve, reject)));
    // Marked as handled here: a caller that lets it go still leaves no unhandled rejection.
    saved.catch(() => undefined);
    return { value: decision.value, saved };
  };

  const store: SqliteStore = {
    engine: 'sqlite',
    client,
    q,
    tx,
    decide,
    where,
    async rows<T>(sql: string) {
      await waitTurn();
      commitGroup();
      endRead();
      const s = client.prepare(sql);
      if (s.reader) return s.all() as T[];
      s.run();
      return [];
    },
    async close() {
      await queue;
      commitGroup();
      endRead();
      checkpoint.stop();
      if (client.open) client.close();
    },
  };
  return store;
}
