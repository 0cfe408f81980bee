// Streaks through the real commands and store, on a simulated clock: local
// dates follow the group's time zone, DST days included.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { groupChat, type Chat } from '../helpers/chat.ts';

/**
 * Enrols `name` and returns a function that makes them active "today": they
 * hand in a task and a mentor sends it back, so the next day's resubmission
 * is again a qualifying activity.
 */
async function activeMember(c: Chat, name: string) {
  await c.say('/group mentor add @mentor');
  await c.say(`@${name} /roadmap start`);
  return async (n: number) => {
    const s = await c.say(`@${name} /challenge submit task:data-project attempt ${n}`);
    expect(s.text).toContain('waiting for a mentor');
    const id = /#(\d+)/.exec(s.text)![1];
    await c.say(`@mentor /review changes ${id} try again`);
  };
}

/** Sets the clock to a local wall time in a zone. */
const at = (zone: string, local: string) => DateTime.fromISO(local, { zone }).toUTC().toISO()!;

describe('streaks over simulated days', () => {
  it('counts local days in the group zone, not UTC days', async () => {
    const zone = 'Pacific/Auckland';
    const c = await groupChat({ timezone: zone, now: at(zone, '2026-05-04T08:00') });
    await c.say('@kiri /roadmap start');
    await c.say('@kiri /roadmap done http'); // 08:00 Monday Auckland = Sunday UTC
    c.app.clock.set(at(zone, '2026-05-05T23:30'));
    await c.say('@kiri /roadmap done dns'); // Tuesday local, late evening
    const s = await c.say('@kiri /streak');
    expect(s.text).toContain('Current: 2 days');
    const days = await c.app.sql<{ d: string }>('SELECT local_date AS d FROM activities ORDER BY id');
    expect(days.map((r) => r.d)).toEqual(['2026-05-04', '2026-05-05']);
  });

  it.each([
    ['Europe/Berlin', '2026-03-20', 'spring forward on 2026-03-29'],
    ['America/New_York', '2026-10-25', 'fall back on 2026-11-01'],
    ['Australia/Sydney', '2026-09-28', 'spring forward on 2026-10-04'],
    ['Asia/Kolkata', '2026-03-20', 'no DST, +05:30'],
    ['America/St_Johns', '2026-03-01', 'spring forward on 2026-03-08, -03:30'],
  ])('keeps a daily streak through 60 days in %s (%s, %s)', async (zone, start) => {
    const c = await groupChat({ timezone: zone, now: at(zone, `${start}T07:00`) });
    const active = await activeMember(c, 'ana');
    const first = DateTime.fromISO(`${start}T07:00`, { zone });
    for (let i = 0; i < 60; i++) {
      // Once a day, at a local hour that moves around the clock: early, one minute to midnight, just after it, noon.
      const when = first.plus({ days: i }).set({ hour: [7, 23, 0, 12][i % 4]!, minute: i % 4 === 1 ? 59 : 5 });
      c.app.clock.set(when.toUTC().toISO()!);
      await active(i);
    }
    const s = await c.say('@ana /streak');
    expect(s.text).toContain('Current: 60 days');
    expect(s.text).toContain('Freezes: 2 of 2');
    expect(await c.app.count('SELECT count(DISTINCT local_date) AS n FROM activities')).toBe(60);
  });

  it('uses a banked freeze for a missed day and breaks on the day after that runs out', async () => {
    const zone = 'Europe/London';
    const c = await groupChat({ timezone: zone, now: at(zone, '2026-03-23T09:00') });
    const active = await activeMember(c, 'sam');
    const day = DateTime.fromISO('2026-03-23T09:00', { zone });
    const activeOn = async (d: DateTime, n: number) => {
      c.app.clock.set(d.toUTC().toISO()!);
      await active(n);
    };
    for (let i = 0; i < 7; i++) await activeOn(day.plus({ days: i }), i); // 7 days → 1 freeze (crosses BST start on the 29th)
    expect((await c.say('@sam /streak')).text).toContain('Freezes: 1 of 2');
    // Skip day 8, come back on day 9: the freeze covered day 8.
    await activeOn(day.plus({ days: 8 }), 8);
    let s = await c.say('@sam /streak');
    expect(s.text).toContain('Current: 8 days');
    expect(s.text).toContain('Freezes: 0 of 2');
    // Skip day 10 with no freeze left: on day 11 the streak is gone.
    c.app.clock.set(day.plus({ days: 10, hours: 3 }).toUTC().toISO()!);
    s = await c.say('@sam /streak');
    expect(s.text).toContain('Current: 0 days');
    expect(s.text).toContain('Longest: 8 days');
    // Not "yet": there was one.
    expect(s.text).toContain('No streak right now — any activity today starts one.');
    expect(s.text).not.toContain('No streak yet');
  });
});
