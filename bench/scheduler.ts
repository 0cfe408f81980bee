// The bench's scheduler part (run by bench/run.ts on each engine, or alone:
// `tsx bench/scheduler.ts`). 10,000 groups in 40 time zones all due in the
// same minute: how long the tick takes to decide what is due, claim every run
// and enqueue it (target < 1 s), and the memory it uses. Then, for scale, how
// long building and handing all 10,000 posts to a platform that answers at
// once takes (not a target: real platforms pace it), and that a second tick
// the same minute claims nothing.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import { createApp } from '../src/app.ts';
import { ManualClock } from '../src/clock.ts';
import type { PostgresStore } from '../src/db/postgres-store.ts';
import type { SqliteStore } from '../src/db/sqlite-store.ts';
import { localDate } from '../src/domain/time.ts';
import { createLogger } from '../src/log.ts';
import type { Poster } from '../src/scheduler/poster.ts';
import { createScheduler, type TickReport } from '../src/scheduler/scheduler.ts';
import { LABEL, postgresPlace, sqlitePlace, type BenchEngine, type Place } from './engines.ts';
import { gc } from './gc.ts';
import { resetSequences } from './seed.ts';

const GROUPS = 10_000;
const NOW = new Date('2026-06-16T12:00:00Z'); // a Tuesday: daily posts only
const ZONES = Intl.supportedValuesOf('timeZone').filter((_, i) => i % 10 === 0).slice(0, 40);
const TARGET_TICK = 1_000;

export interface SchedulerResult {
  engine: BenchEngine;
  tickMs: number;
  claimed: number;
  heapDelta: number;
  rss: number;
  sent: number;
  drainMs: number;
  againClaimed: number;
}

/** The same 10,000 groups on either engine: each posts at NOW's local time in its zone. */
function groupRows(): { channel: string[]; zone: string[]; postTime: string[] } {
  const rows = { channel: [] as string[], zone: [] as string[], postTime: [] as string[] };
  for (let g = 0; g < GROUPS; g++) {
    const zone = ZONES[g % ZONES.length]!;
    rows.channel.push(`channel-${g}`);
    rows.zone.push(zone);
    rows.postTime.push(DateTime.fromJSDate(NOW, { zone }).toFormat('HH:mm'));
  }
  return rows;
}

export interface SchedulerBenchOptions {
  /** Wraps the measured tick (bench/profile-tick.ts profiles it). */
  aroundTick?: (tick: () => Promise<TickReport>) => Promise<TickReport>;
  /** Stop after the tick: no drain, no second tick (for profiling the tick alone). */
  skipDrain?: boolean;
}

