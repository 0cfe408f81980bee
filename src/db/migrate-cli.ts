// `npm run db:migrate`: applies pending migrations to the configured store
// (DATABASE_URL, else DATABASE_PATH) and exits. The bot does the same at
// start; this is for admins who migrate before deploying.
import { ConfigError, loadConfig } from '../config.ts';
import { openStore, StoreOpenError } from './open.ts';

try {
  const config = loadConfig();
  const store = await openStore(config.store);
  const [row] = await store.rows<{ n: number | string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations'.replace('drizzle.', store.engine === 'postgres' ? 'drizzle.' : ''));
  await store.close();
  console.log(`Database ${store.where} is up to date (${Number(row?.n)} migrations applied).`);
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof StoreOpenError ? err.message : err);
  process.exitCode = 1;
}
