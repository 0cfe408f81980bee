// Several bot processes split a 3-shard bot and share one store: every guild
// is served by exactly one of them, and every daily post goes out once though
// all of them run the scheduler. On SQLite two processes share one file; on
// PostgreSQL (the scale-out setup) three processes run a shard each. The
// scenario (sharded-processes.ts) takes the split and the store as parameters.
import { afterEach, describe, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { systemClock } from '../../../src/clock.ts';
import { createLogger } from '../../../src/log.ts';
import type { FakeDiscord } from '../../fakes/discord/index.ts';
import { FIXTURE_ROADMAPS, testStore } from '../../helpers/app.ts';
import { ENGINE } from '../../helpers/engine.ts';
import { runKillMidFanOut, runShardedProcesses, type BotProcess, type SharedStore } from './sharded-processes.ts';

const processes: BotProcess[] = [];
const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const f of fakes.splice(0)) await f.close();
});

/** This run's engine: one SQLite file (WAL and a busy timeout make processes take turns), or one PostgreSQL database. */
async function sharedStore(): Promise<SharedStore> {
  const store = await testStore();
  return {
    env: store.env,
    open: () => createApp({ store: store.target, roadmapsDir: FIXTURE_ROADMAPS, clock: systemClock, log: createLogger('silent') }),
  };
}

const splits = ENGINE === 'postgres' ? [[0], [1], [2]] : [[0], [1, 2]];

describe('Discord: several processes, one sharded bot, one store', () => {
  it(`answers each of 30 guilds from exactly one process and sends every daily post once (${splits.length} processes: shards ${splits.map((s) => s.join(',')).join(' | ')} of 3, ${ENGINE})`, async () => {
    await runShardedProcesses({ splits, shardCount: 3, guilds: 30, store: await sharedStore() }, processes, fakes);
  }, 150_000);

  it(`loses and doubles nothing when one of ${splits.length} processes is killed mid fan-out: the others take its runs over (${ENGINE})`, async () => {
    await runKillMidFanOut({ splits, shardCount: 3, guilds: 30, store: await sharedStore() }, processes, fakes);
  }, 180_000);
});
