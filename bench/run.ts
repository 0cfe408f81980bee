// `npm run bench`: a benchmark, not a test. It seeds a large community in a
// temporary database and times commands through the real command layer.
//   20 groups, 100,000 members, 2,000,000 activity + ledger rows over a year.
// Targets on a 2-core machine: p99 < 5 ms per command; start-up < 1 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqliteStore } from '../src/db/sqlite-store.ts';
import { createApp } from '../src/app.ts';
import { ManualClock } from '../src/clock.ts';
import { runText, type Invocation } from '../src/commands/dispatch.ts';
import { createLogger } from '../src/log.ts';
import { foldStreak } from '../src/domain/streak-rules.ts';
import { addDays, localDate } from '../src/domain/time.ts';

const GROUPS = 20;
const MEMBERS = 100_000;
const ROWS = 2_000_000; // half activities, half ledger
const SAMPLES = 2_000;
const NOW = new Date('2026-06-15T12:00:00Z');
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'];

const ROADMAPS = fileURLToPath(new URL('../roadmaps', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cohort-bench-'));
const dbPath = join(dir, 'bench.db');
const log = createLogger('silent');
const clock = new ManualClock(NOW);

function ms(since: number): number {
  return performance.now() - since;
}

// --- start-up: migrate a new database and load the roadmaps ---------------
let t = performance.now();
let app = await createApp({ store: { databasePath: dbPath }, roadmapsDir: ROADMAPS, clock, log });
const coldStart = ms(t);
const roadmap = app.deps.roadmaps.get('backend')!;

// --- seed ----------------------------------------------------------------
t = performance.now();
const sql = (app.store as SqliteStore).client;
const perGroup = MEMBERS / GROUPS;
const perMember = ROWS / 2 / MEMBERS;
const quiz = roadmap.dailyPool.find((c) => c.type === 'quiz' && c.choices)!;
const today = (zone: string) => localDate(NOW, zone);
sql.transaction(() => {
  const now = NOW.getTime();
  sql.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('discord', 'bench-guild', ?)").run(now);
  const insGroup = sql.prepare(
    "INSERT INTO groups (community_id, channel_id, roadmap_id, timezone, post_time, reminder_time, created_at, updated_at) VALUES (1, ?, 'backend', ?, '09:00', '20:00', ?, ?)",
  );
  const insMember = sql.prepare('INSERT INTO members (community_id, user_id, display_name, created_at) VALUES (1, ?, ?, ?)');
  const insEnrol = sql.prepare('INSERT INTO enrolments (community_id, group_id, member_id, track, started_at) VALUES (1, ?, ?, ?, ?)');
  const insDone = sql.prepare('INSERT INTO topic_completions (community_id, group_id, member_id, topic_id, completed_at) VALUES (1, ?, ?, ?, ?)');
  const insAct = sql.prepare("INSERT INTO activities (community_id, group_id, member_id, local_date, kind, at) VALUES (1, ?, ?, ?, 'answer', ?)");
  const insLedger = sql.prepare("INSERT INTO ledger (community_id, group_id, member_id, points, reason, ref, at) VALUES (1, ?, ?, 10, 'quiz answered', ?, ?)");
  const insStreak = sql.prepare(
    'INSERT INTO streaks (community_id, group_id, member_id, current, longest, freezes, run_days, last_active) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insDaily = sql.prepare("INSERT INTO daily_challenges (community_id, group_id, local_date, challenge_id, cycle, created_at) VALUES (1, ?, ?, ?, 0, ?)");
  const tracks = ['python', 'javascript', 'java', 'go', null];
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let g = 1; g <= GROUPS; g++) {
    const zone = ZONES[g % ZONES.length]!;
    insGroup.run(`channel-${g}`, zone, now, now);
    insDaily.run(g, today(zone), quiz.id, now);
    for (let i = 0; i < perGroup; i++) {
      const m = Number(insMember.run(`user-${g}-${i}`, `Member ${g}-${i}`, now).lastInsertRowid);
      insEnrol.run(g, m, tracks[i % tracks.length] ?? null, now - 365 * 86_400_000);
      const done = Math.floor(rand() * 30);
      for (let k = 0; k < done; k++) insDone.run(g, m, roadmap.topics[k]!.id, now - (30 - k) * 86_400_000);
      // A run of active days ending at a random point in the last year.
      const end = Math.floor(rand() * 365);
      const days: string[] = [];
      for (let k = perMember - 1; k >= 0; k--) {
        const at = now - (end + k) * 86_400_000 - Math.floor(rand() * 36_000_000);
        const day = localDate(new Date(at), zone);
        days.push(day);
        insAct.run(g, m, day, at);
        insLedger.run(g, m, `quiz:${g}-${i}-${k}`, at);
      }
      const s = foldStreak(days);
      insStreak.run(g, m, s.current, s.longest, s.freezes, s.runDays, s.lastActive ?? addDays(today(zone), -1));
    }
  }
})();
sql.pragma('optimize');
const seedTime = ms(t);
const counts = sql.prepare('SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM ledger) AS rows, (SELECT count(*) FROM members) AS members').get() as {
  rows: number;
  members: number;
};
await app.close();

// --- start-up again, on the big database (what a restart costs) -----------
t = performance.now();
app = await createApp({ store: { databasePath: dbPath }, roadmapsDir: ROADMAPS, clock, log });
const warmStart = ms(t);

// --- commands --------------------------------------------------------------
function inv(g: number, i: number): Invocation {
  return { platform: 'discord', communityId: 'bench-guild', channelId: `channel-${g}`, user: { id: `user-${g}-${i}`, name: `Member ${g}-${i}`, isAdmin: false } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(name: string, line: (n: number) => [Invocation, string]): Promise<{ name: string; p50: number; p99: number; max: number }> {
  for (let n = 0; n < 100; n++) await runText(app, ...line(SAMPLES + n)); // warm-up
  const times: number[] = [];
  for (let n = 0; n < SAMPLES; n++) {
    const [who, text] = line(n);
    const start = performance.now();
    const replies = await runText(app, who, text);
    times.push(performance.now() - start);
    if (replies[0]?.tone === 'error') throw new Error(`${name} failed: ${replies[0].text}`);
  }
  times.sort((a, b) => a - b);
  return { name, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1)! };
}

const spread = (n: number): [number, number] => [(n % GROUPS) + 1, Math.floor(n / GROUPS) % perGroup];
const results = [
  await measure('/roadmap progress', (n) => [inv(...spread(n * 7)), '/roadmap progress']),
  await measure('/streak', (n) => [inv(...spread(n * 11)), '/streak']),
  await measure('/leaderboard week', (n) => [inv(...spread(n)), '/leaderboard week']),
  // Every answer is a different member's one scored attempt at today's quiz.
  await measure('/challenge answer', (n) => [inv(...spread(n)), `/challenge answer ${n % 2 ? 'A' : 'B'}`]),
];
const memory = process.memoryUsage();
await app.close();
rmSync(dir, { recursive: true, force: true });

// --- report ----------------------------------------------------------------
const f = (x: number) => x.toFixed(2).padStart(7);
console.log(`Cohort bench · node ${process.version} · ${counts.members.toLocaleString('en')} members, ${counts.rows.toLocaleString('en')} activity+ledger rows, ${GROUPS} groups`);
console.log(`seeding: ${(seedTime / 1000).toFixed(1)} s (setup, not a target)`);
console.log(`start-up (migrate + load roadmaps): new db ${coldStart.toFixed(0)} ms, seeded db ${warmStart.toFixed(0)} ms   target < 1000 ms`);
console.log(`\n${'command'.padEnd(20)}    p50 ms   p99 ms   max ms   (n=${SAMPLES}, target p99 < 5 ms)`);
for (const r of results) console.log(`${r.name.padEnd(20)} ${f(r.p50)}  ${f(r.p99)}  ${f(r.max)}  ${r.p99 < 5 ? 'ok' : 'OVER TARGET'}`);
console.log(`\nmemory: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
const failed = results.some((r) => r.p99 >= 5) || Math.max(coldStart, warmStart) >= 1000;
process.exitCode = failed ? 1 : 0;
