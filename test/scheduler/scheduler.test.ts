// The scheduler on a simulated clock: what gets posted, when, and only once.
// Group "study" is in Europe/Berlin (UTC+1 in early March): post 09:00, reminder 20:00.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createLogger } from '../../src/log.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { groupChat } from '../helpers/chat.ts';
import { RecordingPoster, scheduledApp, tickAt } from '../helpers/poster.ts';
import { FIXTURE_ROADMAPS, type TestApp } from '../helpers/app.ts';

const runs = (app: TestApp) =>
  app.sql('SELECT job, member_id AS "memberId", local_date AS date, status, message_id AS "messageId", error FROM scheduled_runs ORDER BY id');

// Tuesday 3 March 2026, 08:00 in Berlin.
const TUESDAY = '2026-03-03T07:00:00Z';

describe('daily post', () => {
  it("goes out at the group's local post time, once, and is recorded with its message id", async () => {
    const c = await groupChat({ now: TUESDAY });
    const { scheduler, poster } = scheduledApp(c.app);
    await tickAt(c.app, scheduler, '2026-03-03T07:59:00Z'); // 08:59 Berlin
    expect(poster.sent).toEqual([]);
    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z'); // 09:00 Berlin
    await tickAt(c.app, scheduler, '2026-03-03T08:01:00Z');
    await tickAt(c.app, scheduler, '2026-03-03T22:59:00Z'); // 23:59 Berlin
    expect(poster.titles()).toEqual(['post:study Daily challenge · 2026-03-03']);
    expect(poster.sent[0]!.reply.buttons?.map((b) => b.label)).toEqual(['A', 'B', 'C']);
    expect((await runs(c.app))).toEqual([{ job: 'daily', memberId: 0, date: '2026-03-03', status: 'sent', messageId: 'm1', error: null }]);
  });

  it("shows yesterday's solvers and the streak leaders", async () => {
    const c = await groupChat({ now: TUESDAY });
    const { scheduler, poster } = scheduledApp(c.app);
    await c.say('@ann /roadmap start');
    await c.say('@ben /roadmap start');
    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z');
    await c.say('@ann /challenge answer PUT');
    await c.say('@ben /challenge answer GET');
    await tickAt(c.app, scheduler, '2026-03-04T08:00:00Z');
    const post = poster.sent[1]!.text;
    expect(post).toContain('Solved 2026-03-03: ann');
    expect(post).not.toContain('ben,');
    expect(post).toContain('Streak leaders: 🥇 ann — 1 day');
  });

  it('follows a post time or zone changed mid-day without a double or a lost post', async () => {
    const c = await groupChat({ now: TUESDAY });
    const { scheduler, poster } = scheduledApp(c.app);
    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z'); // posted at 09:00
    await c.say('/group setup post-time:15:00');
    await tickAt(c.app, scheduler, '2026-03-03T14:00:00Z'); // 15:00: already posted today
    await c.say('/group setup timezone:America/Los_Angeles'); // 06:00 on the 3rd there: the 3rd is done
    await tickAt(c.app, scheduler, '2026-03-03T23:00:00Z'); // 15:00 LA on the 3rd
    expect(poster.titles()).toEqual(['post:study Daily challenge · 2026-03-03']);
    // Moved earlier before it went out: posts at once rather than being lost.
    await c.say('/group setup post-time:18:00');
    await tickAt(c.app, scheduler, '2026-03-04T17:00:00Z'); // 09:00 LA on the 4th: not yet
    await c.say('/group setup post-time:08:00');
    await tickAt(c.app, scheduler, '2026-03-04T17:01:00Z');
    expect(poster.titles()).toEqual(['post:study Daily challenge · 2026-03-03', 'post:study Daily challenge · 2026-03-04']);
  });
});

