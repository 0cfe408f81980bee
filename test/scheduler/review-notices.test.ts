// Nothing goes stale: waiting work nudges the mentors at review-nudge and
// reaches the admins at review-escalate, once per submission and threshold,
// on a simulated clock. Group "study" is in Europe/Berlin.
import { describe, expect, it } from 'vitest';
import { groupChat } from '../helpers/chat.ts';
import { scheduledApp, tickAt } from '../helpers/poster.ts';

// Tuesday 3 March 2026, 08:00 in Berlin.
const TUESDAY = '2026-03-03T07:00:00Z';

const reviewNotices = (titles: string[]) => titles.filter((t) => !t.includes('Daily challenge') && !t.includes('leaderboard'));

describe('review nudges and escalations', () => {
  it('nudges the mentors and tells the learner at 24 h, tells the admin at 72 h, each once, whichever process ticks', async () => {
    const c = await groupChat({ now: TUESDAY });
    await c.say('/group mentor add @maya');
    await c.say('@alice /roadmap start');
    await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v1');
    const { scheduler, poster } = scheduledApp(c.app);
    const other = scheduledApp(c.app, poster).scheduler; // a second process on the same store

    await tickAt(c.app, scheduler, '2026-03-04T06:59:00Z');
    expect(reviewNotices(poster.titles())).toEqual([]);
    await tickAt(c.app, scheduler, '2026-03-04T07:00:00Z');
    await tickAt(c.app, other, '2026-03-04T07:00:00Z');
    await tickAt(c.app, scheduler, '2026-03-04T07:01:00Z');
    expect(reviewNotices(poster.titles())).toEqual(['post:study ⏰ Waiting 24 h: submission #1 (basics-project by alice)', 'dm:alice']);
    const nudge = poster.sent.find((s) => s.reply.title?.startsWith('⏰'))!;
    expect(nudge.reply.notify).toEqual(['maya']);
    expect(nudge.text).toContain('Claim it with `/review claim 1`');
    expect(poster.sent.find((s) => s.to === 'alice')!.text).toContain('Your submission #1 for basics-project is still in line');

    await tickAt(c.app, scheduler, '2026-03-06T06:59:00Z');
    expect(reviewNotices(poster.titles())).toHaveLength(2);
    await tickAt(c.app, other, '2026-03-06T07:00:00Z');
    await tickAt(c.app, scheduler, '2026-03-06T07:00:00Z');
    await tickAt(c.app, scheduler, '2026-03-09T07:00:00Z');
    // The admin who set the group up hears of it, privately.
    expect(reviewNotices(poster.titles()).slice(2)).toEqual(['dm:admin ⚠️ Unreviewed for 3 days: submission #1 (basics-project by alice)']);
    expect(await c.app.sql('SELECT submission_id, kind FROM review_notices ORDER BY id')).toEqual([
      { submission_id: 1, kind: 'nudge' },
      { submission_id: 1, kind: 'escalate' },
    ]);
  });

  it("follows the group's thresholds, and leaves work alone while a mentor holds it", async () => {
    const c = await groupChat({ now: TUESDAY });
    await c.say('/group setup review-nudge:2 review-escalate:4');
    expect((await c.say('/group settings')).text).toContain('mentors nudged after 2 h, admins told after 4 h');
    await c.say('/group mentor add @maya');
    await c.say('@alice /roadmap start');
    await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v1');
    const { scheduler, poster } = scheduledApp(c.app);
    c.app.clock.set('2026-03-03T08:50:00Z');
    await c.say('@maya /review claim 1'); // held until 09:20
    await tickAt(c.app, scheduler, '2026-03-03T09:00:00Z');
    expect(reviewNotices(poster.titles())).toEqual([]);
    await tickAt(c.app, scheduler, '2026-03-03T09:20:00Z'); // the claim lapsed: nudged now
    expect(reviewNotices(poster.titles())).toEqual(['post:study ⏰ Waiting 2 h 20 min: submission #1 (basics-project by alice)', 'dm:alice']);
    await c.say('@maya /review approve 1');
    await tickAt(c.app, scheduler, '2026-03-03T11:00:00Z'); // decided work is never escalated
    expect(reviewNotices(poster.titles())).toHaveLength(2);
  });
});
