import { describe, expect, it } from 'vitest';
import { groupChat } from '../helpers/chat.ts';

async function withSubmission() {
  const c = await groupChat();
  await c.say('/group mentor add @maya');
  await c.say('@alice /roadmap start');
  await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v1');
  return c;
}

describe('mentor review', () => {
  it('lists pending submissions oldest first, for mentors only', async () => {
    const c = await withSubmission();
    await c.say('@bob /roadmap start');
    c.app.clock.advance(60_000);
    await c.say('@bob /challenge submit task:basics-project https://github.com/bob/v1');
    const q = await c.say('@maya /review queue');
    expect(q.text).toContain('2 waiting');
    expect(q.text.indexOf('#1 basics-project by alice')).toBeLessThan(q.text.indexOf('#2 basics-project by bob'));
    const refused = await c.say('@bob /review queue');
    expect(refused.error).toBe(true);
    expect(refused.text).toContain("Only this group's mentors can review");
  });

  it('runs the loop: changes requested → resubmit → approve → points on the leaderboard', async () => {
    const c = await withSubmission();
    const changes = await c.say('@maya /review changes 1 Please add a README');
    expect(changes.public).toBe(true);
    expect(changes.text).toContain('maya asked for changes on submission #1');
    expect(changes.text).toContain('Please add a README');
    expect(changes.reply.notify).toEqual(['alice']);

    const resubmit = await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v2');
    expect(resubmit.text).toContain('Resubmission #2');

    const approve = await c.say('@maya /review approve 2 Great work');
    expect(approve.text).toContain('approved by maya — +50 points');
    expect((await c.say('@alice /leaderboard')).text).toContain('alice — 50 pts');

    const twice = await c.say('@maya /review approve 2');
    expect(twice.error).toBe(true);
    expect(twice.text).toContain('was already approved by maya');
    const after = await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v3');
    expect(after.text).toContain('was already approved');
  });

  it('refuses non-mentors, self-review, unknown ids and changes without feedback', async () => {
    const c = await withSubmission();
    expect((await c.say('@bob /review approve 1')).text).toContain("Only this group's mentors");
    await c.say('/group mentor add @alice');
    expect((await c.say('@alice /review approve 1')).text).toContain("can't review your own submission");
    expect((await c.say('@maya /review approve 99')).text).toContain('There is no submission #99');
    expect((await c.say('@maya /review changes 1')).text).toContain('Missing `feedback`');
    expect(await c.app.sql('SELECT status FROM submissions WHERE id = 1')).toEqual([{ status: 'pending' }]);
  });

  it('posts submissions to the review channel an admin set', async () => {
    const c = await groupChat();
    await c.say('/group setup review-channel:#reviews');
    await c.say('@alice /roadmap start');
    const r = await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v1');
    expect(r.replies[1]!.channelId).toBe('reviews');
    expect((await c.say('/group settings')).text).toContain('Reviews posted in: #reviews');
  });
});
