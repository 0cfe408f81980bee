// Builds the pieces every entry point needs (bot, tests, bench): the store
// with migrations applied, the validated roadmaps, the clock, the commands.
import type { Clock } from './clock.ts';
import { commands } from './commands/index.ts';
import type { Runtime } from './commands/dispatch.ts';
import { loadRoadmaps } from './content/load.ts';
import { openStore, type StoreTarget } from './db/open.ts';
import type { Store } from './db/store.ts';
import type { Logger } from './log.ts';
import { Health } from './ops/health.ts';
import { Metrics } from './ops/metrics.ts';

export interface AppOptions {
  /** Embedded SQLite at a path, or PostgreSQL at a URL. */
  store: StoreTarget;
  roadmapsDir: string;
  clock: Clock;
  log: Logger;
}

export interface App extends Runtime {
  store: Store;
  metrics: Metrics;
  health: Health;
  close(): Promise<void>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  // Content first: a broken roadmap should stop us before we touch the database.
  const roadmaps = loadRoadmaps(opts.roadmapsDir);
  const store = await openStore(opts.store);
  const metrics = new Metrics();
  store.onQuery = (seconds) => metrics.query(seconds);
  const health = new Health();
  // A committed transaction is a write the store took: a refusal reported earlier is over.
  const tx = store.tx.bind(store);
  store.tx = async (fn, options) => {
    const result = await tx(fn, options);
    health.storeOk();
    return result;
  };
  return {
    deps: { db: store.q, store, roadmaps, clock: opts.clock },
    store,
    metrics,
    health,
    log: opts.log,
    commands,
    close: () => store.close(),
  };
}
