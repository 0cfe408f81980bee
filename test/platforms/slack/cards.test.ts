// Cards on Slack: the real bolt app uploads them through the external-upload
// flow (files.getUploadURLExternal → the bytes → files.completeUploadExternal)
// into the channel or thread the reply went to, and an only-you card into the
// member's direct messages, since Slack has no ephemeral files.
import { describe, expect, it } from 'vitest';
import { alice, bob, startStudyGroup, study } from './harness.ts';

const PNG = '89504e470d0a1a0a';

describe('cards on Slack', () => {
  it('uploads the leaderboard card into the channel where the board was posted, with its alt text', async () => {
    const h = await startStudyGroup('socket');
    await h.command(alice, '/roadmap done http');
    const out = await h.command(bob, '/leaderboard share:yes');
    expect(out.posts[0]!.text).toContain('alice — 5 pts');
    const methods = out.calls.map((c) => c.method);
    expect(methods.indexOf('files.getUploadURLExternal')).toBeGreaterThan(methods.indexOf('chat.postMessage'));
    expect(methods.indexOf('files.completeUploadExternal')).toBeGreaterThan(methods.indexOf('files.getUploadURLExternal'));
    const [file] = h.fake.files.sharedIn(study.id);
    expect(file).toMatchObject({ filename: 'leaderboard.png', completed: true, shares: [{ channel: study.id }] });
    expect(file!.data!.subarray(0, 8).toString('hex')).toBe(PNG);
    expect(file!.altText).toContain('1. alice, 5 pts');
  });

  it("puts an only-you card in the member's direct messages and says so", async () => {
    const h = await startStudyGroup('socket');
    const out = await h.command(alice, '/streak');
    // The answer first; once the card is in the DM, a note says where it is.
    expect(out.private[0]!.text).toContain('Your streak');
    expect(out.private[1]!.text).toContain('direct messages with Cohort');
    expect(h.fake.files.sharedIn(study.id)).toEqual([]);
    const dm = [...h.fake.workspace.channels.values()].find((c) => c.is_im && c.user === alice.id)!;
    const [file] = h.fake.files.sharedIn(dm.id);
    expect(file).toMatchObject({ filename: 'heatmap.png', completed: true });
    expect(file!.altText).toContain("alice's activity over the last 52 weeks");
  });

  it('shares the stage certificate in the thread the button was pressed in', async () => {
    const h = await startStudyGroup('socket');
    await h.command(alice, '/roadmap done http');
    const card = (await h.command(alice, '/roadmap progress')).private[0]!;
    // The same card shown inside a thread: what the press answers stays in that thread.
    const inThread = { ...card, ts: '1700000000.000100', threadTs: '1700000000.000001' };
    const out = await h.press(alice, inThread, 'Mark done');
    const certificate = out.posts.find((p) => p.text.includes('completed stage 1'))!;
    expect(certificate).toMatchObject({ channel: study.id, threadTs: '1700000000.000001' });
    const [file] = h.fake.files.sharedIn(study.id, '1700000000.000001');
    expect(file).toMatchObject({ filename: 'certificate.png', completed: true });
    // Slack sends the channel's and workspace's names with the command; the certificate carries them.
    expect(file!.altText).toBe('Certificate: alice completed stage 1 of 2, Basics, of Mini Backend (2 topics) on 2026-03-02, in #study, cohort-fake.');
  });

  it('uploads nothing when the group turned cards off', async () => {
    const h = await startStudyGroup('socket');
    await h.command({ id: 'U0ADMIN', name: 'ana' }, '/group setup cards:off');
    const out = await h.command(bob, '/leaderboard share:yes');
    expect(out.posts).toHaveLength(1);
    expect(out.calls.map((c) => c.method)).not.toContain('files.getUploadURLExternal');
  });
});
