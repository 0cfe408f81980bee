// `npm run db:copy -- --to postgres://…`: copies the SQLite store at
// DATABASE_PATH (or `--from <file>`) into PostgreSQL, migrating the target
// first. Stop the bot before copying; start it again with DATABASE_URL set.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { CopyMismatch, copySqliteToPostgres } from './copy.ts';
import { openPostgres, openSqlite, redact } from './open.ts';
import type { PostgresStore } from './postgres-store.ts';

const USAGE = 'Usage: npm run db:copy -- --to postgres://user:password@host:5432/cohort [--from ./data/cohort.db]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { to: { type: 'string' }, from: { type: 'string' } }, strict: true });
  if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) {
    console.error(`--to must be the PostgreSQL URL to copy into.\n${USAGE}`);
    return 2;
  }
  const from = values.from ?? loadConfig().DATABASE_PATH;
  if (!existsSync(from)) {
    console.error(`There is no SQLite database at ${from}. Set DATABASE_PATH or pass --from <file>.\n${USAGE}`);
    return 2;
  }
  const source = openSqlite(from);
  const target = (await openPostgres(values.to)) as PostgresStore;
  try {
    console.log(`Copying ${from} into ${redact(values.to)} …`);
    const started = performance.now();
    const report = await copySqliteToPostgres(source.client, target.pool, (line) => console.log(`  ${line}`));
    const rows = report.tables.reduce((n, t) => n + t.source, 0);
    const added = report.tables.reduce((n, t) => n + t.copied, 0);
    console.log(
      `Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${rows} rows checked (${added} copied now, ${rows - added} already there), ` +
        `row counts and ledger sums (${report.ledgerPoints} points) match. Start Cohort with DATABASE_URL set to use it.`,
    );
    return 0;
  } catch (err) {
    console.error(err instanceof CopyMismatch || err instanceof ConfigError ? err.message : `The copy failed and nothing was changed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await source.close();
    await target.close();
  }
}

process.exitCode = await main();
