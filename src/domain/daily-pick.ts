// Which challenge a group gets on a given day. Deterministic: the same state
// always gives the same pick. It stays near where the group's members are on
// the path, and never repeats a challenge until every one in the pool has
// been used (a "cycle"); then a new cycle starts.

export interface Candidate {
  id: string;
  /** Position of the challenge's topic along the path. */
  topicIndex: number;
  /** Position of the challenge along the path: breaks ties. */
  index: number;
}

export interface Pick {
  id: string;
  cycle: number;
}

/**
 * @param pool the challenges to draw from, in path order
 * @param cycle the current cycle number
 * @param usedInCycle ids already picked in that cycle
 * @param frontier the topic index the group's members are at (median of their next topics)
 */
export function pickDaily(pool: readonly Candidate[], cycle: number, usedInCycle: ReadonlySet<string>, frontier: number): Pick | null {
  if (pool.length === 0) return null;
  let open = pool.filter((c) => !usedInCycle.has(c.id));
  if (open.length === 0) {
    cycle += 1;
    open = [...pool];
  }
  let best = open[0]!;
  for (const c of open) {
    const d = Math.abs(c.topicIndex - frontier);
    const bestD = Math.abs(best.topicIndex - frontier);
    // Prefer the closest topic; at equal distance prefer the earlier one, so
    // learners meet material they have reached before material ahead of them.
    if (d < bestD || (d === bestD && c.index < best.index)) best = c;
  }
  return { id: best.id, cycle };
}

/** The median of members' next-topic positions; 0 for a group with no members yet. */
export function frontierOf(nextTopicIndexes: readonly number[]): number {
  if (nextTopicIndexes.length === 0) return 0;
  const sorted = [...nextTopicIndexes].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
