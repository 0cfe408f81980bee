// Cards on Discord: each card is uploaded as a
// multipart file with its alt text as the attachment's description, and the
// reply's embed shows it through attachment://. A card attached to an answer
// comes as an edit once the answer is out. The weekly post carries the
// recap card the same way over REST.
import type { APIMessage } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { weeklyPost } from '../../../src/commands/posts.ts';
import { findGroup } from '../../../src/domain/groups.ts';
import { resolveCommunity } from '../../../src/domain/community.ts';
import { isEphemeral } from './harness.ts';
import { studyServer } from './seed.ts';

const at = { channel: 'study' };
const PNG = '89504e470d0a1a0a';

/** The message's attachment shown in its first embed, and the uploaded bytes' header. */
function shownCard(m: APIMessage) {
  const image = m.embeds[0]?.image?.url;
  const attachment = m.attachments.find((a) => image === `attachment://${a.filename}`);
  return { image, attachment };
}

describe('Discord: cards', () => {
  it('attaches the progress card to /roadmap progress: multipart upload, embed image, alt text', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    const progress = await s.command('bob', '/roadmap progress', {}, at);
    const m = progress.messages[0]!;
    expect(isEphemeral(m)).toBe(true);
    expect(progress.text).toContain('0 of 3 topics done');
    const { image, attachment } = shownCard(m);
    expect(image).toBe('attachment://progress.png');
    expect(attachment?.description).toContain("Bob's progress on Mini Backend: 0%");
    // The answer went out at once, text only; the card followed as an edit of that answer.
    const [callback] = s.requests((r) => r.path.endsWith('/callback'));
    expect(callback!.files).toEqual([]);
    const [upload] = s.requests((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original') && r.files.length > 0);
    expect(upload!.seq).toBeGreaterThan(callback!.seq);
    expect(upload!.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(upload!.files).toEqual([expect.objectContaining({ filename: 'progress.png', contentType: 'image/png' })]);
    const bytes = await fetch(attachment!.url).then(async (r) => Buffer.from(await r.arrayBuffer()));
    expect(bytes.subarray(0, 8).toString('hex')).toBe(PNG);
  });

  it('adds the card after Discord asks to wait (429), and leaves the answer as text if Discord refuses the edit', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    const edits = /\/webhooks\/\d+\/[^/]+\/messages\/@original$/;
    s.fake.failNext('PATCH', edits, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false }, headers: { 'retry-after': '0.05' } });
    const waited = await s.command('bob', '/roadmap progress', {}, at);
    expect(shownCard(waited.messages[0]!).image).toBe('attachment://progress.png');
    const tries = s.requests((r) => r.method === 'PATCH' && edits.test(r.path));
    expect(tries.map((r) => [r.status, r.files.map((f) => f.filename)])).toEqual([
      [429, ['progress.png']],
      [200, ['progress.png']],
    ]);

    s.fake.failNext('PATCH', edits, { status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    const refused = await s.command('bob', '/roadmap progress', {}, at);
    expect(refused.text).toContain('0 of 3 topics done');
    expect(shownCard(refused.messages[0]!).image).toBeUndefined();
  });

  it('shows /streak heatmap and /roadmap card as pictures alone, and /leaderboard with its card and names in the alt text', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    await s.command('bob', '/roadmap done', { topic: 'http' }, at);
    const heatmap = await s.command('bob', '/streak', { view: 'heatmap' }, at);
    expect(shownCard(heatmap.messages[0]!).attachment?.description).toContain("Bob's activity over the last 52 weeks (Europe/Berlin): 1 active day");
    expect(heatmap.messages[0]!.embeds[0]!.fields ?? []).toEqual([]);
    const card = await s.command('bob', '/roadmap card', {}, at);
    expect(shownCard(card.messages[0]!).image).toBe('attachment://progress.png');
    const board = await s.command('carol', '/leaderboard', {}, at);
    expect(board.text).toContain('Bob — 5 pts');
    expect(shownCard(board.messages[0]!).attachment?.description).toContain('1. Bob, 5 pts (new)');
  });

  it('posts the weekly recap card with the Monday leaderboard by REST', async () => {
    const s = await studyServer({ now: '2026-03-09T09:00:00Z' });
    const community = await resolveCommunity(s.app.deps, 'discord', s.fake.guild.id);
    const group = (await findGroup(s.app.deps, community.id, s.channel.id))!;
    const reply = await weeklyPost(s.app.deps, group, '2026-03-09');
    await s.bot.poster.post({ communityId: s.fake.guild.id, channelId: s.channel.id }, reply, { nonce: 'cohort-run-1' });
    const [post] = s.posts(s.channel.id).filter((m) => m.embeds[0]?.title === 'Last week’s leaderboard');
    const { image, attachment } = shownCard(post!);
    expect(image).toBe('attachment://recap.png');
    expect(attachment?.description).toContain("The group's week on Mini Backend, 2026-03-02 to 2026-03-08");
    const [upload] = s.requests((r) => r.method === 'POST' && r.path === `/channels/${s.channel.id}/messages` && r.files.length > 0);
    expect(upload!.files[0]).toMatchObject({ filename: 'recap.png', contentType: 'image/png' });
  });
});
