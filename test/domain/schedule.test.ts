// When posts are due, across time zones and DST changes, on a simulated clock.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CATCH_UP_DAYS, claimRuns, dueRuns, markSent, recordMissedRuns } from '../../src/domain/schedule.ts';
import { addDays, localDate, wallTimeInstant } from '../../src/domain/time.ts';
import { chat, groupChat } from '../helpers/chat.ts';
import { scheduledApp, tickAt } from '../helpers/poster.ts';

describe('post times on DST days', () => {
  it('a post time in the spring-forward gap fires at the first valid minute after it', async () => {
    // Berlin skips 02:00–03:00 on 2026-03-29.
    const c = await groupChat({ timezone: 'Europe/Berlin', now: '2026-03-28T12:00:00Z' });
    await c.say('/group setup post-time:02:30');
    const { scheduler, poster } = scheduledApp(c.app);
    await tickAt(c.app, scheduler, '2026-03-28T01:30:00Z'); // Saturday's, at 02:30 CET
    await tickAt(c.app, scheduler, '2026-03-29T00:59:00Z'); // 01:59 CET
    expect(poster.titles()).toEqual(['post:study Daily challenge · 2026-03-28']);
    await tickAt(c.app, scheduler, '2026-03-29T01:00:00Z'); // 03:00 CEST
    expect(poster.titles()).toEqual(['post:study Daily challenge · 2026-03-28', 'post:study Daily challenge · 2026-03-29']);
  });

  it('a post time in the repeated fall-back hour fires once', async () => {
    // New York repeats 01:00–02:00 on 2026-11-01.
    const c = await groupChat({ timezone: 'America/New_York', now: '2026-11-01T03:00:00Z' });
    await c.say('/group setup post-time:01:30');
    const { scheduler, poster } = scheduledApp(c.app);
    for (let t = Date.parse('2026-11-01T04:00:00Z'); t <= Date.parse('2026-11-01T08:00:00Z'); t += 60_000) {
      await tickAt(c.app, scheduler, new Date(t).toISOString());
    }
    expect(poster.titles()).toEqual(['post:study Daily challenge · 2026-11-01']);
    expect(await c.app.sql('SELECT message_id AS id FROM scheduled_runs')).toEqual([{ id: 'm1' }]);
    // …at its first occurrence, 01:30 EDT.
    expect(wallTimeInstant('2026-11-01', '01:30', 'America/New_York')).toBe(Date.parse('2026-11-01T05:30:00Z'));
  });
});

// 30 zones: whole, half-hour and 45-minute offsets, both hemispheres' DST, the date line.
const ZONES = [
  'UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Helsinki', 'Europe/Moscow', 'Africa/Cairo', 'Africa/Casablanca',
  'Asia/Tehran', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Dhaka', 'Asia/Yangon', 'Asia/Tokyo', 'Australia/Adelaide',
  'Australia/Darwin', 'Australia/Sydney', 'Australia/Lord_Howe', 'Australia/Eucla', 'Pacific/Auckland', 'Pacific/Chatham',
  'Pacific/Kiritimati', 'Pacific/Apia', 'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver',
  'America/Chicago', 'America/New_York', 'America/St_Johns', 'America/Santiago',
];
// Including times that fall into DST gaps or repeated hours somewhere, and the day's edges.
const TIMES = ['00:00', '00:30', '01:30', '02:00', '02:30', '03:00', '09:00', '12:45', '23:30', '23:59'];

