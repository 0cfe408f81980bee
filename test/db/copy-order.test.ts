// db:copy moves every table: a table added to the schema but not to the copy
// would be silently left behind when a community moves to PostgreSQL.
import { getTableName, type Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { COPY_ORDER } from '../../src/db/copy.ts';
import * as schema from '../../src/db/schema/sqlite.ts';

describe('db:copy', () => {
  it('copies every table of the schema', () => {
    const tables = Object.values(schema).map((t) => getTableName(t as Table));
    expect([...COPY_ORDER].sort()).toEqual(tables.sort());
  });
});
