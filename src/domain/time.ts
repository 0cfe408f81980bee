// Local dates and times in a group's IANA zone. luxon does the zone maths
// (offsets, DST) so none of it is hand-written here.
import { DateTime, IANAZone } from 'luxon';
import { suggest } from './suggest.ts';
import { UserError } from './errors.ts';
import { excerpt } from './excerpt.ts';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** 'YYYY-MM-DD' */
export type LocalDate = string;

// Node 20's ICU still lists some zones by their old names; people know the current ones.
const RENAMED: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

let zones: { all: readonly string[]; byLower: Map<string, string> } | undefined;

/**
 * Every IANA zone by its current name, plus UTC: for suggestions. Built on
 * first use, not at load: checking ~430 zones loads ICU's data for every one
 * of them (about 18 MiB of memory, and time at start-up), which a running bot
 * needs only when someone types or picks a zone.
 */
function knownZones(): NonNullable<typeof zones> {
  if (!zones) {
    const all = [...Intl.supportedValuesOf('timeZone').map((z) => RENAMED[z] ?? z).filter(isValidTimeZone), 'UTC'];
    zones = { all, byLower: new Map(all.map((z) => [z.toLowerCase(), z])) };
  }
  return zones;
}

export const allZones = (): readonly string[] => knownZones().all;

/**
 * A zone typed by a user, in its usual spelling, or a UserError with suggestions.
 * The admin's own name is kept (Intl on Node 20 would turn Asia/Kolkata into
 * the old Asia/Calcutta); only its case is fixed.
 */
export function requireTimeZone(input: string): string {
  const known = knownZones().byLower.get(input.toLowerCase());
  if (known) return known;
  if (isValidTimeZone(input)) {
    if (input !== input.toLowerCase()) return input;
    // "asia/kolkata" → "Asia/Kolkata", "us/pacific" → "US/Pacific".
    const cased = input.replace(/[a-z]+/g, (w) => (w.length <= 2 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)));
    return isValidTimeZone(cased) ? cased : input;
  }
  const close = suggest(input, allZones(), 3);
  throw new UserError(
    'time.badZone',
    `"${excerpt(input)}" is not an IANA time zone. Use a name like Europe/Berlin, America/New_York or Asia/Kolkata` +
      (close.length ? ` — did you mean ${close.join(', ')}?` : '.'),
  );
}

/** Validates a 24-hour "HH:MM" and returns it zero-padded. */
export function requireLocalTime(input: string, what: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(input.trim());
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!m || h > 23 || min > 59) {
    throw new UserError('time.badTime', `${what} "${excerpt(input)}" is not a 24-hour time. Write it as HH:MM, e.g. 09:00 or 18:30.`);
  }
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** Each zone's last answer, by UTC second: a zone's offset is whole seconds, so its date can only change on a second's edge. */
const lastDates = new Map<string, { second: number; date: LocalDate }>();

/**
 * The calendar date at an instant in a zone, 'YYYY-MM-DD'. On every hot path:
 * the Intl formatter is cached per zone, and the same second in the same zone
 * (every command in a busy second) reuses the last answer instead of formatting.
 */
export function localDate(at: Date, zone: string): LocalDate {
  const second = Math.floor(at.getTime() / 1000);
  const last = lastDates.get(zone);
  if (last?.second === second) return last.date;
  let format = dateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(zone, format);
  }
  const date = format.format(at);
  if (Number.isFinite(second)) lastDates.set(zone, { second, date });
  return date;
}

/** Whole days from `a` to `b` (positive when b is later). Dates carry no zone, so this is plain calendar maths. */
/**
 * The years Cohort's dates live in. A clock or a stored date outside them is
 * a glitch (a host clock set to 9999, a corrupted row), never a study day:
 * date arithmetic past year 9999 stops producing 'YYYY-MM-DD' strings, so
 * loops over days would never end.
 */
export const SANE_YEARS = { from: 2000, to: 2100 } as const;

export function isSaneInstant(at: Date): boolean {
  const year = at.getUTCFullYear();
  return Number.isFinite(at.getTime()) && year >= SANE_YEARS.from && year <= SANE_YEARS.to;
}

/** A well-formed local date within SANE_YEARS. */
export function isSaneLocalDate(date: string): boolean {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(date);
  return m !== null && Number(m[1]) >= SANE_YEARS.from && Number(m[1]) <= SANE_YEARS.to && Number.isFinite(Date.parse(`${date}T00:00:00Z`));
}

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

// Every tick asks for the same few (zone, date, time) instants; remember them.
const instants = new Map<string, number>();
const MAX_REMEMBERED = 100_000;

/**
 * The instant a local wall time happens on a local date in a zone.
 * In a spring-forward gap (02:30 that never happens) it is the first valid
 * minute after (03:00); in a repeated fall-back hour, the first occurrence.
 */
export function wallTimeInstant(date: LocalDate, time: string, zone: string): number {
  const key = `${zone}|${date}|${time}`;
  let at = instants.get(key);
  if (at === undefined) {
    if (instants.size >= MAX_REMEMBERED) instants.clear();
    at = computeWallTimeInstant(date, time, zone);
    instants.set(key, at);
  }
  return at;
}

function computeWallTimeInstant(date: LocalDate, time: string, zone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const at = (h: number, m: number) => DateTime.fromObject({ year, month, day, hour: h, minute: m }, { zone });
  const exists = (t: DateTime, h: number, m: number) => t.day === day && t.hour === h && t.minute === m;
  let local = at(hour, minute);
  if (!exists(local, hour, minute)) {
    // luxon shifts a nonexistent time forward by the gap (02:30 → 03:30); take
    // the first minute after the requested one that does exist instead.
    for (let m = hour * 60 + minute + 1; m < 24 * 60; m++) {
      const probe = at(Math.floor(m / 60), m % 60);
      if (exists(probe, Math.floor(m / 60), m % 60)) {
        local = probe;
        break;
      }
    }
    return local.toMillis();
  }
  // luxon resolves a repeated time to its later occurrence; prefer the earlier
  // (DST shifts are an hour, or 30 minutes on Lord Howe Island).
  for (const back of [60, 30]) {
    const earlier = local.minus({ minutes: back });
    if (exists(earlier, hour, minute)) return earlier.toMillis();
  }
  return local.toMillis();
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function weekday(date: LocalDate): number {
  // A calendar date has no zone: the UTC day of the week is its day. (Plain Date, not luxon: the tick asks this for every group.)
  return ((new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay() + 6) % 7) + 1;
}

/** An instant as a short local time in the zone, for status lines: "Mon 2 Mar 14:05". */
export function shortTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL HH:mm');
}

/** A duration as people say it: "12 min", "5 h", "3 days". */
export function spokenDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 1) return `${hours} h${minutes % 60 && hours < 10 ? ` ${minutes % 60} min` : ''}`;
  return `${Math.max(1, minutes)} min`;
}
