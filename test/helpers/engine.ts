// Which engine this test run uses. vitest runs the engine-parameterised
// suites once per engine (the `sqlite` and `postgres` projects in
// vitest.config.ts); COHORT_TEST_ENGINE says which one this is.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { StoreTarget } from '../../src/db/open.ts';

export type TestEngine = 'sqlite' | 'postgres';
export const ENGINE: TestEngine = process.env.COHORT_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

const TEMPLATE_DB = 'cohort_template';

export interface TestStore {
  target: StoreTarget;
  /** The variables a bot process needs to open the same store. */
  env: Record<string, string>;
  /** Removes it (after every app on it has closed). */
  drop(): Promise<void>;
}

/** A fresh, migrated store: a SQLite file in `dir`, or a PostgreSQL database copied from the migrated template. */
export async function freshStore(dir: string): Promise<TestStore> {
  if (ENGINE === 'sqlite') {
    const path = join(dir, 'cohort.db');
    return { target: { databasePath: path }, env: { DATABASE_PATH: path }, drop: async () => undefined };
  }
  const base = inject('pgBaseUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin(base, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  const url = `${base}/${name}`;
  return {
    target: { databaseUrl: url },
    env: { DATABASE_URL: url },
    drop: () => admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(base: string, sql: string): Promise<void> {
  // Copies of one template can collide for a moment ("source database is being accessed"); try again.
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      await client.query(sql);
      return;
    } catch (err) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    } finally {
      await client.end();
    }
  }
}
