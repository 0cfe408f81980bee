// The whole mentoring flow on the fake Discord, as members would do it:
// submit → the post with Claim → two mentors press Claim at once → the claim
// lapses → the other claims and asks for changes with a saved reply → the
// learner resubmits → approve with criteria marked → the posts edited in
// place (PATCH) → points paid once → /review stats shows the times. The
// learner, who cannot see #reviews, hears each step by DM.
import { describe, expect, it } from 'vitest';
import { buttonsOf, isEphemeral, textOf } from './harness.ts';
import { studyServer } from './seed.ts';

const at = { channel: 'study' };
const MIN = 60_000;

describe('Discord: mentoring from submission to stats', () => {
  it('runs the whole flow with claims, a lapse, a snippet, criteria, edited posts and DMs', async () => {
    const s = await studyServer({ now: '2026-03-02T12:00:00Z' });
    const reviews = s.fake.textChannel('reviews');
    await s.command('alice', '/group setup', { 'review-channel': `<#${reviews.id}>` }, at);
    await s.command('alice', '/group mentor', { action: 'add', member: { user: 'carol' } }, at);
    await s.command('bob', '/roadmap start', {}, at);
    const dms = () => s.fake.messagesIn(s.fake.world.dmChannel(s.id('bob')).id).map(textOf);

    // 1–2. The post, in #reviews, with Claim.
    await s.command('bob', '/challenge submit', { work: 'https://github.com/bob/v1', task: 'basics-project' }, at);
    const root = () => s.posts(reviews.id)[0]!;
    expect(Object.keys(buttonsOf(root()))).toEqual(['Claim', 'Approve', 'Request changes']);
    expect(textOf(root())).toContain('1. Answers GET /health with 200\n2. Has a README saying how to run it');

    // 3. Two mentors press Claim at once: one wins, the other is told who holds it.
    s.app.clock.advance(10 * MIN);
    const first = root();
    const [maya, carol] = await Promise.all([s.press('maya', first, 'Claim'), s.press('carol', first, 'Claim')]);
    const won = [maya, carol].filter((a) => a.text.includes('is yours until'));
    expect(won).toHaveLength(1);
    const [winner, loser] = won[0] === maya ? (['Maya', 'carol'] as const) : (['Carol', 'maya'] as const);
    const lost = won[0] === maya ? carol : maya;
    expect(lost.messages.every(isEphemeral)).toBe(true);
    expect(lost.text).toContain(`Submission #1 is claimed by ${winner}, 30 min left.`);
    // The post was edited in place: its status says who holds it.
    expect(s.requests((r) => r.method === 'PATCH' && r.path === `/channels/${reviews.id}/messages/${first.id}`)).toHaveLength(1);
    expect(textOf(root())).toContain(`Status: 🔒 Claimed by ${winner}`);
    expect(dms().at(-1)).toContain(`👀 ${winner} is reviewing your submission #1 (basics-project) now.`);

    // 4. The claim lapses; 5. the other mentor claims it and asks for changes with a saved reply.
    s.app.clock.advance(31 * MIN);
    await s.command(loser, '/review snippet', { action: 'add', name: 'readme', text: 'Please add a README that says how to run it.' }, at);
    const claimed = await s.press(loser, root(), 'Claim');
    expect(claimed.text).toContain('#1 is yours until');
    const form = await s.press(loser, root(), 'Request changes');
    const changes = await s.submitModal(loser, form, ':readme:');
    expect(changes.messages.every(isEphemeral)).toBe(true);
    const thread = s.fake.guild.threads.find((t) => t.id === first.id)!;
    const inThread = () => s.fake.messagesIn(thread.id).filter((m) => !isEphemeral(m));
    expect(inThread().map(textOf).join('\n')).toContain('asked for changes on submission #1 (basics-project):\n> Please add a README that says how to run it.');
    expect(buttonsOf(root())).toEqual({});
    expect(textOf(root())).toMatch(/Status: ✏️ Changes requested by (Maya|Carol)/);
    expect(dms().at(-1)).toContain('asked for changes on submission #1');

    // 6. The learner resubmits: it lands in the thread, naming the previous round.
    s.app.clock.advance(19 * MIN);
    await s.command('bob', '/challenge submit', { work: 'https://github.com/bob/v2', task: 'basics-project' }, at);
    const resubmission = () => inThread().find((m) => textOf(m).includes('Resubmission #2'))!;
    // …with a link that jumps to the first round's post.
    expect(textOf(resubmission())).toContain(`**Round 2** — follows [#1](https://discord.com/channels/${s.fake.guild.id}/${reviews.id}/${first.id}), where`);

    // 7. Approve, with criteria marked; 8. the resubmission's post is edited, its buttons gone.
    s.app.clock.advance(30 * MIN);
    const approve = await s.command(loser, '/review approve', { id: 2, feedback: 'met:1,2 Great work' }, { channel: thread.id });
    expect(approve.text).not.toContain('already');
    expect(s.requests((r) => r.method === 'PATCH' && r.path === `/channels/${thread.id}/messages/${resubmission().id}`)).toHaveLength(1);
    expect(buttonsOf(resubmission())).toEqual({});
    expect(textOf(resubmission())).toMatch(/Status: ✅ Approved by (Maya|Carol) · Mon 2 Mar 14:30 · criteria met: 1,2/);
    expect(dms().at(-1)).toContain('your submission #2 (basics-project) was approved by');

    // 9. Points are paid once: to the learner, and to the mentor for each review.
    expect((await s.command(loser, '/review approve', { id: 2 }, at)).text).toContain('already approved');
    expect(await s.app.sql("SELECT points, ref FROM ledger WHERE ref LIKE 'task:%'")).toEqual([{ points: 50, ref: 'task:basics-project' }]);
    expect(await s.app.count('SELECT count(*) AS n FROM mentor_ledger')).toBe(2);
    expect((await s.command('bob', '/leaderboard', { period: 'mentors' }, at)).text).toMatch(/🥇 (Maya|Carol) — 20 pts · 2 reviews/);

    // 10. The times: first reviews 10 and 30 min, decisions 41 and 30 min.
    const stats = await s.command('maya', '/review stats', {}, at);
    expect(stats.text).toContain('**Group:** 2 this week · 2 this month · first review 20 min · decision 35 min (medians) · longest wait now —');
  });
});
