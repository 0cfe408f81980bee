import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes the next migration of each engine after a
// change to src/db/schema/tables.ts: migrations/sqlite/ from the SQLite
// instantiation of the schema, migrations/postgres/ from the PostgreSQL one.
// DRIZZLE_DIALECT picks which; the script runs both. The migrations are
// committed and applied at start.
const dialect = process.env.DRIZZLE_DIALECT === 'postgresql' ? 'postgresql' : 'sqlite';
const engine = dialect === 'postgresql' ? 'postgres' : 'sqlite';

export default defineConfig({
  dialect,
  schema: `./src/db/schema/${engine}.ts`,
  out: `./migrations/${engine}`,
  casing: 'snake_case',
});
