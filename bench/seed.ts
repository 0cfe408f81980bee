// The bench's community, generated once in JS (deterministic PRNG) and then
// written into each engine, so both hold exactly the same rows, ids included:
//   20 groups, 100,000 members, 1,000,000 activities + 1,000,000 ledger rows
//   over a year, topic completions, folded streaks, today's daily challenge.
// SQLite is seeded with prepared statements in one transaction; PostgreSQL
// with `INSERT … SELECT FROM unnest($1::int[], …)` in batches (one array per
// column, no extra dependency), then every serial sequence reset and VACUUM (ANALYZE).
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { Roadmap } from '../src/content/catalog.ts';
import { foldStreak } from '../src/domain/streak-rules.ts';
import { addDays, localDate } from '../src/domain/time.ts';

export const GROUPS = 20;
export const MEMBERS = 100_000;
export const ROWS = 2_000_000; // half activities, half ledger
export const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];
const DAY = 86_400_000;

export interface SeedData {
  now: number;
  groups: { id: number; channel: string; zone: string; today: string }[];
  quizId: string;
  members: { group: Int32Array; userId: string[]; name: string[]; track: (string | null)[] }; // id = index + 1
  completions: { group: Int32Array; member: Int32Array; topic: string[]; at: Float64Array };
  /** Activities and ledger rows share group, member and time; id = index + 1 in each table. */
  rows: { group: Int32Array; member: Int32Array; day: string[]; at: Float64Array; ref: string[] };
  streaks: { group: Int32Array; member: Int32Array; current: Int32Array; longest: Int32Array; freezes: Int32Array; runDays: Int32Array; lastActive: string[] };
}

/** The expected row count of each seeded table, to check both engines against. */
export function expectedCounts(d: SeedData): Record<string, number> {
  return {
    communities: 1,
    groups: d.groups.length,
    daily_challenges: d.groups.length,
    members: d.members.userId.length,
    enrolments: d.members.userId.length,
    topic_completions: d.completions.topic.length,
    activities: d.rows.day.length,
    ledger: d.rows.day.length,
    streaks: d.streaks.lastActive.length,
  };
}

export function generate(now: Date, roadmap: Roadmap): SeedData {
  const nowMs = now.getTime();
  const perGroup = MEMBERS / GROUPS;
  const perMember = ROWS / 2 / MEMBERS;
  const quiz = roadmap.dailyPool.find((c) => c.type === 'quiz' && c.choices)!;
  const tracks = ['python', 'javascript', 'java', 'go', null];
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

  // Local dates by 15-minute slot: every zone offset and DST change falls on one, so this is exact.
  const dayCache = new Map<string, Map<number, string>>();
  const dayOf = (at: number, zone: string) => {
    let byZone = dayCache.get(zone);
    if (!byZone) dayCache.set(zone, (byZone = new Map()));
    const slot = Math.floor(at / 900_000);
    let day = byZone.get(slot);
    if (day === undefined) byZone.set(slot, (day = localDate(new Date(slot * 900_000), zone)));
    return day;
  };

  const nRows = ROWS / 2;
  const d: SeedData = {
    now: nowMs,
    groups: [],
    quizId: quiz.id,
    members: { group: new Int32Array(MEMBERS), userId: [], name: [], track: [] },
    completions: { group: new Int32Array(MEMBERS * 30), member: new Int32Array(MEMBERS * 30), topic: [], at: new Float64Array(MEMBERS * 30) },
    rows: { group: new Int32Array(nRows), member: new Int32Array(nRows), day: new Array<string>(nRows), at: new Float64Array(nRows), ref: new Array<string>(nRows) },
    streaks: {
      group: new Int32Array(MEMBERS),
      member: new Int32Array(MEMBERS),
      current: new Int32Array(MEMBERS),
      longest: new Int32Array(MEMBERS),
      freezes: new Int32Array(MEMBERS),
      runDays: new Int32Array(MEMBERS),
      lastActive: [],
    },
  };
  let m = 0;
  let c = 0;
  let r = 0;
  for (let g = 1; g <= GROUPS; g++) {
    const zone = ZONES[g % ZONES.length]!;
    const today = localDate(now, zone);
    d.groups.push({ id: g, channel: `channel-${g}`, zone, today });
    for (let i = 0; i < perGroup; i++) {
      d.members.group[m] = g;
      d.members.userId.push(`user-${g}-${i}`);
      d.members.name.push(`Member ${g}-${i}`);
      d.members.track.push(tracks[i % tracks.length] ?? null);
      m++;
      const done = Math.floor(rand() * 30);
      for (let k = 0; k < done; k++, c++) {
        d.completions.group[c] = g;
        d.completions.member[c] = m;
        d.completions.topic.push(roadmap.topics[k]!.id);
        d.completions.at[c] = nowMs - (30 - k) * DAY;
      }
      // A run of active days ending at a random point in the last year.
      const end = Math.floor(rand() * 365);
      const days: string[] = [];
      for (let k = perMember - 1; k >= 0; k--, r++) {
        const at = nowMs - (end + k) * DAY - Math.floor(rand() * 36_000_000);
        const day = dayOf(at, zone);
        days.push(day);
        d.rows.group[r] = g;
        d.rows.member[r] = m;
        d.rows.day[r] = day;
        d.rows.at[r] = at;
        d.rows.ref[r] = `quiz:${g}-${i}-${k}`;
      }
      const s = foldStreak(days);
      const j = m - 1;
      d.streaks.group[j] = g;
      d.streaks.member[j] = m;
      d.streaks.current[j] = s.current;
      d.streaks.longest[j] = s.longest;
      d.streaks.freezes[j] = s.freezes;
      d.streaks.runDays[j] = s.runDays;
      d.streaks.lastActive.push(s.lastActive ?? addDays(today, -1));
    }
  }
  d.completions.group = d.completions.group.slice(0, c);
  d.completions.member = d.completions.member.slice(0, c);
  d.completions.at = d.completions.at.slice(0, c);
  return d;
}

