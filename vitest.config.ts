import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file opens its own SQLite file; forks keep native handles apart.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
