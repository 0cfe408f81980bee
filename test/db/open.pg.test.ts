// Opening PostgreSQL (issue 12 §3): each way it can fail names DATABASE_URL
// and the fix in one line, and another application's database is refused
// before Cohort creates anything in it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openPostgres, StoreOpenError } from '../../src/db/open.ts';
import { onCleanup } from '../helpers/app.ts';

const base = () => inject('pgBaseUrl');

async function admin(sql: string, db = 'postgres'): Promise<void> {
  const client = new pg.Client({ connectionString: `${base()}/${db}` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database, dropped after the test. */
async function emptyDatabase(): Promise<string> {
  const name = `o_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  onCleanup(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return name;
}

async function openError(url: string): Promise<StoreOpenError> {
  const err = await openPostgres(url).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreOpenError);
  const e = err as StoreOpenError;
  expect(e.message).not.toContain('\n');
  expect(e.message).toMatch(/^DATABASE_URL: /);
  return e;
}

describe('opening PostgreSQL', () => {
  it("refuses another application's database untouched, naming its tables and the fix", async () => {
    const name = await emptyDatabase();
    await admin('CREATE TABLE invoices (id int primary key); CREATE TABLE customers (id int primary key)', name);
    const e = await openError(`${base()}/${name}`);
    expect(e.message).toContain("is not Cohort's: it holds other tables (customers, invoices) and no Cohort migrations, so Cohort left it untouched.");
    expect(e.message).toContain('Point DATABASE_URL at an empty database of its own, e.g. `createdb cohort`.');
    const client = new pg.Client({ connectionString: `${base()}/${name}` });
    await client.connect();
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");
    await client.end();
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('takes an empty database, and opens its own again', async () => {
    const name = await emptyDatabase();
    const first = await openPostgres(`${base()}/${name}`);
    await first.close();
    const again = await openPostgres(`${base()}/${name}`);
    expect(await again.rows('SELECT count(*) AS n FROM members')).toEqual([{ n: '0' }]);
    await again.close();
  });

  it('names a missing database with the command that creates it', async () => {
    const e = await openError(`${base()}/no_such_db_${randomBytes(3).toString('hex')}`);
    expect(e.message).toMatch(/does not exist .*Create it first, e\.g\. `createdb cohort`\./);
  });

  it('names a server that is not there', async () => {
    const e = await openError('postgres://cohort:secret@127.0.0.1:1/cohort');
    expect(e.message).toContain('is not reachable');
    expect(e.message).not.toContain('secret');
  });
});
