// Copies an embedded SQLite store into PostgreSQL, for a community moving up
// from one process to several. Exact: every row keeps its id, and the copy is
// checked (row counts of every table, and the ledger's sum of points per
// group) before it is committed. Safe to re-run: rows already there (same
// key) are left alone, so a second run adds nothing and checks again. A
// target that already holds other communities is refused before anything is
// written, and one that drifted from the source fails the check: either way
// nothing changes.
import type Database from 'better-sqlite3';
import type pg from 'pg';

/** Parents before children, so every foreign key finds its row. */
export const COPY_ORDER = [
  'communities',
  'members',
  'groups',
  'group_mentors',
  'enrolments',
  'topic_completions',
  'daily_challenges',
  'quiz_attempts',
  'submissions',
  'activities',
  'streaks',
  'ledger',
  'scheduled_runs',
  'threads',
  'deliveries',
  'review_snippets',
  'mentor_ledger',
  'review_notices',
  'posts',
  'shares',
] as const;

const BATCH = 1_000;

export interface CopyReport {
  tables: { table: string; source: number; copied: number }[];
  ledgerPoints: number;
}

export class CopyMismatch extends Error {
  constructor(readonly problems: string[]) {
    super(`The copy does not match the source, so nothing was changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CopyMismatch';
  }
}

export async function copySqliteToPostgres(source: Database.Database, target: pg.Pool, onProgress: (line: string) => void = () => {}): Promise<CopyReport> {
  const client = await target.connect();
  try {
    // One transaction: either the whole store arrives, checked, or nothing does.
    await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
    await refuseOtherData(source, client);
    const tables: CopyReport['tables'] = [];
    for (const table of COPY_ORDER) {
      const types = await columnTypes(client, table);
      const columns = Object.keys(types);
      let copied = 0;
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const params: unknown[] = [];
        const tuples = batch.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(',')})`);
        const r = await client.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')} ON CONFLICT DO NOTHING`, params);
        copied += r.rowCount ?? 0;
        batch = [];
      };
      const rows = source.prepare(`SELECT ${columns.join(',')} FROM ${table}`).raw(true).iterate() as IterableIterator<unknown[]>;
      for (const row of rows) {
        // SQLite keeps booleans as 0/1.
        batch.push(row.map((v, i) => (types[columns[i]!] === 'boolean' && typeof v === 'number' ? v !== 0 : v)));
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      const sourceCount = (source.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      tables.push({ table, source: sourceCount, copied });
      onProgress(`${table}: ${sourceCount} rows, ${copied} copied now`);
      // New rows get ids after the copied ones.
      if ('id' in types) await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1), (SELECT count(*) > 0 FROM ${table}))`);
    }

    const problems: string[] = [];
    for (const t of tables) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.table}`);
      const n = Number(rows[0]!.n);
      if (n !== t.source) problems.push(`${t.table}: ${t.source} rows in SQLite, ${n} in PostgreSQL`);
    }
    const sums = (rows: { g: number | string; s: number | string }[]) => new Map(rows.map((r) => [Number(r.g), Number(r.s)]));
    const sourceSums = sums(source.prepare('SELECT group_id AS g, sum(points) AS s FROM ledger GROUP BY group_id').all() as { g: number; s: number }[]);
    const targetSums = sums((await client.query<{ g: string; s: string }>('SELECT group_id AS g, sum(points) AS s FROM ledger GROUP BY group_id')).rows);
    for (const [g, s] of sourceSums) if (targetSums.get(g) !== s) problems.push(`ledger of group ${g}: ${s} points in SQLite, ${targetSums.get(g) ?? 0} in PostgreSQL`);
    for (const g of targetSums.keys()) if (!sourceSums.has(g)) problems.push(`ledger of group ${g}: only in PostgreSQL`);
    if (problems.length) throw new CopyMismatch(problems);

    await client.query('COMMIT');
    return { tables, ledgerPoints: [...sourceSums.values()].reduce((a, b) => a + b, 0) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * An empty target, or a copy of this same source (a re-run), is fine; a
 * target already serving other communities is not: their ids would collide.
 */
async function refuseOtherData(source: Database.Database, client: pg.PoolClient): Promise<void> {
  const key = (r: { id: number | string; platform: string; external_id: string }) => `${r.id}:${r.platform}:${r.external_id}`;
  const sql = 'SELECT id, platform, external_id FROM communities';
  const ours = new Set((source.prepare(sql).all() as { id: number; platform: string; external_id: string }[]).map(key));
  const theirs = (await client.query<{ id: string; platform: string; external_id: string }>(sql)).rows.map(key);
  const other = theirs.filter((k) => !ours.has(k));
  if (other.length) {
    throw new CopyMismatch([
      `PostgreSQL already holds ${other.length} other communit${other.length === 1 ? 'y' : 'ies'} (e.g. ${other[0]}); copy into an empty database (createdb cohort) instead`,
    ]);
  }
}

/** The target table's columns and their types, in table order. */
async function columnTypes(client: pg.PoolClient, table: string): Promise<Record<string, string>> {
  const { rows } = await client.query<{ name: string; type: string }>(
    "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  if (rows.length === 0) throw new Error(`PostgreSQL has no table ${table}: is this Cohort's database?`);
  return Object.fromEntries(rows.map((r) => [r.name, r.type]));
}
