// Local dates and times in a group's IANA zone. luxon does the zone maths
// (offsets, DST) so none of it is hand-written here.
import { DateTime, IANAZone } from 'luxon';
import { suggest } from './suggest.ts';
import { UserError } from './errors.ts';

/** 'YYYY-MM-DD' */
export type LocalDate = string;

const ALL_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The canonical spelling of a zone typed by a user, or a UserError with suggestions. */
export function requireTimeZone(input: string): string {
  // Intl knows the canonical spelling of aliases and any casing (utc → UTC, us/pacific → America/Los_Angeles).
  if (isValidTimeZone(input)) return new Intl.DateTimeFormat('en', { timeZone: input }).resolvedOptions().timeZone;
  const close = suggest(input, ALL_ZONES, 3);
  throw new UserError(
    'time.badZone',
    `"${input}" is not an IANA time zone. Use a name like Europe/Berlin, America/New_York or Asia/Kolkata` +
      (close.length ? ` — did you mean ${close.join(', ')}?` : '.'),
  );
}

/** Validates a 24-hour "HH:MM" and returns it zero-padded. */
export function requireLocalTime(input: string, what: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(input.trim());
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!m || h > 23 || min > 59) {
    throw new UserError('time.badTime', `${what} "${input}" is not a 24-hour time. Write it as HH:MM, e.g. 09:00 or 18:30.`);
  }
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

export function localDate(at: Date, zone: string): LocalDate {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** Whole days from `a` to `b` (positive when b is later). Dates carry no zone, so this is plain calendar maths. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type Period = 'week' | 'month' | 'all';

/** Start of the current week (Monday) or month in the zone, as epoch ms; 0 for all time. */
export function periodStart(at: Date, zone: string, period: Period): number {
  if (period === 'all') return 0;
  return DateTime.fromJSDate(at, { zone }).startOf(period).toMillis();
}

/**
 * The instant a local wall time happens on a local date in a zone.
 * In a spring-forward gap (02:30 that never happens) it is the first valid
 * minute after (03:00); in a repeated fall-back hour, the first occurrence.
 */
export function wallTimeInstant(date: LocalDate, time: string, zone: string): number {
  let local = DateTime.fromISO(`${date}T${time}`, { zone });
  // luxon shifts a nonexistent time forward by the gap's length (02:30 → 03:30);
  // walk minute by minute from the requested time to the first one that exists.
  if (local.toFormat('HH:mm') !== time) {
    let probe = DateTime.fromISO(`${date}T${time}`, { zone: 'UTC' });
    do {
      probe = probe.plus({ minutes: 1 });
      local = DateTime.fromObject(
        { year: probe.year, month: probe.month, day: probe.day, hour: probe.hour, minute: probe.minute },
        { zone },
      );
    } while (local.toFormat('yyyy-MM-dd HH:mm') !== probe.toFormat('yyyy-MM-dd HH:mm'));
  }
  // luxon resolves a repeated time to its later occurrence; prefer the earlier
  // (DST shifts are an hour, or 30 minutes on Lord Howe Island).
  const wall = local.toFormat('yyyy-MM-dd HH:mm');
  for (const minutes of [60, 30]) {
    const earlier = local.minus({ minutes });
    if (earlier.toFormat('yyyy-MM-dd HH:mm') === wall) return earlier.toMillis();
  }
  return local.toMillis();
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function weekday(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}
