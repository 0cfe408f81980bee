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
import type { Metrics } from './ops/metrics.ts';

export interface AppOptions {
  /** Embedded SQLite at a path, or PostgreSQL at a URL. */
  store: StoreTarget;
  roadmapsDir: string;
  clock: Clock;
  log: Logger;
  /** Count for /metrics (the default); off, prom-client is never loaded and nothing is counted. */
  metrics?: boolean;
}

export interface App extends Runtime {
  store: Store;
  /** Absent when metrics are off (no METRICS_PORT). */
  metrics: Metrics | undefined;
  health: Health;
  close(): Promise<void>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  // Content first: a broken roadmap should stop us before we touch the database.
  const roadmaps = loadRoadmaps(opts.roadmapsDir);
  const store = await openStore(opts.store);
  // Loaded only when counted: prom-client costs start-up time and memory a bot without METRICS_PORT never uses.
  const metrics = opts.metrics === false ? undefined : new (await import('./ops/metrics.ts')).Metrics();
  if (metrics) store.onQuery = (seconds) => metrics.query(seconds);
  const health = new Health();
  // A committed transaction is a write the store took: a refusal reported earlier is over.
  const tx = store.tx.bind(store);
  store.tx = async (fn, options) => {
    const result = await tx(fn, options);
    health.storeOk();
    return result;
  };
  const decide = store.decide.bind(store);
  store.decide = async (fn, options) => {
    const decided = await decide(fn, options);
    // Its writes may be saved after it returns (Store.decide): a failure reaches whoever replied.
    void decided.saved.then(() => health.storeOk(), () => undefined);
    return decided;
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