describe('streak reminders', () => {
  async function twoLearners() {
    const c = await groupChat({ now: '2026-03-02T09:00:00Z' });
    const s = scheduledApp(c.app);
    for (const m of ['ann', 'ben', 'cy']) {
      await c.say(`@${m} /roadmap start`);
      await c.say(`@${m} /roadmap done http`); // Monday: everyone has a 1-day streak
    }
    c.app.clock.set('2026-03-03T10:00:00Z'); // Tuesday: only ann is active
    await c.say('@ann /roadmap done dns');
    return { c, ...s };
  }

  it('goes once, at reminder time, to members with a live streak who were not active today', async () => {
    const { c, scheduler, poster } = await twoLearners();
    await tickAt(c.app, scheduler, '2026-03-03T18:59:00Z'); // 19:59 Berlin
    expect(poster.sent.filter((s) => s.kind === 'dm')).toEqual([]);
    await tickAt(c.app, scheduler, '2026-03-03T19:00:00Z');
    await tickAt(c.app, scheduler, '2026-03-03T21:30:00Z');
    // One each; in no particular order (the store lists candidates unordered, and sends run side by side).
    const dms = poster.sent.filter((s) => s.kind === 'dm').sort((a, b) => a.to.localeCompare(b.to));
    expect(dms.map((d) => d.to)).toEqual(['ben', 'cy']);
    expect(dms[0]!.text).toContain('Keep your 1-day streak');
    expect(dms[0]!.text).toContain("Today's challenge is on");
    expect(dms[0]!.text).toContain('No freezes banked');
  });

  it('respects /remind off and /remind time, and skips members who left', async () => {
    const { c, scheduler, poster } = await twoLearners();
    expect((await c.say('@ben /remind time 21:15')).text).toContain('by 21:15 (Europe/Berlin)');
    await c.say('@cy /remind off');
    await tickAt(c.app, scheduler, '2026-03-03T19:00:00Z');
    expect(poster.sent.filter((s) => s.kind === 'dm')).toEqual([]);
    await tickAt(c.app, scheduler, '2026-03-03T20:15:00Z');
    expect(poster.sent.filter((s) => s.kind === 'dm').map((d) => d.to)).toEqual(['ben']);
    await c.say('@cy /remind on');
    await c.say('@cy /roadmap leave');
    await tickAt(c.app, scheduler, '2026-03-03T22:00:00Z');
    expect(poster.sent.filter((s) => s.kind === 'dm').map((d) => d.to)).toEqual(['ben']);
  });

  it('is not sent for a streak that already broke, nor for days that have passed', async () => {
    const { c, scheduler, poster } = await twoLearners();
    // Nothing ran on Tuesday evening; on Wednesday evening ben's and cy's streaks are gone.
    await tickAt(c.app, scheduler, '2026-03-04T19:30:00Z');
    expect(poster.sent.filter((s) => s.kind === 'dm').map((d) => d.to)).toEqual(['ann']);
  });
});

describe('weekly leaderboard', () => {
  it("goes out on Mondays at post time with the past week's points", async () => {
    const c = await groupChat({ now: TUESDAY });
    const { scheduler, poster } = scheduledApp(c.app);
    await c.say('@ann /roadmap start');
    await c.say('@ann /roadmap done http');
    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z');
    c.app.clock.set('2026-03-09T07:30:00Z'); // Monday 08:30: this week's points do not count
    await c.say('@ann /roadmap done dns');
    await tickAt(c.app, scheduler, '2026-03-09T08:00:00Z');
    const weekly = poster.sent.find((s) => s.reply.title === 'Last week’s leaderboard')!;
    expect(weekly.text).toContain('🥇 ann — 5 pts');
    expect(weekly.text).toContain('1 member earned points · /leaderboard for this week');
    expect(poster.titles().filter((t) => t.includes('leaderboard'))).toHaveLength(1);
  });
});

describe('exactly once', () => {
  it('two bot processes on the same database never both send', async () => {
    const c = await groupChat({ now: TUESDAY });
    const second = await createApp({ store: c.app.testStore.target, roadmapsDir: FIXTURE_ROADMAPS, clock: c.app.clock, log: createLogger('silent') });
    const a = scheduledApp(c.app);
    const b = createScheduler({ deps: second.deps, log: createLogger('silent'), posters: [a.poster] });
    c.app.clock.set('2026-03-03T08:00:00Z');
    const [ra, rb] = await Promise.all([a.scheduler.tick(), b.tick()]);
    await Promise.all([a.scheduler.idle(), b.idle()]);
    expect(ra.claimed + rb.claimed).toBe(1);
    expect(a.poster.titles()).toEqual(['post:study Daily challenge · 2026-03-03']);
    await second.close();
  });

  it('after downtime sends what is still due today and records earlier days as missed', async () => {
    const c = await groupChat({ now: '2026-03-02T07:00:00Z' });
    const { scheduler, poster } = scheduledApp(c.app);
    await tickAt(c.app, scheduler, '2026-03-02T08:00:00Z');
    // Down from Monday until Thursday 11:00 Berlin.
    c.app.clock.set('2026-03-05T10:00:00Z');
    await scheduler.catchUp();
    await scheduler.idle();
    expect(poster.titles().filter((t) => t.includes('Daily'))).toEqual(['post:study Daily challenge · 2026-03-02', 'post:study Daily challenge · 2026-03-05']);
    expect((await runs(c.app)).filter((r) => (r as { job: string }).job === 'daily')).toEqual([
      expect.objectContaining({ date: '2026-03-02', status: 'sent' }),
      expect.objectContaining({ date: '2026-03-03', status: 'missed' }),
      expect.objectContaining({ date: '2026-03-04', status: 'missed' }),
      expect.objectContaining({ date: '2026-03-05', status: 'sent' }),
    ]);
  });

  it('resends a post interrupted by a stop with the same nonce, so the platform can return the first message', async () => {
    const c = await groupChat({ now: TUESDAY });
    const { scheduler, poster } = scheduledApp(c.app);
    c.app.clock.set('2026-03-03T08:00:00Z');
    // A process claimed the run and stopped before recording the send.
    const claimedAt = Date.parse('2026-03-03T08:00:00Z');
    await c.app.sql(
      `INSERT INTO scheduled_runs (community_id, group_id, job, member_id, local_date, status, claimed_at, updated_at) VALUES (1, 1, 'daily', 0, '2026-03-03', 'claimed', ${claimedAt}, ${claimedAt})`,
    );
    await tickAt(c.app, scheduler, '2026-03-03T08:01:00Z');
    expect(poster.sent).toEqual([]); // still claimed: not sent twice
    c.app.clock.set('2026-03-03T08:10:00Z');
    await scheduler.catchUp();
    await scheduler.idle();
    expect(poster.sent.map((s) => s.nonce)).toEqual(['cohort-run-1']);
    expect((await runs(c.app))).toEqual([expect.objectContaining({ status: 'sent', messageId: 'm1' })]);
  });
});

