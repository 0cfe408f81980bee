import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors.ts';
import { addDays, daysBetween, localDate, periodStart, requireLocalTime, requireTimeZone } from '../../src/domain/time.ts';

/** The UserError a call is rejected with (fails the test if it returns). */
function rejection(fn: () => unknown): UserError {
  try {
    const value = fn();
    throw new Error(`expected a UserError, got ${JSON.stringify(value)}`);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => new Date(s);

describe('requireTimeZone', () => {
  it('returns the canonical spelling of a zone typed in any case', () => {
    expect(requireTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(requireTimeZone('AMERICA/NEW_YORK')).toBe('America/New_York');
    expect(requireTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });

  // After `/group setup timezone:utc` the admin should read "Time zone: UTC".
  it('returns UTC and alias zones in their canonical spelling', () => {
    expect(requireTimeZone('utc')).toBe('UTC');
    expect(requireTimeZone('us/pacific')).toBe('US/Pacific');
    // The admin's own name is kept, not turned into an older alias.
    expect(requireTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(requireTimeZone('asia/kolkata')).toBe('Asia/Kolkata');
    expect(requireTimeZone('europe/kyiv')).toBe('Europe/Kyiv');
  });

  it('rejects an unknown zone, naming it and showing example zones', () => {
    const e = rejection(() => requireTimeZone('Mars/Base'));
    expect(e.id).toBe('time.badZone');
    expect(e.message).toContain('"Mars/Base" is not an IANA time zone');
    expect(e.message).toContain('Europe/Berlin, America/New_York or Asia/Kolkata');
  });

  it('suggests the closest zones for a typo', () => {
    const e = rejection(() => requireTimeZone('Europe/Berln'));
    expect(e.id).toBe('time.badZone');
    expect(e.message).toMatch(/did you mean Europe\/Berlin[,?]/);
  });
});

describe('requireLocalTime', () => {
  it('accepts a 24-hour time and pads it to HH:MM', () => {
    expect(requireLocalTime('9:05', 'post-time')).toBe('09:05');
    expect(requireLocalTime(' 18:30 ', 'post-time')).toBe('18:30');
    expect(requireLocalTime('00:00', 'post-time')).toBe('00:00');
    expect(requireLocalTime('23:59', 'post-time')).toBe('23:59');
  });

  it('rejects what is not a 24-hour HH:MM, naming the setting and showing examples', () => {
    for (const input of ['24:00', '9am', '12:60', '12', '9:5', '']) {
      const e = rejection(() => requireLocalTime(input, 'post-time'));
      expect(e.id).toBe('time.badTime');
      expect(e.message).toBe(`post-time "${input}" is not a 24-hour time. Write it as HH:MM, e.g. 09:00 or 18:30.`);
    }
  });
});

describe('localDate', () => {
  it('gives the calendar date in the zone, on either side of the date line', () => {
    const moment = at('2026-03-01T23:30:00Z');
    expect(localDate(moment, 'Asia/Tokyo')).toBe('2026-03-02');
    expect(localDate(moment, 'America/Los_Angeles')).toBe('2026-03-01');
    expect(localDate(moment, 'UTC')).toBe('2026-03-01');
    expect(localDate(at('2026-03-02T07:59:00Z'), 'America/Los_Angeles')).toBe('2026-03-01');
    expect(localDate(at('2026-03-02T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-02');
  });

  it('turns the date at local midnight to the millisecond, however often it was just asked (a busy second reuses its answer)', () => {
    // Nepal is UTC+05:45: its midnight is 18:15 UTC.
    for (let k = 0; k < 3; k++) expect(localDate(at('2026-03-01T18:14:59.000Z'), 'Asia/Kathmandu')).toBe('2026-03-01');
    expect(localDate(at('2026-03-01T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-03-01');
    expect(localDate(at('2026-03-01T18:15:00.000Z'), 'Asia/Kathmandu')).toBe('2026-03-02');
    // Back in time, and another zone in the same second: each answered for itself.
    expect(localDate(at('2026-03-01T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-03-01');
    expect(localDate(at('2026-03-01T18:14:59.999Z'), 'Asia/Tokyo')).toBe('2026-03-02');
  });
});

describe('daysBetween and addDays', () => {
  it('count whole calendar days across a DST change', () => {
    // Europe springs forward on 2026-03-29 (a 23-hour day) and falls back on 2026-10-25 (25 hours).
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-26', -2)).toBe('2026-10-24');
  });

  it('see one day between the same local hour on two days around the change', () => {
    // 00:30 in Berlin on 29 March (CET) and on 30 March (CEST) are 23 hours apart.
    const before = localDate(at('2026-03-28T23:30:00Z'), 'Europe/Berlin');
    const after = localDate(at('2026-03-29T22:30:00Z'), 'Europe/Berlin');
    expect([before, after]).toEqual(['2026-03-29', '2026-03-30']);
    expect(daysBetween(before, after)).toBe(1);
    expect(addDays(before, 1)).toBe(after);
  });

  it('cross month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(addDays('2026-03-02', 0)).toBe('2026-03-02');
  });
});

describe('periodStart', () => {
  it('starts the week on Monday 00:00 in Berlin, also in a week with a DST change', () => {
    // Sunday 29 March 2026 14:00 CEST: the week began Monday 23 March 00:00 CET.
    expect(iso(periodStart(at('2026-03-29T12:00:00Z'), 'Europe/Berlin', 'week'))).toBe('2026-03-22T23:00:00.000Z');
    // Monday 30 March 00:30 CEST (still Sunday in UTC): a new week began at 00:00 CEST.
    expect(iso(periodStart(at('2026-03-29T22:30:00Z'), 'Europe/Berlin', 'week'))).toBe('2026-03-29T22:00:00.000Z');
  });

  it('starts the week on Monday 00:00 in New York', () => {
    // Sunday 8 March 2026 (the US DST change), 08:00 EDT: the week began Monday 2 March 00:00 EST.
    expect(iso(periodStart(at('2026-03-08T12:00:00Z'), 'America/New_York', 'week'))).toBe('2026-03-02T05:00:00.000Z');
    // Sunday 29 March 23:30 EDT is Monday in UTC, but still last week in New York.
    expect(iso(periodStart(at('2026-03-30T03:30:00Z'), 'America/New_York', 'week'))).toBe('2026-03-23T04:00:00.000Z');
  });

  it('starts the month on the 1st 00:00 local time', () => {
    expect(iso(periodStart(at('2026-03-29T12:00:00Z'), 'Europe/Berlin', 'month'))).toBe('2026-02-28T23:00:00.000Z');
    // 1 April 00:30 CEST is still 31 March in UTC, but April in Berlin.
    expect(iso(periodStart(at('2026-03-31T22:30:00Z'), 'Europe/Berlin', 'month'))).toBe('2026-03-31T22:00:00.000Z');
    // 31 March 22:00 EDT is 1 April in UTC, but still March in New York (which began in EST).
    expect(iso(periodStart(at('2026-04-01T02:00:00Z'), 'America/New_York', 'month'))).toBe('2026-03-01T05:00:00.000Z');
  });

  it('starts "all" at the beginning of time', () => {
    expect(periodStart(at('2026-03-29T12:00:00Z'), 'Europe/Berlin', 'all')).toBe(0);
  });
});