export function seedSqlite(sql: Database.Database, d: SeedData): void {
  const now = d.now;
  sql.transaction(() => {
    sql.prepare("INSERT INTO communities (id, platform, external_id, created_at) VALUES (1, 'discord', 'bench-guild', ?)").run(now);
    const insGroup = sql.prepare(
      "INSERT INTO groups (id, community_id, channel_id, roadmap_id, timezone, post_time, reminder_time, created_at, updated_at) VALUES (?, 1, ?, 'backend', ?, '09:00', '20:00', ?, ?)",
    );
    const insDaily = sql.prepare("INSERT INTO daily_challenges (id, community_id, group_id, local_date, challenge_id, cycle, created_at) VALUES (?, 1, ?, ?, ?, 0, ?)");
    for (const g of d.groups) {
      insGroup.run(g.id, g.channel, g.zone, now, now);
      insDaily.run(g.id, g.id, g.today, d.quizId, now);
    }
    const insMember = sql.prepare('INSERT INTO members (id, community_id, user_id, display_name, created_at) VALUES (?, 1, ?, ?, ?)');
    const insEnrol = sql.prepare('INSERT INTO enrolments (id, community_id, group_id, member_id, track, started_at) VALUES (?, 1, ?, ?, ?, ?)');
    const M = d.members;
    for (let j = 0; j < M.userId.length; j++) {
      insMember.run(j + 1, M.userId[j], M.name[j], now);
      insEnrol.run(j + 1, M.group[j], j + 1, M.track[j], now - 365 * DAY);
    }
    const insDone = sql.prepare('INSERT INTO topic_completions (community_id, group_id, member_id, topic_id, completed_at) VALUES (1, ?, ?, ?, ?)');
    const C = d.completions;
    for (let j = 0; j < C.topic.length; j++) insDone.run(C.group[j], C.member[j], C.topic[j], C.at[j]);
    const insAct = sql.prepare("INSERT INTO activities (id, community_id, group_id, member_id, local_date, kind, at) VALUES (?, 1, ?, ?, ?, 'answer', ?)");
    const insLedger = sql.prepare("INSERT INTO ledger (id, community_id, group_id, member_id, points, reason, ref, at) VALUES (?, 1, ?, ?, 10, 'quiz answered', ?, ?)");
    const R = d.rows;
    for (let j = 0; j < R.day.length; j++) {
      insAct.run(j + 1, R.group[j], R.member[j], R.day[j], R.at[j]);
      insLedger.run(j + 1, R.group[j], R.member[j], R.ref[j], R.at[j]);
    }
    const insStreak = sql.prepare(
      'INSERT INTO streaks (community_id, group_id, member_id, current, longest, freezes, run_days, last_active) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
    );
    const S = d.streaks;
    for (let j = 0; j < S.lastActive.length; j++) insStreak.run(S.group[j], S.member[j], S.current[j], S.longest[j], S.freezes[j], S.runDays[j], S.lastActive[j]);
  })();
  sql.pragma('optimize');
}

const PG_BATCH = 50_000;

/**
 * One `INSERT … SELECT FROM unnest(…)` per batch: each column travels as one
 * array parameter, so a batch of 50,000 rows is one round trip and one plan.
 */
async function unnestInsert(
  client: pg.PoolClient,
  table: string,
  columns: { name: string; type: string; values: ArrayLike<unknown> }[],
  constants: Record<string, string> = {},
): Promise<void> {
  const n = columns[0]!.values.length;
  const names = [...columns.map((c) => c.name), ...Object.keys(constants)];
  const select = [...columns.map((c) => c.name), ...Object.values(constants)];
  const text = `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')}) AS u(${columns.map((c) => c.name).join(', ')})`;
  for (let from = 0; from < n; from += PG_BATCH) {
    const to = Math.min(n, from + PG_BATCH);
    const params = columns.map((c) => Array.prototype.slice.call(c.values, from, to));
    await client.query(text, params);
  }
}