describe('failed sends', () => {
  it('are retried with backoff, then sent', async () => {
    const c = await groupChat({ now: TUESDAY });
    const { scheduler, poster } = scheduledApp(c.app);
    poster.failNext('transient', '503 Service Unavailable', 2);
    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z');
    expect(poster.attempts).toEqual(['post:study', 'post:study', 'post:study']);
    expect((await runs(c.app))).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it('are recorded as failed with the reason when retries run out, never dropped silently', async () => {
    const c = await groupChat({ now: TUESDAY });
    const { scheduler, poster } = scheduledApp(c.app);
    poster.failNext('transient', '503 Service Unavailable', 3);
    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z');
    await tickAt(c.app, scheduler, '2026-03-03T08:05:00Z');
    expect(poster.attempts).toHaveLength(3);
    expect((await runs(c.app))).toEqual([expect.objectContaining({ status: 'failed', error: '503 Service Unavailable' })]);
  });

  it('whose content cannot be built (the roadmap was uninstalled) fail at once with the reason', async () => {
    const c = await groupChat({ now: TUESDAY });
    const { scheduler, poster } = scheduledApp(c.app);
    await c.app.sql("UPDATE groups SET roadmap_id = 'retired'");
    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z');
    expect(poster.attempts).toEqual([]);
    expect((await runs(c.app))).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringContaining('roadmap "retired", which is no longer installed') })]);
  });

  it('to a channel that is gone pause the group with a note for admins, until setup is run again', async () => {
    const c = await groupChat({ now: TUESDAY });
    const { scheduler, poster } = scheduledApp(c.app);
    poster.failNext('gone', 'Unknown Channel');
    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z');
    expect(poster.attempts).toEqual(['post:study']); // not retried
    const settings = await c.say('/group settings');
    expect(settings.text).toContain('Scheduled posts paused: Posting failed on 2026-03-03: Unknown Channel');
    await tickAt(c.app, scheduler, '2026-03-04T08:00:00Z');
    expect(poster.attempts).toEqual(['post:study']);
    await c.say('/group setup');
    expect((await c.say('/group settings')).text).not.toContain('paused');
    await tickAt(c.app, scheduler, '2026-03-04T08:01:00Z');
    expect(poster.titles()).toEqual(['post:study Daily challenge · 2026-03-04']);
  });
});

describe('shutdown', () => {
  it('lets in-flight sends finish, and bounds the wait for a send that hangs', async () => {
    const c = await groupChat({ now: TUESDAY });
    await c.say('/group setup roadmap:mini timezone:Europe/Berlin', { channel: 'other' }); // a second group
    const slow = new RecordingPoster();
    let release: () => void = () => {};
    const hang = new Promise<void>((resolve) => (release = resolve));
    const post = slow.post.bind(slow);
    slow.post = async (to, reply, opts) => {
      if (to.channelId === 'other') await hang; // this platform call never answers
      else await new Promise((r) => setTimeout(r, 30));
      return post(to, reply, opts);
    };
    const { scheduler } = scheduledApp(c.app, slow);
    c.app.clock.set('2026-03-03T08:00:00Z');
    expect((await scheduler.tick()).claimed).toBe(2);
    const started = Date.now();
    await scheduler.stop(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(slow.titles()).toEqual(['post:study Daily challenge · 2026-03-03']);
    // The hung one stays claimed, to be resent (same nonce) or marked missed at the next start.
    expect((await runs(c.app)).map((r) => (r as { status: string }).status).sort()).toEqual(['claimed', 'sent']);
    release();
  });
});
