// Builds the pieces every entry point needs (bot, tests, bench): the store
// with migrations applied, the validated roadmaps, the clock, the commands.
import type { Clock } from './clock.ts';
import { commands } from './commands/index.ts';
import type { Runtime } from './commands/dispatch.ts';
import { loadRoadmaps } from './content/load.ts';
import { openDb } from './db/open.ts';
import type { Logger } from './log.ts';

export interface AppOptions {
  databasePath: string;
  roadmapsDir: string;
  clock: Clock;
  log: Logger;
}

export interface App extends Runtime {
  close(): void;
}

export function createApp(opts: AppOptions): App {
  // Content first: a broken roadmap should stop us before we touch the database.
  const roadmaps = loadRoadmaps(opts.roadmapsDir);
  const db = openDb(opts.databasePath);
  return {
    deps: { db, roadmaps, clock: opts.clock },
    log: opts.log,
    commands,
    close: () => db.$client.close(),
  };
}
