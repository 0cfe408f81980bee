// `npm run bench` (part 2): the scheduler's fan-out. 10,000 groups in 40 time
// zones all due in the same minute: how long the tick takes to decide what is
// due, claim every run and enqueue it (target < 1 s), and the memory it uses.
// Then, for scale, how long building and handing all 10,000 posts to a
// platform that answers at once takes (not a target: real platforms pace it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.ts';
import { ManualClock } from '../src/clock.ts';
import { createLogger } from '../src/log.ts';
import { localDate } from '../src/domain/time.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import type { Poster } from '../src/scheduler/poster.ts';
import type { SqliteStore } from '../src/db/sqlite-store.ts';
import { DateTime } from 'luxon';

const GROUPS = 10_000;
const NOW = new Date('2026-06-16T12:00:00Z'); // a Tuesday: daily posts only
const ZONES = Intl.supportedValuesOf('timeZone').filter((_, i) => i % 10 === 0).slice(0, 40);

const dir = mkdtempSync(join(tmpdir(), 'cohort-bench-sched-'));
const clock = new ManualClock(NOW);
const app = await createApp({ store: { databasePath: join(dir, 'bench.db') }, roadmapsDir: fileURLToPath(new URL('../roadmaps', import.meta.url)), clock, log: createLogger('silent') });
const sql = (app.store as SqliteStore).client;
sql.transaction(() => {
  const now = NOW.getTime() - 86_400_000;
  sql.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('shell', 'bench', ?)").run(now);
  const ins = sql.prepare(
    "INSERT INTO groups (community_id, channel_id, roadmap_id, timezone, post_time, reminder_time, created_at, updated_at) VALUES (1, ?, 'backend', ?, ?, '23:59', ?, ?)",
  );
  for (let g = 0; g < GROUPS; g++) {
    const zone = ZONES[g % ZONES.length]!;
    // Each group's post time is the local time of NOW in its zone: all due this minute.
    ins.run(`channel-${g}`, zone, DateTime.fromJSDate(NOW, { zone }).toFormat('HH:mm'), now, now);
  }
})();

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

global.gc?.();
const before = process.memoryUsage();
const t0 = performance.now();
const report = await scheduler.tick();
const tickMs = performance.now() - t0;
const after = process.memoryUsage();
await allSent;
await scheduler.idle();
const drainMs = performance.now() - t0;
const again = await scheduler.tick();
await scheduler.stop();
await app.close();
rmSync(dir, { recursive: true, force: true });

console.log(`\nScheduler fan-out · ${GROUPS.toLocaleString('en')} groups in ${ZONES.length} zones due in the same minute (${localDate(NOW, 'UTC')})`);
console.log(`tick (decide + claim + enqueue): ${tickMs.toFixed(0)} ms for ${report.claimed.toLocaleString('en')} runs   target < 1000 ms   ${tickMs < 1000 ? 'ok' : 'OVER TARGET'}`);
console.log(`memory during the tick: heap +${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(0)} MiB, rss ${(after.rss / 2 ** 20).toFixed(0)} MiB`);
console.log(`all ${sent.toLocaleString('en')} posts built and handed to an instant platform: ${(drainMs / 1000).toFixed(1)} s (not a target)`);
console.log(`a second tick the same minute claims ${again.claimed} (nothing is sent twice)`);
if (tickMs >= 1000 || report.claimed !== GROUPS || again.claimed !== 0 || sent !== GROUPS) process.exitCode = 1;
