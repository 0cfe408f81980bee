// The card renderer is a child process: a crash costs at most the cards it
// was drawing, and the next card starts a new renderer; a card attached to an
// answer is skipped, not queued, while the renderer is backed up.
import { describe, expect, it } from 'vitest';
import type { ProgressCardInput } from '../../src/cards/progress.ts';
import { cardRendererPid, cardStats, MAX_CONCURRENT_RENDERS, MAX_WAITING_OPTIONAL, renderCard, renderCardUnlessBusy } from '../../src/cards/render.ts';
import { readPng } from '../helpers/png.ts';

const input = (name: string): ProgressCardInput => ({
  name,
  roadmap: 'Backend Developer',
  track: null,
  stages: [{ title: 'Basics', state: 'current' }],
  percent: 40,
  done: 4,
  total: 10,
  next: 'HTTP',
  streak: 2,
  freezes: 0,
  maxFreezes: 2,
});

describe('card renderer', () => {
  it('starts a new renderer after the old one died, and the card still comes', async () => {
    await renderCard('progress', input('before the crash'));
    const pid = cardRendererPid();
    expect(pid).toBeGreaterThan(0);
    const started = cardStats.renderersStarted;
    process.kill(pid!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const png = await renderCard('progress', input('after the crash'));
    expect((await readPng(png)).width).toBeGreaterThan(0);
    expect(cardStats.renderersStarted).toBe(started + 1);
    expect(cardRendererPid()).not.toBe(pid);
  });

  it('skips a card attached to an answer while the renderer is backed up, and draws it again once it is not', async () => {
    const queued = Array.from({ length: MAX_CONCURRENT_RENDERS + MAX_WAITING_OPTIONAL }, (_, k) => renderCard('progress', input(`queued ${k}`)));
    const shedBefore = cardStats.shed;
    expect(await renderCardUnlessBusy('progress', input('one too many'))).toBeUndefined();
    expect(cardStats.shed).toBe(shedBefore + 1);
    await Promise.all(queued);
    const png = await renderCardUnlessBusy('progress', input('one too many'));
    expect(png && (await readPng(png)).width).toBeGreaterThan(0);
  });
});
