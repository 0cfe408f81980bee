// Mentor review in threads, end to end on the fake Discord: submit → thread
// with the mentors pinged → changes requested through the modal → resubmit in
// the thread → approve → points on the leaderboard.
import { ChannelType, InteractionResponseType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { buttonsOf, isEphemeral, textOf } from './harness.ts';
import { studyServer } from './seed.ts';

const at = { channel: 'study' };

describe('Discord: mentor review in threads', () => {
  it('runs the whole loop in one thread and pays the points once', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);

    const submit = await s.command('bob', '/challenge submit', { work: 'https://github.com/bob/v1', task: 'basics-project' }, at);
    expect(submit.messages.every(isEphemeral)).toBe(true);
    expect(submit.text).toContain('Submission #1');
    // The submission is posted in the group's channel, mentors pinged explicitly...
    const [root] = s.posts(s.channel.id);
    expect(root).toBeDefined();
    expect(root!.content).toBe(`<@${s.id('maya')}>`);
    const create = s.requests((r) => r.method === 'POST' && r.path === `/channels/${s.channel.id}/messages`)[0]!;
    expect((create.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], users: [s.id('maya')] });
    expect(textOf(root!)).toContain('https://github.com/bob/v1');
    // ...and a thread is opened on it.
    const thread = s.fake.guild.threads.find((t) => t.id === root!.id);
    expect(thread?.type).toBe(ChannelType.PublicThread);
    expect(thread?.name).toBe('Review · basics-project · Bob');

    // bob cannot approve his own work; the refusal is his alone.
    const self = await s.press('bob', root!, 'Approve');
    expect(isEphemeral(self.messages[0]!)).toBe(true);
    expect(self.text).toContain("Only this group's mentors");

    // maya asks for changes: the button opens a modal, the feedback goes to the thread.
    const ask = await s.press('maya', root!, 'Request changes');
    expect(ask.state.response).toBe(InteractionResponseType.Modal);
    expect(ask.state.modal?.title).toBe('Changes for #1');
    const changes = await s.submitModal('maya', ask, 'Please add a README.\nAnd tests.');
    expect(changes.messages.every(isEphemeral)).toBe(true);
    expect(changes.text).toContain(`<#${thread!.id}>`);
    // Everyone's view of the thread: posts and public interaction answers.
    const threadMessages = () => s.fake.messagesIn(thread!.id).filter((m) => !isEphemeral(m));
    const inThread = () => threadMessages().map(textOf);
    expect(inThread()).toHaveLength(1);
    expect(inThread()[0]).toContain('Maya asked for changes on submission #1');
    expect(inThread()[0]).toContain('Please add a README.\n> And tests.');
    expect(threadMessages()[0]!.content).toBe(`<@${s.id('bob')}>`);

    // bob resubmits from inside the thread: it lands in the same thread, not in #study.
    const resubmit = await s.command('bob', '/challenge submit', { work: 'https://github.com/bob/v2', task: 'basics-project' }, { channel: thread!.id });
    expect(resubmit.text).toContain('Submission #2');
    expect(s.posts(s.channel.id)).toHaveLength(1);
    expect(inThread()[1]).toContain('Resubmission #2');
    expect(s.fake.guild.threads).toHaveLength(1);

    // maya approves from the resubmission's button inside the thread: the answer is there, in public.
    const approve = await s.press('maya', threadMessages()[1]!, 'Approve');
    expect(isEphemeral(approve.messages[0]!)).toBe(false);
    expect(approve.messages[0]!.channel_id).toBe(thread!.id);
    expect(approve.text).toContain('approved by Maya — +50 points');

    const board = await s.command('carol', '/leaderboard', {}, at);
    expect(board.text).toContain('Bob — 50 pts');
    // The resubmission's post was edited in place: its buttons are gone and its status says who approved it.
    const resubmissionPost = threadMessages()[1]!;
    expect(s.requests((r) => r.method === 'PATCH' && r.path === `/channels/${thread!.id}/messages/${resubmissionPost.id}`)).toHaveLength(1);
    expect(resubmissionPost.components ?? []).toEqual([]);
    expect(textOf(resubmissionPost)).toMatch(/✅ Approved by Maya/);
    // So was the first round's post in #study, when changes were asked for.
    expect(textOf(s.posts(s.channel.id)[0]!)).toMatch(/✏️ Changes requested by Maya/);
    const twice = await s.command('maya', '/review approve', { id: 2 }, { channel: thread!.id });
    expect(twice.text).toContain('already approved');
    expect((await s.command('carol', '/leaderboard', {}, at)).text).toContain('Bob — 50 pts');
  });

  it('posts to the review channel an admin set, and tells the learner when it cannot', async () => {
    const s = await studyServer();
    const reviews = s.fake.textChannel('reviews');
    await s.command('alice', '/group setup', { 'review-channel': `<#${reviews.id}>` }, at);
    await s.command('bob', '/roadmap start', {}, at);
    await s.command('bob', '/challenge submit', { work: 'https://github.com/bob/v1', task: 'basics-project' }, at);
    expect(s.posts(reviews.id)).toHaveLength(1);
    expect(s.posts(s.channel.id)).toHaveLength(0);
    expect(s.fake.guild.threads[0]?.parent_id).toBe(reviews.id);

    // The bot lost access to #reviews: carol's submission is kept, and she is told what an admin can do.
    s.fake.failNext('POST', `/channels/${reviews.id}/messages`, { status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    await s.command('carol', '/roadmap start', {}, at);
    const blocked = await s.command('carol', '/challenge submit', { work: 'https://github.com/carol/v1', task: 'basics-project' }, at);
    expect(blocked.messages.every(isEphemeral)).toBe(true);
    expect(blocked.text).toContain('Submission #2');
    expect(blocked.text).toContain(`I'm not allowed to post in <#${reviews.id}>`);
    expect((await s.command('maya', '/review queue', {}, at)).text).toContain('2 waiting');
  });

  it('keeps the review buttons working for mentors only, and a mentor deciding from the queue lands in the thread', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    await s.command('bob', '/challenge submit', { work: 'https://github.com/bob/v1', task: 'basics-project' }, at);
    const root = s.posts(s.channel.id)[0]!;
    expect(Object.keys(buttonsOf(root))).toEqual(['Claim', 'Approve', 'Request changes']);
    const carol = await s.press('carol', root, 'Request changes');
    // Anyone may open the form, but only a mentor's decision counts.
    const refused = await s.submitModal('carol', carol, 'looks bad');
    expect(refused.text).toContain("Only this group's mentors");
    const viaCommand = await s.command('maya', '/review approve', { id: 1, feedback: 'Nice' }, at);
    expect(viaCommand.text).toContain('Posted in');
    expect(s.posts(root.id).map(textOf).join()).toContain('approved by Maya');
  });
});