const range = (n: number) => Int32Array.from({ length: n }, (_, i) => i + 1);

export async function seedPostgres(pool: pg.Pool, d: SeedData): Promise<void> {
  const now = String(d.now);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // A bulk load of rows that are consistent by construction: skip the per-row foreign-key triggers.
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query("INSERT INTO communities (id, platform, external_id, created_at) VALUES (1, 'discord', 'bench-guild', $1)", [now]);
    const G = d.groups;
    await unnestInsert(
      client,
      'groups',
      [
        { name: 'id', type: 'int', values: G.map((g) => g.id) },
        { name: 'channel_id', type: 'text', values: G.map((g) => g.channel) },
        { name: 'timezone', type: 'text', values: G.map((g) => g.zone) },
      ],
      { community_id: '1', roadmap_id: "'backend'", post_time: "'09:00'", reminder_time: "'20:00'", created_at: now, updated_at: now },
    );
    await unnestInsert(
      client,
      'daily_challenges',
      [
        { name: 'id', type: 'int', values: G.map((g) => g.id) },
        { name: 'group_id', type: 'int', values: G.map((g) => g.id) },
        { name: 'local_date', type: 'text', values: G.map((g) => g.today) },
      ],
      { community_id: '1', challenge_id: `'${d.quizId.replace(/'/g, "''")}'`, cycle: '0', created_at: now },
    );
    const M = d.members;
    const ids = range(M.userId.length);
    await unnestInsert(
      client,
      'members',
      [
        { name: 'id', type: 'int', values: ids },
        { name: 'user_id', type: 'text', values: M.userId },
        { name: 'display_name', type: 'text', values: M.name },
      ],
      { community_id: '1', created_at: now },
    );
    await unnestInsert(
      client,
      'enrolments',
      [
        { name: 'id', type: 'int', values: ids },
        { name: 'group_id', type: 'int', values: M.group },
        { name: 'member_id', type: 'int', values: ids },
        { name: 'track', type: 'text', values: M.track },
      ],
      { community_id: '1', started_at: String(d.now - 365 * DAY) },
    );
    const C = d.completions;
    await unnestInsert(
      client,
      'topic_completions',
      [
        { name: 'group_id', type: 'int', values: C.group },
        { name: 'member_id', type: 'int', values: C.member },
        { name: 'topic_id', type: 'text', values: C.topic },
        { name: 'completed_at', type: 'bigint', values: C.at },
      ],
      { community_id: '1' },
    );
    const R = d.rows;
    const rowIds = range(R.day.length);
    await unnestInsert(
      client,
      'activities',
      [
        { name: 'id', type: 'int', values: rowIds },
        { name: 'group_id', type: 'int', values: R.group },
        { name: 'member_id', type: 'int', values: R.member },
        { name: 'local_date', type: 'text', values: R.day },
        { name: 'at', type: 'bigint', values: R.at },
      ],
      { community_id: '1', kind: "'answer'" },
    );
    await unnestInsert(
      client,
      'ledger',
      [
        { name: 'id', type: 'int', values: rowIds },
        { name: 'group_id', type: 'int', values: R.group },
        { name: 'member_id', type: 'int', values: R.member },
        { name: 'ref', type: 'text', values: R.ref },
        { name: 'at', type: 'bigint', values: R.at },
      ],
      { community_id: '1', points: '10', reason: "'quiz answered'" },
    );
    const S = d.streaks;
    await unnestInsert(
      client,
      'streaks',
      [
        { name: 'group_id', type: 'int', values: S.group },
        { name: 'member_id', type: 'int', values: S.member },
        { name: 'current', type: 'int', values: S.current },
        { name: 'longest', type: 'int', values: S.longest },
        { name: 'freezes', type: 'int', values: S.freezes },
        { name: 'run_days', type: 'int', values: S.runDays },
        { name: 'last_active', type: 'text', values: S.lastActive },
      ],
      { community_id: '1' },
    );
    await client.query('COMMIT');
    await resetSequences(client, ['communities', 'groups', 'daily_challenges', 'members', 'enrolments', 'activities', 'ledger']);
    // Statistics for the planner, and the visibility map so index-only scans need no heap visits
    // (what a long-running database has after autovacuum; it also keeps autovacuum from starting mid-bench).
    await client.query('VACUUM (ANALYZE)');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** New rows get ids after the seeded ones. */
export async function resetSequences(client: pg.PoolClient | pg.Pool, tables: string[]): Promise<void> {
  for (const t of tables) await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
}

/** Row counts of the seeded tables plus two sums, to show both engines hold the same data. */
export async function fingerprint(rows: <T>(sql: string) => Promise<T[]>, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await rows<{ n: number | string }>(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
  out['sum(ledger.points)'] = Number((await rows<{ n: number | string }>('SELECT sum(points) AS n FROM ledger'))[0]!.n);
  out['sum(streaks.current)'] = Number((await rows<{ n: number | string }>('SELECT sum("current") AS n FROM streaks'))[0]!.n);
  return out;
}
