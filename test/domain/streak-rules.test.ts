import { describe, expect, it } from 'vitest';
import { foldStreak, recordDay, settle } from '../../src/domain/streak-rules.ts';
import { addDays } from '../../src/domain/time.ts';

const run = (start: string, days: number) => Array.from({ length: days }, (_, i) => addDays(start, i));

describe('streak rules', () => {
  it('counts consecutive active days and remembers the longest run', () => {
    const s = foldStreak([...run('2026-01-01', 3), ...run('2026-01-10', 2)]);
    expect(s.current).toBe(2);
    expect(s.longest).toBe(3);
  });

  it('does not break while today is still going, only after a whole missed day', () => {
    const s = foldStreak(run('2026-01-01', 4));
    expect(settle(s, '2026-01-05').current).toBe(4); // yesterday active, today not yet
    expect(settle(s, '2026-01-06').current).toBe(0); // the 5th passed with nothing
  });

  it('earns a freeze per 7 active days, banks at most 2, and spends one per missed day', () => {
    const week = foldStreak(run('2026-01-01', 7));
    expect(week.freezes).toBe(1);
    const three = foldStreak(run('2026-01-01', 21));
    expect(three.freezes).toBe(2);
    // Miss the 22nd: a freeze covers it and the streak goes on.
    const covered = settle(three, '2026-01-23');
    expect(covered).toMatchObject({ current: 21, freezes: 1, frozeDays: 1 });
    const after = recordDay(three, '2026-01-23');
    expect(after).toMatchObject({ current: 22, freezes: 1 });
    // Missing three days with two freezes breaks it.
    expect(settle(three, '2026-01-25').current).toBe(0);
  });

  it('counts a day once, and ignores days before the last counted one', () => {
    const s = foldStreak(['2026-01-01', '2026-01-01', '2026-01-02', '2026-01-01']);
    expect(s.current).toBe(2);
  });
});
