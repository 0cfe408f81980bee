// The progress card, read back pixel by pixel: the bar's filled width is the percent.
import { describe, expect, it } from 'vitest';
import { progressAlt } from '../../src/cards/alt.ts';
import { PROGRESS_BAR, PROGRESS_SIZE, type ProgressCardInput } from '../../src/cards/progress.ts';
import { renderCard } from '../../src/cards/render.ts';
import { THEMES } from '../../src/cards/theme.ts';
import { countInRow, readPng } from '../helpers/png.ts';

const input = (percent: number): ProgressCardInput => ({
  name: 'Alice',
  roadmap: 'Backend Developer',
  track: 'Python',
  stages: [
    { title: 'Basics', state: 'done' },
    { title: 'HTTP', state: 'current' },
    { title: 'Databases', state: 'ahead' },
  ],
  percent,
  done: percent,
  total: 100,
  next: 'SQL joins',
  streak: 4,
  freezes: 1,
  maxFreezes: 2,
});

describe('progress card', () => {
  it.each([
    [0, 'light'],
    [7, 'light'],
    [50, 'dark'],
    [83, 'light'],
    [100, 'dark'],
  ] as const)('fills %i%% of the bar (%s theme)', async (percent, theme) => {
    const p = await readPng(await renderCard('progress', input(percent), theme));
    expect([p.width, p.height]).toEqual([PROGRESS_SIZE.width, PROGRESS_SIZE.height]);
    const bar = PROGRESS_BAR;
    const mid = bar.y + bar.height / 2;
    const filled = countInRow(p, mid, bar.x, bar.width, THEMES[theme].done);
    const empty = countInRow(p, mid, bar.x, bar.width, THEMES[theme].ahead);
    // Anti-aliased edges of the rounded ends account for a pixel or two each.
    expect(Math.abs(filled - (bar.width * percent) / 100)).toBeLessThanOrEqual(3);
    expect(Math.abs(empty - (bar.width * (100 - percent)) / 100)).toBeLessThanOrEqual(3);
  });

  it('says in its alt text what it shows', () => {
    expect(progressAlt(input(42))).toBe(
      "Alice's progress on Backend Developer (Python track): 42%, 42 of 100 topics, stage 2 of 3, HTTP. Next topic: SQL joins. Streak 4 days, 1 of 2 freezes.",
    );
  });

  it('renders the same inputs once and serves the cached picture after', async () => {
    const a = await renderCard('progress', { ...input(31), name: 'Cache Test' });
    const b = await renderCard('progress', { ...input(31), name: 'Cache Test' });
    expect(b).toBe(a);
    const c = await renderCard('progress', { ...input(31), name: 'Cache Test' }, 'dark');
    expect(c).not.toBe(a);
  });
});
