import { describe, expect, it } from 'vitest';
import { frontierOf, pickDaily, type Candidate } from '../../src/domain/daily-pick.ts';

const pool: Candidate[] = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, topicIndex: Math.floor(i / 2), index: i }));

describe('daily pick', () => {
  it('picks near where the members are, preferring material already reached', () => {
    expect(pickDaily(pool, 0, new Set(), 3)).toEqual({ id: 'c6', cycle: 0 });
    expect(pickDaily(pool, 0, new Set(['c6', 'c7']), 3)).toEqual({ id: 'c4', cycle: 0 });
  });

  it('is deterministic and uses every challenge once per cycle, then starts a new cycle', () => {
    const run = () => {
      const used = new Set<string>();
      let cycle = 0;
      const picks: string[] = [];
      for (let day = 0; day < 30; day++) {
        const p = pickDaily(pool, cycle, used, 2)!;
        if (p.cycle !== cycle) used.clear();
        cycle = p.cycle;
        used.add(p.id);
        picks.push(p.id);
      }
      return picks;
    };
    const picks = run();
    expect(run()).toEqual(picks);
    expect(new Set(picks.slice(0, 12)).size).toBe(12);
    expect(new Set(picks.slice(12, 24)).size).toBe(12);
  });

  it('has nothing to pick from an empty pool', () => {
    expect(pickDaily([], 0, new Set(), 0)).toBeNull();
  });

  it('takes the median of members’ next topics as the frontier', () => {
    expect(frontierOf([])).toBe(0);
    expect(frontierOf([9, 1, 4])).toBe(4);
    expect(frontierOf([1, 2, 50, 60])).toBe(2);
  });
});
