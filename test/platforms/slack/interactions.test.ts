// Buttons, modals and review threads, in both modes: a quiz answered by
// button, buttons only their owner may press, the whole mentor review loop
// in the submission's thread, mass mentions made harmless, and a channel the
// bot is not in answered with what to do.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.ts';
import { letterShown, otherLetterShown } from '../../helpers/quiz.ts';
import { admin, alice, bob, maya, MODES, outside, reviews, startHarness, startStudyGroup, study } from './harness.ts';

const SUBMIT = '/challenge submit task:basics-project';

describe.each(MODES)('interactivity over %s', (mode) => {
  it('answers the daily quiz by button: choices as buttons, graded only for the presser', async () => {
    const h = await startStudyGroup(mode);
    await h.command(bob, '/roadmap start');
    // Shared in the channel, so the whole group sees the quiz and its buttons.
    const post = (await h.command(alice, '/challenge today share:yes')).posts[0]!;
    expect(post.buttons.map((b) => b.label)).toEqual(['A', 'B', 'C']);
    // Choices are shuffled per group and day: press the button the card shows for PUT.
    const put = letterShown(post.text, 'PUT');

    const right = await h.press(alice, post, put);
    expect(right.private.map((p) => p.text)).toEqual([expect.stringContaining('Correct! +10 points')]);
    expect(right.private[0]!.raw).toMatchObject({ channel: study.id, user: alice.id });
    expect(right.posts).toEqual([]);

    const wrong = await h.press(bob, post, otherLetterShown(post.text, 'PUT'));
    expect(wrong.private[0]!.text).toContain(`the answer is *${put}) PUT*`);
    expect((await h.command(alice, '/leaderboard')).private[0]!.text).toContain('🥇 alice — 10 pts');
  });

  it('still answers a press in a channel the bot has since left, through the press itself', async () => {
    const h = await startStudyGroup(mode);
    const post = (await h.command(alice, '/challenge today share:yes')).posts[0]!;
    h.fake.workspace.channels.get(study.id)!.is_member = false;
    const answer = await h.press(alice, post, letterShown(post.text, 'PUT'));
    expect(answer.calls.find((c) => c.method === 'chat.postEphemeral')?.response.error).toBe('not_in_channel');
    expect(answer.private.map((p) => p.text)).toEqual([expect.stringContaining('Correct! +10 points')]);
    expect(answer.private[0]!.raw).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it("refuses a button meant for someone else, and runs it for its owner: progress' Next topic and Mark done", async () => {
    const h = await startStudyGroup(mode);
    const card = (await h.command(alice, '/roadmap progress')).private[0]!;
    expect(card.buttons.map((b) => b.label)).toEqual(['Next topic', 'Mark done']);

    const refused = await h.press(bob, card, 'Mark done');
    expect(refused.private.map((p) => p.text)).toEqual(['Only <@U0ALICE> can use that button. For yourself, run `/roadmap done http`.']);
    expect(refused.private[0]!.raw).toMatchObject({ user: bob.id });
    expect((await h.command(alice, '/roadmap progress')).private[0]!.text).toContain('0 of 3 topics done');

    const next = await h.press(alice, card, 'Next topic');
    expect(next.private[0]!.text).toContain('Next topic: HTTP');
    const done = await h.press(alice, card, 'Mark done');
    expect(done.private[0]!.text).toContain('✅ *HTTP* done — +5 points.');
  });

  it('runs the review loop in the submission thread: changes by modal, resubmission, approval, points', async () => {
    const h = await startStudyGroup(mode);
    const submitted = await h.command(alice, `${SUBMIT} https://github.com/alice/v1`);
    expect(submitted.private[0]!.text).toContain('Submission #1 for *basics-project* is waiting for a mentor');
    const root = submitted.posts[0]!;
    expect(root).toMatchObject({ channel: study.id });
    expect(root.threadTs).toBeUndefined();
    expect(root.text).toContain('Submission #1 · basics-project');
    expect(root.text).toContain('<@U0ALICE> handed in *DNS*');
    expect(root.text).toContain('<https://github.com/alice/v1>');
    expect(root.text).toContain('*Mentors*\n<@U0MAYA>');
    expect(root.buttons.map((b) => b.label)).toEqual(['Claim', 'Approve', 'Request changes']);

    const notMentor = await h.press(bob, root, 'Approve');
    expect(notMentor.private[0]!.text).toContain("Only this group's mentors");
    expect(notMentor.posts).toEqual([]);

    const asked = await h.press(maya, root, 'Request changes');
    const open = asked.calls.find((c) => c.method === 'views.open')!;
    expect(open.args.view).toMatchObject({ type: 'modal', title: { text: 'Changes for #1' } });
    const changes = await h.submitModal(maya, open.args.view as Record<string, unknown>, 'Please add a README <!here>');
    expect(changes.posts).toHaveLength(1);
    expect(changes.posts[0]).toMatchObject({ channel: study.id, threadTs: root.ts });
    expect(changes.posts[0]!.text).toContain('<@U0ALICE>, maya asked for changes on submission #1 (basics-project):\n> Please add a README &lt;!here&gt;');

    const again = await h.command(alice, `${SUBMIT} https://github.com/alice/v2`);
    const resubmission = again.posts[0]!;
    expect(resubmission).toMatchObject({ channel: study.id, threadTs: root.ts });
    expect(resubmission.text).toContain('Resubmission #2 · basics-project');

    // The submission post is now a thread's parent: Slack sends it with thread_ts = its own ts.
    // Pressed there, a refusal goes to the channel, where bob is looking, not into the thread.
    const onParent = await h.press(bob, { ...root, threadTs: root.ts }, 'Approve');
    expect(onParent.private[0]!.text).toContain("Only this group's mentors");
    expect(onParent.private[0]!.channel).toBe(study.id);
    expect(onParent.private[0]!.raw.thread_ts).toBeUndefined();
    // Pressed on a message inside the thread, the refusal stays in the thread.
    const inThread = await h.press(bob, resubmission, 'Approve');
    expect(inThread.private[0]!.text).toContain("Only this group's mentors");
    expect(inThread.private[0]!.raw.thread_ts).toBe(root.ts);

    const approved = await h.press(maya, resubmission, 'Approve');
    expect(approved.posts).toHaveLength(1);
    expect(approved.posts[0]).toMatchObject({ channel: study.id, threadTs: root.ts });
    expect(approved.posts[0]!.text).toContain('✅ <@U0ALICE>, your submission #2 (basics-project) was approved by maya — +50 points!');

    const twice = await h.press(maya, root, 'Approve');
    expect(twice.private[0]!.text).toContain('was already');
    expect((await h.command(bob, '/leaderboard all')).private[0]!.text).toContain('🥇 alice — 50 pts');
  });

  it('posts submissions in the review channel an admin set, and reviews them in its thread there', async () => {
    const h = await startStudyGroup(mode);
    await h.command(admin, '/group setup review-channel:<#C0REVIEWS|reviews>');
    const root = (await h.command(alice, `${SUBMIT} https://github.com/alice/v1`)).posts[0]!;
    expect(root).toMatchObject({ channel: reviews.id });
    const approved = await h.press(maya, root, 'Approve');
    expect(approved.posts[0]).toMatchObject({ channel: reviews.id, threadTs: root.ts });
  });

  it('never lets a member notify everyone: <!channel>, <!here>, <!everyone> and group mentions stay text', async () => {
    const h = await startStudyGroup(mode);
    // As Slack sends "@channel @here @everyone @devs" and a literally typed "<!channel>".
    const out = await h.command(alice, `/challenge submit task:data-project <!channel> <!here|here> <!everyone> <!subteam^S0DEVS|@devs> &lt;!channel&gt; look`);
    const post = out.posts[0]!;
    expect(post.text).toContain('@channel @here @everyone @devs &lt;!channel&gt; look');
    for (const sent of [...out.posts, ...out.private]) {
      expect(JSON.stringify(sent.raw)).not.toMatch(/<!(channel|here|everyone|subteam)/);
      expect(sent.raw).not.toHaveProperty('link_names');
    }
  });

  it('refuses /group setup in a channel the bot is not in, with the fix, and creates nothing', async () => {
    const h = await startStudyGroup(mode);
    const out = await h.command(admin, '/group setup roadmap:mini', outside);
    expect(out.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect(out.private.map((p) => p.text)).toEqual(["I'm not in <#C0OUTSIDE>, so I can't post there. Invite me with `/invite @Cohort` there, then run /group setup again. Nothing was changed."]);
    expect((await h.command(admin, '/group settings', outside)).private[0]!.text).toContain('no study group');
    // A review channel the bot is not in is refused the same way.
    const review = await h.command(admin, `/group setup review-channel:<#${outside.id}|outside>`);
    expect(review.private[0]!.text).toContain("I'm not in <#C0OUTSIDE>");
    // Added to the channel, the same setup works.
    h.fake.workspace.channels.get(outside.id)!.is_member = true;
    expect((await h.command(admin, '/group setup roadmap:mini', outside)).posts[0]!.text).toContain('Study group created');
  });

  it('goes ahead with /group setup when the app lacks the scopes to check the channel, and logs one warning naming them', async () => {
    const lines: Record<string, unknown>[] = [];
    const h = await startHarness(mode, { log: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }) });
    h.fake.failNext('conversations.info', 'missing_scope');
    const out = await h.command(admin, '/group setup roadmap:mini');
    expect(out.posts[0]!.text).toContain('Study group created');
    const warned = lines.filter((l) => String(l.msg).includes('channels:read and groups:read'));
    expect(warned).toEqual([expect.objectContaining({ level: 40, code: 'missing_scope', channel: study.id })]);
  });

  it('tells the member to invite the bot when a post is refused after all', async () => {
    const h = await startStudyGroup(mode);
    h.fake.failNext('chat.postMessage', 'not_in_channel');
    const out = await h.command(admin, '/group setup timezone:UTC');
    expect(out.private.map((p) => p.text)).toEqual(["I'm not in <#C0STUDY>. Invite me with `/invite @Cohort` there, then try again."]);
  });

  it('says what to do when the review channel is gone', async () => {
    const h = await startStudyGroup(mode);
    h.fake.failNext('chat.postMessage', 'channel_not_found');
    const out = await h.command(alice, `${SUBMIT} https://github.com/alice/v1`);
    expect(out.private.map((p) => p.text)).toEqual([
      expect.stringContaining('waiting for a mentor'),
      expect.stringContaining("I can't see <#C0STUDY>: it was deleted, or it is private and I'm not in it."),
    ]);
  });
});
