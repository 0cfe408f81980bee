// vitest globalSetup for the PostgreSQL project: one cluster for the whole
// run, with a template database already migrated; each test app then gets
// its own database copied from the template (fast, and isolated).
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/db/open.ts';
import { findPgBin, startCluster, type Cluster } from './pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
  }
}

export const TEMPLATE_DB = 'cohort_template';

let cluster: Cluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const bin = findPgBin();
  if (!bin) {
    // Without the binaries the engine cannot be tested here. CI installs them, so there it is a failure.
    const how = 'install Debian\'s postgresql package (apt-get install -y postgresql)';
    if (process.env.CI) throw new Error(`PostgreSQL tests need a server, and none is installed: ${how}.`);
    console.warn(`Skipping the PostgreSQL project: no PostgreSQL binaries under /usr/lib/postgresql. To run it, ${how}.`);
    project.provide('pgBaseUrl', '');
    return;
  }
  cluster = await startCluster(bin);
  const admin = new pg.Client({ connectionString: `${cluster.baseUrl}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  // Migrated once; every test database is a copy.
  const store = await openPostgres(`${cluster.baseUrl}/${TEMPLATE_DB}`);
  await store.close();
  project.provide('pgBaseUrl', cluster.baseUrl);
}

export function teardown(): void {
  cluster?.stop();
}
