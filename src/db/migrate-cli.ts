// `npm run db:migrate`: applies pending migrations to DATABASE_PATH and exits.
// The bot does the same at start; this is for admins who migrate before deploying.
import { ConfigError, loadConfig } from '../config.ts';
import { openDb } from './open.ts';

try {
  const config = loadConfig();
  const db = openDb(config.DATABASE_PATH);
  const rows = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  db.$client.close();
  console.log(`Database ${config.DATABASE_PATH} is up to date (${rows.n} migrations applied).`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
}