describe('property: exactly one daily post per group per local day', () => {
  it(`holds for ${ZONES.length} zones over two simulated years`, async () => {
    expect(new Set(ZONES).size).toBe(30);
    const start = '2026-01-01T00:00:00Z';
    const c = await chat({ now: start });
    for (const [i, zone] of ZONES.entries()) {
      const r = await c.say(`/group setup roadmap:mini timezone:${zone} post-time:${TIMES[i % TIMES.length]} reminder-time:23:59`, { channel: `g${i}` });
      expect(r.error, r.text).toBe(false);
    }
    const deps = c.app.deps;
    const groups = ZONES.map((zone, i) => ({ zone, time: TIMES[i % TIMES.length]! }));
    const end = Date.parse('2028-01-01T00:00:00Z');
    const posts = new Map<string, number>();

    // Jump from one due instant to the next, rounded up to the minute as the
    // minute tick would see it.
    let now = Date.parse(start);
    const nextDue = (after: number) => {
      let best = Infinity;
      for (const g of groups) {
        const today = localDate(new Date(after), g.zone);
        for (const d of [today, addDays(today, 1)]) {
          const at = wallTimeInstant(d, g.time, g.zone);
          if (at > after && at < best) best = at;
        }
      }
      return Math.ceil(best / 60_000) * 60_000;
    };
    while (now < end) {
      c.app.clock.set(new Date(now).toISOString());
      for (const { run, runId } of await claimRuns(deps, await dueRuns(deps))) {
        await markSent(deps, runId, 'x', 1);
        if (run.job !== 'daily') continue;
        const key = `${run.group.timezone}|${run.localDate}`;
        posts.set(key, (posts.get(key) ?? 0) + 1);
        // Posted on its own local day, at or after its post time.
        if (localDate(new Date(now), run.group.timezone) !== run.localDate || now < run.dueAt) expect.fail(`${key} posted at ${new Date(now).toISOString()}`);
      }
      now = nextDue(now);
    }

    for (const g of groups) {
      // Every local day from the first full one to the last, exactly once.
      let day = DateTime.fromISO('2026-01-02');
      let count = 0;
      while (wallTimeInstant(day.toISODate()!, g.time, g.zone) < end) {
        const n = posts.get(`${g.zone}|${day.toISODate()}`) ?? 0;
        if (n !== 1) expect.fail(`${g.zone} ${g.time}: ${n} posts on ${day.toISODate()}`);
        day = day.plus({ days: 1 });
        count += 1;
      }
      expect(count).toBeGreaterThan(720);
    }
  }, 120_000);
});

describe('a clock or a stored date out of range', () => {
  it('catch-up after a run recorded for 9999-12-31 ends, and records at most a month of missed days', async () => {
    const c = await groupChat({ now: '2026-03-02T12:00:00Z' });
    const now = Date.parse('2026-03-02T12:00:00Z');
    await c.app.sql(`INSERT INTO scheduled_runs (community_id, group_id, job, member_id, local_date, status, claimed_at, updated_at) VALUES (1, 1, 'daily', 0, '9999-12-31', 'sent', ${now}, ${now})`);
    await c.app.sql(`INSERT INTO scheduled_runs (community_id, group_id, job, member_id, local_date, status, claimed_at, updated_at) VALUES (1, 1, 'weekly', 0, '+275760-09-13', 'sent', ${now}, ${now})`);
    c.app.clock.set('2026-04-20T12:00:00Z');
    const missed = await recordMissedRuns(c.app.deps);
    for (const m of missed) expect(m.dates.length).toBeLessThanOrEqual(CATCH_UP_DAYS);
    expect(await c.app.count("SELECT count(*) AS n FROM scheduled_runs WHERE status = 'missed'")).toBeLessThanOrEqual(CATCH_UP_DAYS + 5);
    // The glitched rows are left as they are; the bot still starts and runs.
    expect(await c.app.count("SELECT count(*) AS n FROM scheduled_runs WHERE status = 'sent'")).toBe(2);
  });

  it('a clock set past 2100 (or before 2000) finds nothing due and writes nothing', async () => {
    const c = await groupChat({ now: '2026-03-02T12:00:00Z' });
    for (const at of ['9999-12-31T23:59:00Z', '1970-01-01T09:00:00Z']) {
      c.app.clock.set(at);
      expect(await dueRuns(c.app.deps)).toEqual([]);
      expect(await recordMissedRuns(c.app.deps)).toEqual([]);
    }
    expect(await c.app.count('SELECT count(*) AS n FROM scheduled_runs')).toBe(0);
  });

  it('commands are refused while the clock is out of range, with what to fix, and nothing is recorded', async () => {
    const c = await groupChat({ now: '2026-03-02T12:00:00Z' });
    c.app.clock.set('9999-12-31T23:59:00Z');
    const r = await c.say('@alice /roadmap start');
    expect(r.error).toBe(true);
    expect(r.text).toContain("Cohort's clock reads a time outside 2000–2100");
    expect(await c.app.count('SELECT count(*) AS n FROM enrolments')).toBe(0);
  });
});
