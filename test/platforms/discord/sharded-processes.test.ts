// Two bot processes split a 3-shard bot and share one SQLite file: every
// guild is served by exactly one of them, and every daily post goes out once
// though both run the scheduler. The scenario (sharded-processes.ts) takes the
// process count, the shard split and the shared store as parameters.
import { join } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { systemClock } from '../../../src/clock.ts';
import { createLogger } from '../../../src/log.ts';
import type { FakeDiscord } from '../../fakes/discord/index.ts';
import { FIXTURE_ROADMAPS, tempDir } from '../../helpers/app.ts';
import { runShardedProcesses, type BotProcess, type SharedStore } from './sharded-processes.ts';

const processes: BotProcess[] = [];
const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const f of fakes.splice(0)) await f.close();
});

/** One SQLite file that every process opens (WAL and a busy timeout make them take turns). */
function sqliteFile(): SharedStore {
  const databasePath = join(tempDir(), 'cohort.db');
  return {
    env: { DATABASE_PATH: databasePath },
    open: () => createApp({ databasePath, roadmapsDir: FIXTURE_ROADMAPS, clock: systemClock, log: createLogger('silent') }),
  };
}

describe('Discord: several processes, one sharded bot, one store', () => {
  it('answers each of 30 guilds from exactly one process and sends every daily post once (2 processes: shards 0 | 1,2 of 3, SQLite)', async () => {
    await runShardedProcesses({ splits: [[0], [1, 2]], shardCount: 3, guilds: 30, store: sqliteFile() }, processes, fakes);
  }, 150_000);
});
