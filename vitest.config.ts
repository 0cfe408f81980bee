import { defineConfig } from 'vitest/config';
import { findPgBin } from './test/helpers/pg-cluster.ts';

// The engine-parameterised suites: the same tests run once on each engine.
const ENGINE_SUITES = ['test/domain/**/*.test.ts', 'test/commands/**/*.test.ts', 'test/scheduler/**/*.test.ts', 'test/platforms/**/*.test.ts', 'test/db/races.test.ts', 'test/db/*.pg.test.ts', 'test/ops/**/*.test.ts'];

// Without PostgreSQL's binaries the postgres project cannot run here; CI
// installs them, and there a missing server fails the run (pg-global-setup).
const withPostgres = Boolean(findPgBin()) || Boolean(process.env.CI);
if (!withPostgres) {
  console.warn('PostgreSQL suites skipped: no binaries under /usr/lib/postgresql. Install them with `apt-get install -y postgresql` to run them.');
}

const shared = {
  // Each test file opens its own store; forks keep native handles apart.
  pool: 'forks' as const,
  testTimeout: 20_000,
};

export default defineConfig({
  test: {
    projects: [
      // *.pg.test.ts need a PostgreSQL server beside SQLite: they run in the postgres project.
      { test: { ...shared, name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/**/*.pg.test.ts'], env: { COHORT_TEST_ENGINE: 'sqlite' } } },
      ...(withPostgres
        ? [
            {
              test: {
                ...shared,
                name: 'postgres',
                include: ENGINE_SUITES,
                // The README's shell session is `npm start` with no configuration: embedded SQLite only.
                exclude: ['test/platforms/shell/readme-session.test.ts'],
                env: { COHORT_TEST_ENGINE: 'postgres' },
                globalSetup: ['test/helpers/pg-global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
