import type { Clock } from '../clock.ts';
import type { RoadmapLibrary } from '../content/load.ts';
import type { Db } from '../db/open.ts';
import type { Q } from '../db/types.ts';

/** What every use-case needs: the store, the roadmaps, and the time. */
export interface Deps {
  db: Db;
  roadmaps: RoadmapLibrary;
  clock: Clock;
}

/**
 * Runs `fn` in one SQLite transaction. It must be synchronous: better-sqlite3
 * cannot hold a transaction open across an await, and drizzle would commit an
 * async callback's half-done work. IMMEDIATE takes the write lock up front so
 * two bot processes queue on busy_timeout instead of deadlocking on upgrade.
 */
export function inTransaction<T>(deps: Pick<Deps, 'db'>, fn: (tx: Q) => T): T {
  return deps.db.transaction((tx) => fn(tx), { behavior: 'immediate' });
}
