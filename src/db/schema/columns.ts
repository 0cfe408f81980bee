// The column vocabulary the schema is written in, one set per engine. The
// schema (tables.ts) is described once against this vocabulary; sqlite.ts and
// postgres.ts instantiate it with each engine's drizzle builders, so the two
// engines can never drift apart by hand.
import * as pg from 'drizzle-orm/pg-core';
import * as lite from 'drizzle-orm/sqlite-core';

export const sqliteColumns = {
  table: lite.sqliteTable,
  alias: lite.alias,
  /** An auto-incrementing integer primary key. */
  serial: () => lite.integer().primaryKey({ autoIncrement: true }),
  /** A small whole number (ids, counts). */
  int: () => lite.integer(),
  /** Epoch milliseconds: larger than 32 bits, so PostgreSQL needs bigint. */
  ms: () => lite.integer(),
  text: lite.text,
  bool: () => lite.integer({ mode: 'boolean' }),
  index: lite.index,
  uniqueIndex: lite.uniqueIndex,
  primaryKey: lite.primaryKey,
};

export type Columns = typeof sqliteColumns;

/**
 * The same vocabulary on PostgreSQL. Typed as the SQLite one on purpose: the
 * query code is written once against one set of types, and what it uses
 * (select, insert … on conflict, update, delete, returning, joins) means the
 * same on both engines. The engine-parameterised test suites prove it.
 */
export const postgresColumns = {
  table: pg.pgTable,
  alias: pg.alias,
  serial: () => pg.serial().primaryKey(),
  int: () => pg.integer(),
  ms: () => pg.bigint({ mode: 'number' }),
  text: pg.text,
  bool: () => pg.boolean(),
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  primaryKey: pg.primaryKey,
} as unknown as Columns;
