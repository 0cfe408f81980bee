// Profiles one scheduler tick (decide + claim + enqueue) on each engine, nothing else:
//   tsx bench/profile-tick.ts  → writes tick-<engine>.cpuprofile into the folder given (default: cwd)
// and prints the top self-time frames, for reading where the tick's time goes.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { postgresPlace, sqlitePlace, type Place } from './engines.ts';
import { benchScheduler } from './scheduler.ts';
import { topFrames } from './profile.ts';

const out = process.argv[2] ?? '.';
const places: Place[] = [sqlitePlace()];
const pg = await postgresPlace();
if (!('skipped' in pg)) places.push(pg);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
try {
  for (const place of places) {
    const r = await benchScheduler(place, {
      aroundTick: async (tick) => {
        await session.post('Profiler.start');
        try {
          return await tick();
        } finally {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(join(out, `tick-${place.engine}.cpuprofile`), JSON.stringify(profile));
          console.log(`\n${place.engine}: top frames of the tick (self time)`);
          for (const line of topFrames(profile, 25)) console.log(line);
        }
      },
      skipDrain: true,
    });
    console.log(`${place.engine}: tick ${r.tickMs.toFixed(0)} ms (under the profiler)`);
  }
} finally {
  for (const place of places) await place.close();
}
