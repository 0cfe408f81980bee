// Cards through the commands: attached to progress, streak and leaderboard,
// alone for /roadmap card and /streak heatmap, a certificate when a stage is
// completed, and the group's choice of cards off or a dark theme.
import { describe, expect, it } from 'vitest';
import { THEMES } from '../../src/cards/theme.ts';
import { groupChat } from '../helpers/chat.ts';
import { readPng } from '../helpers/png.ts';

describe('cards in replies', () => {
  it('attaches cards to progress, streak and leaderboard, and shows them alone on request', async () => {
    const c = await groupChat();
    await c.say('@bob /roadmap start track:python');
    await c.say('@bob /roadmap done http');
    const progress = await c.say('@bob /roadmap progress');
    expect(progress.text).toContain('1 of 3 topics done');
    expect(progress.reply.image).toMatchObject({ name: 'progress.png', alt: expect.stringContaining("bob's progress on Mini Backend (Python track): 33%") });
    const card = await c.say('@bob /roadmap card');
    expect(card.reply).toMatchObject({ visibility: 'private', title: 'Your progress · Mini Backend', image: { name: 'progress.png' } });
    expect(card.reply.fields).toBeUndefined();
    expect((await c.say('@bob /streak')).reply.image?.name).toBe('heatmap.png');
    const heatmap = await c.say('@bob /streak heatmap');
    expect(heatmap.reply.image?.alt).toContain("bob's activity over the last 52 weeks (Europe/Berlin): 1 active day");
    expect(heatmap.reply.text).toBeUndefined();
    // The word "heatmap" is optional: a member alone is still whose streak.
    expect((await c.say('/streak @bob')).text).toContain("bob's streak");
    expect((await c.say('/streak heatmap @bob')).reply.image?.alt).toContain("bob's activity");
    expect((await c.say('@carol /leaderboard')).reply.image?.alt).toContain('1. bob, 5 pts (new)');
  });

  it('posts a certificate in the channel when a member completes a stage', async () => {
    const c = await groupChat();
    await c.say('@bob /roadmap start');
    expect((await c.say('@bob /roadmap done http')).replies).toHaveLength(1);
    const done = await c.say('@bob /roadmap done dns');
    expect(done.replies).toHaveLength(2);
    const certificate = done.replies[1]!;
    expect(certificate).toMatchObject({ visibility: 'public', title: 'bob completed stage 1: Basics' });
    // The platform sent no channel or community names here, so the certificate names the group by its roadmap.
    expect(certificate.image?.alt).toBe('Certificate: bob completed stage 1 of 2, Basics, of Mini Backend (2 topics) on 2026-03-02, in Mini Backend study group.');
  });

  it("follows the group's settings: a dark theme, or cards off with the text alone", async () => {
    const c = await groupChat();
    await c.say('@bob /roadmap start');
    expect((await c.say('/group setup theme:dark')).text).toContain('Picture cards: on, dark');
    const dark = await readPng((await c.say('@bob /roadmap progress')).reply.image!.png);
    expect(dark.at(2, 2)).toBe(THEMES.dark.background);

    expect((await c.say('/group setup cards:off')).text).toContain('Picture cards: off (text only)');
    expect((await c.say('@bob /roadmap progress')).reply.image).toBeUndefined();
    const card = await c.say('@bob /roadmap card');
    expect(card.reply.image).toBeUndefined();
    expect(card.text).toContain('0 of 3 topics done');
    expect(card.text).toContain('Picture cards are off in this group');
    expect((await c.say('/group setup cards:maybe')).error).toBe(true);
  });
});
