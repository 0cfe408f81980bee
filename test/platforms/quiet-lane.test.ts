// The quiet lane holds cards back while answers are being given: members get
// their answers first and the pictures in the next quiet moment, and a bot that
// is never quiet still shows them, late; what waited too long is dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { QuietLane, quietLane } from '../../src/platforms/quiet-lane.ts';

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

  it('tells after each job, done or failed', async () => {
    let done = 0;
    const l = new QuietLane({ onDone: () => done++, onError: () => undefined });
    l.add(async () => undefined);
    l.add(async () => {
      throw new Error('upload refused');
    });
    await l.drain();
    expect(done).toBe(2);
  });

  it("gives back a burst of cards' memory outside V8's heap: a full collection after every 20", async () => {
    const cards = quietLane(createLogger('error'));
    const before = process.memoryUsage().arrayBuffers;
    // Each "card" leaves 2 MiB of buffer behind, as a picture and its upload do; V8 alone would keep it until its next full collection.
    for (let k = 0; k < 20; k++) cards.add(async () => void Buffer.alloc(2 * 2 ** 20, k));
    await cards.drain();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 ** 20);
  });
});
