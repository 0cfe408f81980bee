// Where the bench runs each engine: a SQLite file in a temporary folder, and
// a database in a throwaway PostgreSQL cluster (the tests' own helper: initdb
// + pg_ctl on a free port of 127.0.0.1). Without PostgreSQL binaries that
// half is skipped, with a line saying so; the exit code is not affected.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreTarget } from '../src/db/open.ts';
import { findPgBin, startCluster, type Cluster } from '../test/helpers/pg-cluster.ts';

export type BenchEngine = 'sqlite' | 'postgres';
export const LABEL: Record<BenchEngine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

export interface Place {
  engine: BenchEngine;
  /** A new, empty store each call (not migrated: createApp does that). */
  fresh(name: string): Promise<StoreTarget>;
  close(): Promise<void>;
}

export function sqlitePlace(): Place {
  const dir = mkdtempSync(join(tmpdir(), 'cohort-bench-'));
  return {
    engine: 'sqlite',
    fresh: async (name) => ({ databasePath: join(dir, `${name}.db`) }),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A PostgreSQL cluster for the bench, or a reason why there is none. */
export async function postgresPlace(): Promise<Place | { skipped: string }> {
  const bin = findPgBin();
  if (!bin) {
    return { skipped: "no PostgreSQL binaries under /usr/lib/postgresql (Debian: apt-get install -y postgresql), so the PostgreSQL half is skipped" };
  }
  const cluster: Cluster = await startCluster(bin);
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: `${cluster.baseUrl}/postgres` });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    engine: 'postgres',
    async fresh(name) {
      await admin(`CREATE DATABASE ${name}`);
      return { databaseUrl: `${cluster.baseUrl}/${name}` };
    },
    close: async () => cluster.stop(),
  };
}
