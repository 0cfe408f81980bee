// The store's one face, whichever engine is behind it. Query code is written
// once against `Q`: a drizzle database typed as SQLite's async flavour, plus
// `t`, the tables of the engine in use. Everything it does (select, joins,
// insert … on conflict, update, delete, returning) reads the same on both
// engines; what would not (`.get()`, `.run().changes`) is not used.
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Columns } from './schema/columns.ts';
import { defineTables } from './schema/tables.ts';

export type Engine = 'sqlite' | 'postgres';

/** The store's tables on one engine, plus the aliases queries join with. */
export function tablesFor(columns: Columns, tables: ReturnType<typeof defineTables>) {
  // Submissions join members three times (author, reviewer, claimer): the others need their own names.
  return { ...tables, reviewer: columns.alias(tables.members, 'reviewer'), claimer: columns.alias(tables.members, 'claimer') };
}
export type Tables = ReturnType<typeof tablesFor>;

/** The database, or a transaction on it: every query function takes one. */
export type Q = BaseSQLiteDatabase<'async', unknown> & { readonly t: Tables; readonly engine: Engine };

export interface TxOptions {
  /**
   * PostgreSQL's isolation level (SQLite always runs one writer at a time).
   * SERIALIZABLE by default; READ COMMITTED for a transaction whose only race
   * is settled by a unique key (insert … on conflict, then read the winner),
   * where SERIALIZABLE would make concurrent groups retry each other for nothing.
   */
  isolation?: 'serializable' | 'read committed';
}

/** What a transaction decided, and the writes that carry it out (Store.decide). */
export interface Decision<T> {
  value: T;
  write(q: Q): Promise<void>;
}

/** A decision given back before its writes are saved (Store.decide). */
export interface Decided<T> {
  value: T;
  /** Settles when the writes are committed; rejects when none of them are kept. */
  saved: Promise<void>;
}

export interface Store {
  readonly engine: Engine;
  /** Plain queries, each on its own (autocommit). */
  readonly q: Q;
  /**
   * Runs `fn` as one transaction: all of it or none of it. `fn` must touch
   * nothing but the store (no network, no timers): on SQLite it holds the one
   * connection while it runs, and on PostgreSQL it may be run again when
   * another transaction's write conflicts with it (serialization failure).
   */
  tx<T>(fn: (q: Q) => Promise<T>, options?: TxOptions): Promise<T>;
  /**
   * A transaction that gives its outcome back before its writes are saved,
   * for the hot write a person waits on (a quiz answer). `decide` reads and
   * decides; the writes that carry the decision out come back with it.
   *
   * On SQLite the outcome comes back at once. The writes follow in the same
   * transaction once the caller's reply is on its way, so the ~0.2 ms they take
   * is not between the command and its answer, and decisions in quick
   * succession share one commit (sqlite-store.ts). The write lock is held from
   * the first read to the commit, so nothing can change what was decided.
   * `decide` must only read: a decision that throws then leaves the others
   * waiting alone, while writes that fail take them back too. On PostgreSQL
   * the writes and the commit come first, as in `tx`: a commit there can fail
   * on a conflict and be run again, which is not something to find out after
   * answering.
   *
   * `saved` settles once the writes are in, or rejects with why none of them
   * are (a full disk). Whoever replied then corrects the reply.
   */
  decide<T>(decide: (q: Q) => Promise<Decision<T>>, options?: TxOptions): Promise<Decided<T>>;
  /** Raw SQL for tools and tests (no parameters), rows as objects. */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Where the data lives, for messages ("./data/cohort.db", "postgres://host/db"). */
  readonly where: string;
  /** Told how long each statement took, in seconds (the metrics' store latency). */
  onQuery?: ((seconds: number) => void) | undefined;
  close(): Promise<void>;
}

/** The first row of a result, for queries that select at most one. */
export const first = <T>(rows: readonly T[]): T | undefined => rows[0];

/** A query built once and run with placeholders (`sql.placeholder`): what `prepared` hands back. */
export interface Prepared<R> {
  execute(values: Record<string, unknown>): Promise<R>;
}

const preparedByQ = new WeakMap<object, Map<string, Prepared<unknown>>>();

/**
 * The hot queries of every command (who, where, which enrolment) are built
 * once per database handle instead of per call: drizzle's query building
 * cost more than SQLite running them. Keyed by the handle, so a query
 * prepared on the pool never runs outside the transaction it is asked in.
 * `name` is also PostgreSQL's server-side statement name.
 */
export function prepared<R>(q: Q, name: string, build: (q: Q) => { prepare(name: string): Prepared<R> }): Prepared<R> {
  let byName = preparedByQ.get(q);
  if (!byName) preparedByQ.set(q, (byName = new Map()));
  let p = byName.get(name) as Prepared<R> | undefined;
  if (!p) byName.set(name, (p = build(q).prepare(name)));
  return p;
}
