// When the embedded store checkpoints: after a write and a quiet moment;
// later when a transaction holds the store; never after it stopped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleCheckpoint } from '../../src/db/idle-checkpoint.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function checkpointer(idleMs: number, results: boolean[] = []) {
  const runs: number[] = [];
  const cp = new IdleCheckpoint({
    idleMs,
    now: () => Date.now(),
    run: () => {
      runs.push(Date.now());
      return results.shift() ?? true;
    },
  });
  return { cp, runs };
}

describe('IdleCheckpoint', () => {
  it('runs once, a quiet moment after the last statement that followed a write', () => {
    const { cp, runs } = checkpointer(100);
    const start = Date.now();
    cp.activity(true);
    vi.advanceTimersByTime(60);
    cp.activity(false); // a read 60 ms later moves the quiet moment on
    vi.advanceTimersByTime(99);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([start + 160]);
    vi.advanceTimersByTime(1_000);
    expect(runs).toHaveLength(1);
  });

  it('reads alone never start one', () => {
    const { cp, runs } = checkpointer(100);
    cp.activity(false);
    vi.advanceTimersByTime(1_000);
    expect(runs).toEqual([]);
  });

  it('tries again later when it could not run (a transaction was open)', () => {
    const { cp, runs } = checkpointer(100, [false, true]);
    cp.activity(true);
    vi.advanceTimersByTime(100);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(runs).toHaveLength(2);
    vi.advanceTimersByTime(1_000);
    expect(runs).toHaveLength(2);
  });

  it('does nothing once stopped, even with a write pending', () => {
    const { cp, runs } = checkpointer(100);
    cp.activity(true);
    cp.stop();
    cp.activity(true);
    vi.advanceTimersByTime(1_000);
    expect(runs).toEqual([]);
  });
});
