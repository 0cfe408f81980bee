import type { Clock } from '../clock.ts';
import type { RoadmapLibrary } from '../content/load.ts';
import type { Q, Store, TxOptions } from '../db/store.ts';

/** What every use-case needs: the store, the roadmaps, and the time. */
export interface Deps {
  /** Plain queries (`store.q`): each on its own. */
  db: Q;
  store: Store;
  roadmaps: RoadmapLibrary;
  clock: Clock;
}

/**
 * Runs `fn` as one transaction on the store (see Store.tx): it awaits only
 * the store, never the network, so it can be serialized (SQLite) or run again
 * after a conflict (PostgreSQL).
 */
export function inTransaction<T>(deps: Pick<Deps, 'store'>, fn: (tx: Q) => Promise<T>, options?: TxOptions): Promise<T> {
  return deps.store.tx(fn, options);
}
