// The whole mentoring flow on the fake Slack, in both modes: submit → the
// post with Claim → two mentors press Claim at once → the claim lapses → the
// other claims and asks for changes with a saved reply → the learner
// resubmits → approve with criteria marked → the posts updated in place
// (chat.update) → points paid once → /review stats shows the times. The
// learner, who cannot see #reviews, hears each step by DM.
import { describe, expect, it } from 'vitest';
import { admin, alice, bob, maya, MODES, posted, reviews, startStudyGroup, type Sent } from './harness.ts';

const MIN = 60_000;
const SUBMIT = '/challenge submit task:basics-project';

describe.each(MODES)('Slack (%s): mentoring from submission to stats', (mode) => {
  it('runs the whole flow with claims, a lapse, a snippet, criteria, updated posts and DMs', async () => {
    const h = await startStudyGroup(mode);
    await h.command(admin, '/group setup review-channel:<#C0REVIEWS|reviews>');
    await h.command(admin, '/group mentor add <@U0BOB|bob>');
    const updates = (ts: string) => h.fake.callsTo('chat.update').filter((c) => c.response.ok && c.args.channel === reviews.id && c.args.ts === ts);
    const dms = () => h.fake.callsTo('chat.postMessage').filter((c) => c.response.ok && c.args.channel === alice.id).map((c) => String(c.args.text));
    // The post as it stands after its latest update: what a member presses on.
    const current = (ts: string): Sent => posted(updates(ts).at(-1)!);
    const stored = (ts: string) => JSON.stringify(h.fake.message(reviews.id, ts)?.blocks ?? []);

    // 1–2. The post, in #reviews, with Claim.
    const root: Sent = (await h.command(alice, `${SUBMIT} https://github.com/alice/v1`)).posts[0]!;
    expect(root.channel).toBe(reviews.id);
    expect(root.buttons.map((b) => b.label)).toEqual(['Claim', 'Approve', 'Request changes']);
    expect(root.text).toContain('1. Answers GET /health with 200\n2. Has a README saying how to run it');

    // 3. Two mentors press Claim at once: one wins, the other is told who holds it, where they pressed.
    h.app.clock.advance(10 * MIN);
    await Promise.all([h.press(maya, root, 'Claim'), h.press(bob, root, 'Claim')]);
    const privately = (who: string) => h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.user === who).map((c) => String(c.args.text));
    const winner = privately(maya.id).some((t) => t.includes('is yours until')) ? maya : bob;
    const loser = winner === maya ? bob : maya;
    expect(privately(winner.id).filter((t) => t.includes('is yours until'))).toHaveLength(1);
    expect(privately(loser.id).join('\n')).toContain(`Submission #1 is claimed by ${winner.name}, 30 min left.`);
    expect(updates(root.ts!)).toHaveLength(1);
    expect(stored(root.ts!)).toContain(`🔒 Claimed by ${winner.name}`);
    expect(dms().at(-1)).toContain(`${winner.name} is reviewing your submission #1 (basics-project) now.`);

    // 4. The claim lapses; 5. the other mentor claims it and asks for changes with a saved reply.
    h.app.clock.advance(31 * MIN);
    await h.command(loser, '/review snippet add readme Please add a README that says how to run it.', reviews);
    await h.press(loser, current(root.ts!), 'Claim');
    expect(privately(loser.id).at(-1)).toContain('#1 is yours until');
    const asked = await h.press(loser, current(root.ts!), 'Request changes');
    const view = asked.calls.find((c) => c.method === 'views.open')!.args.view as Record<string, unknown>;
    expect(JSON.stringify(view)).toContain(':readme: expands a saved reply');
    const changes = await h.submitModal(loser, view, ':readme:');
    expect(changes.posts[0]).toMatchObject({ channel: reviews.id, threadTs: root.ts });
    expect(changes.posts[0]!.text).toContain('asked for changes on submission #1 (basics-project):\n> Please add a README that says how to run it.');
    expect(stored(root.ts!)).not.toContain('"type":"actions"');
    expect(stored(root.ts!)).toContain(`✏️ Changes requested by ${loser.name}`);
    expect(dms().at(-1)).toContain('asked for changes on submission #1');

    // 6. The learner resubmits: it lands in the thread, naming the previous round.
    h.app.clock.advance(19 * MIN);
    const resubmission = (await h.command(alice, `${SUBMIT} https://github.com/alice/v2`)).posts[0]!;
    expect(resubmission).toMatchObject({ channel: reviews.id, threadTs: root.ts });
    expect(resubmission.text).toContain(`*Round 2* — follows #1, where ${loser.name} asked`);

    // 7. Approve, with criteria marked; 8. the resubmission's post is updated, its buttons gone.
    h.app.clock.advance(30 * MIN);
    await h.command(loser, '/review approve 2 met:1,2 Great work', reviews);
    expect(updates(resubmission.ts!)).toHaveLength(1);
    expect(stored(resubmission.ts!)).toContain(`✅ Approved by ${loser.name} · Mon 2 Mar 14:30 · criteria met: 1,2`);
    expect(stored(resubmission.ts!)).not.toContain('"type":"actions"');
    expect(dms().at(-1)).toContain('your submission #2 (basics-project) was approved by');

    // 9. Points are paid once.
    expect((await h.command(loser, '/review approve 2', reviews)).private[0]!.text).toContain('already approved');
    expect(await h.app.sql("SELECT points, ref FROM ledger WHERE ref LIKE 'task:%'")).toEqual([{ points: 50, ref: 'task:basics-project' }]);
    expect((await h.command(alice, '/leaderboard mentors')).private[0]!.text).toContain(`🥇 ${loser.name} — 20 pts · 2 reviews`);

    // 10. The times: first reviews 10 and 30 min, decisions 41 and 30 min.
    const stats = await h.command(maya, '/review stats');
    expect(stats.private[0]!.text).toContain('*Group:* 2 this week · 2 this month · first review 20 min · decision 35 min (medians) · longest wait now —');
  });
});