export async function benchScheduler(place: Place, options: SchedulerBenchOptions = {}): Promise<SchedulerResult> {
  const clock = new ManualClock(NOW);
  const app = await createApp({
    store: await place.fresh('bench_scheduler'),
    roadmapsDir: fileURLToPath(new URL('../roadmaps', import.meta.url)),
    clock,
    log: createLogger('silent'),
  });
  const rows = groupRows();
  const created = NOW.getTime() - 86_400_000;
  if (app.store.engine === 'sqlite') {
    const sql = (app.store as SqliteStore).client;
    sql.transaction(() => {
      sql.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('shell', 'bench', ?)").run(created);
      const ins = sql.prepare(
        "INSERT INTO groups (community_id, channel_id, roadmap_id, timezone, post_time, reminder_time, created_at, updated_at) VALUES (1, ?, 'backend', ?, ?, '23:59', ?, ?)",
      );
      for (let g = 0; g < GROUPS; g++) ins.run(rows.channel[g], rows.zone[g], rows.postTime[g], created, created);
    })();
  } else {
    const pool = (app.store as PostgresStore).pool;
    await pool.query("INSERT INTO communities (id, platform, external_id, created_at) VALUES (1, 'shell', 'bench', $1)", [created]);
    await pool.query(
      `INSERT INTO groups (id, community_id, channel_id, roadmap_id, timezone, post_time, reminder_time, created_at, updated_at)
       SELECT ord, 1, channel, 'backend', zone, post_time, '23:59', $4::bigint, $4::bigint FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(channel, zone, post_time, ord)`,
      [rows.channel, rows.zone, rows.postTime, created],
    );
    await resetSequences(pool, ['communities', 'groups']);
    await pool.query('VACUUM (ANALYZE)');
  }

  let sent = 0;
  let markDone: () => void = () => {};
  const allSent = new Promise<void>((resolve) => (markDone = resolve));
  const poster: Poster = {
    platform: 'shell',
    channelIntervalMs: 0,
    post: async () => {
      if (++sent === GROUPS) markDone();
      return { messageId: String(sent) };
    },
    dm: async () => ({ messageId: 'dm' }),
  };
  const scheduler = createScheduler({ deps: app.deps, log: createLogger('silent'), posters: [poster] });

  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const report = await (options.aroundTick ?? ((tick) => tick()))(() => scheduler.tick());
  const tickMs = performance.now() - t0;
  const after = process.memoryUsage();
  if (options.skipDrain) {
    await scheduler.stop(0);
    await app.close();
    return { engine: place.engine, tickMs, claimed: report.claimed, heapDelta: after.heapUsed - before.heapUsed, rss: after.rss, sent, drainMs: NaN, againClaimed: NaN };
  }
  await allSent;
  await scheduler.idle();
  const drainMs = performance.now() - t0;
  const again = await scheduler.tick();
  await scheduler.stop();
  await app.close();
  return {
    engine: place.engine,
    tickMs,
    claimed: report.claimed,
    heapDelta: after.heapUsed - before.heapUsed,
    rss: after.rss,
    sent,
    drainMs,
    againClaimed: again.claimed,
  };
}

export function printScheduler(r: SchedulerResult): void {
  console.log(`\nScheduler fan-out on ${LABEL[r.engine]} · ${GROUPS.toLocaleString('en')} groups in ${ZONES.length} zones due in the same minute (${localDate(NOW, 'UTC')})`);
  console.log(`tick (decide + claim + enqueue): ${r.tickMs.toFixed(0)} ms for ${r.claimed.toLocaleString('en')} runs   target < ${TARGET_TICK} ms   ${r.tickMs < TARGET_TICK ? 'ok' : 'OVER TARGET'}`);
  console.log(`memory during the tick: heap +${(r.heapDelta / 2 ** 20).toFixed(0)} MiB, rss ${(r.rss / 2 ** 20).toFixed(0)} MiB`);
  console.log(`all ${r.sent.toLocaleString('en')} posts built and handed to an instant platform: ${(r.drainMs / 1000).toFixed(1)} s (not a target)`);
  console.log(`a second tick the same minute claims ${r.againClaimed} (nothing is sent twice)`);
}

/** What this run missed: the tick's time, or any post claimed, sent or re-claimed wrongly. */
export function schedulerMisses(r: SchedulerResult): string[] {
  const miss: string[] = [];
  if (r.tickMs >= TARGET_TICK) miss.push(`scheduler tick ${r.tickMs.toFixed(0)} ms`);
  if (r.claimed !== GROUPS) miss.push(`scheduler claimed ${r.claimed} of ${GROUPS}`);
  if (r.sent !== GROUPS) miss.push(`scheduler sent ${r.sent} of ${GROUPS}`);
  if (r.againClaimed !== 0) miss.push(`second tick claimed ${r.againClaimed}`);
  return miss;
}

// Alone: both engines' scheduler part only.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const places: Place[] = [sqlitePlace()];
  const pg = await postgresPlace();
  if ('skipped' in pg) console.log(`PostgreSQL: ${pg.skipped}.`);
  else places.push(pg);
  const misses: string[] = [];
  try {
    for (const place of places) {
      const r = await benchScheduler(place);
      printScheduler(r);
      const miss = schedulerMisses(r);
      misses.push(...miss);
      console.log(`${LABEL[r.engine]}: ${miss.length ? `MISSED ${miss.join('; ')}` : 'all targets met'}`);
    }
  } finally {
    for (const place of places) await place.close();
  }
  process.exitCode = misses.length ? 1 : 0;
}
