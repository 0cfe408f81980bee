// The quiet lane holds cards back while answers are being given: members get
// their answers first and the pictures in the next quiet moment, and a bot that
// is never quiet still shows them, late; what waited too long is dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuietLane } from '../../src/platforms/quiet-lane.ts';

describe('quiet lane', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  const lane = (dropped: string[] = []) =>
    new QuietLane({ quietMs: 10, maxWaitMs: 1_000, maxAgeMs: 5_000, maxQueued: 3, now: () => Date.now(), onDropped: (n, why) => dropped.push(`${n} ${why}`) });

  it('waits while interactions keep coming, and runs once they stop', async () => {
    const l = lane();
    const ran: string[] = [];
    l.add(async () => void ran.push('card'));
    for (let t = 0; t < 200; t += 5) {
      l.activity();
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(15);
    expect(ran).toEqual(['card']);
  });

  it('runs overdue work one job at a time even when the bot is never quiet', async () => {
    const l = lane();
    const ran: number[] = [];
    l.add(async () => void ran.push(Date.now()));
    l.add(async () => void ran.push(Date.now()));
    for (let t = 0; t < 1_100; t += 5) {
      l.activity();
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(ran).toHaveLength(2);
    expect(ran[0]).toBeGreaterThanOrEqual(1_000);
  });

  it('drops work that waited past its age, and the oldest when too much waits', async () => {
    const dropped: string[] = [];
    const l = lane(dropped);
    const ran: string[] = [];
    for (const n of ['a', 'b', 'c', 'd']) l.add(async () => void ran.push(n));
    expect(dropped).toEqual(['1 full']);
    expect(l.waiting).toBe(3);
    await vi.advanceTimersByTimeAsync(20);
    expect(ran).toEqual(['b', 'c', 'd']);

    const stale = lane(dropped);
    stale.add(async () => void ran.push('late'));
    // A clock jump (the process was suspended) makes the waiting card stale before its turn.
    vi.setSystemTime(Date.now() + 6_000);
    await vi.advanceTimersByTimeAsync(20);
    expect(ran).not.toContain('late');
    expect(dropped).toContain('1 stale');
  });

  it('drains everything on request, and takes nothing once stopped', async () => {
    const l = lane();
    const ran: string[] = [];
    l.activity();
    l.add(async () => void ran.push('x'));
    l.add(async () => void ran.push('y'));
    await l.drain();
    expect(ran).toEqual(['x', 'y']);
    l.add(async () => void ran.push('z'));
    expect(l.stop()).toBe(1);
    l.add(async () => void ran.push('w'));
    await vi.advanceTimersByTimeAsync(50);
    expect(ran).toEqual(['x', 'y']);
  });
});
