// A member's activity per local day over the last 52 weeks, for the streak
// heatmap (a card here, a member page on the dashboard): how many qualifying
// activities each day had in the group's zone, and which days a freeze
// covered. Freezes are not stored per day, so they are found by replaying the
// streak rules over the member's active days, the same fold the streak uses.
import { activityPerDay } from '../db/queries/streaks.ts';
import type { GroupRow } from '../db/types.ts';
import type { Deps } from './deps.ts';
import { emptyStreak, recordDay, settle } from './streak-rules.ts';
import { streakOf } from './streaks.ts';
import { addDays, daysBetween, localDate, weekday, type LocalDate } from './time.ts';

export const HEATMAP_WEEKS = 52;

export interface HeatmapDay {
  date: LocalDate;
  /** Qualifying activities that local day. */
  count: number;
  /** A freeze covered this day: the streak lived on through it. */
  frozen: boolean;
}

export interface Heatmap {
  timezone: string;
  today: LocalDate;
  /** Monday `HEATMAP_WEEKS - 1` weeks before this week's Monday: the first day shown. */
  start: LocalDate;
  /** Every day from `start` to `today`, in order: a week is 7 consecutive entries from Monday. */
  days: HeatmapDay[];
  activeDays: number;
  current: number;
  longest: number;
  freezes: number;
}

/** Days a freeze covered, replayed from the active days (oldest first) up to `today`. */
export function frozenDays(activeDates: readonly LocalDate[], today: LocalDate): Set<LocalDate> {
  const frozen = new Set<LocalDate>();
  const cover = (from: LocalDate, missed: number) => {
    for (let i = 1; i <= missed; i++) frozen.add(addDays(from, i));
  };
  let state = emptyStreak;
  for (const day of activeDates) {
    if (state.lastActive !== null && state.current > 0) {
      const missed = daysBetween(state.lastActive, day) - 1;
      // When the gap is longer than the banked freezes the streak broke: nothing was kept alive.
      if (missed > 0 && missed <= state.freezes) cover(state.lastActive, missed);
    }
    state = recordDay(state, day);
  }
  if (state.lastActive !== null && settle(state, today).current > 0) cover(state.lastActive, Math.max(0, daysBetween(state.lastActive, today) - 1));
  return frozen;
}

export async function activityHeatmap(deps: Deps, group: GroupRow, memberId: number, weeks = HEATMAP_WEEKS): Promise<Heatmap> {
  const today = localDate(deps.clock.now(), group.timezone);
  const start = addDays(today, -(weekday(today) - 1) - (weeks - 1) * 7);
  const perDay = await activityPerDay(deps.db, group, memberId);
  const counts = new Map(perDay.map((d) => [d.localDate, d.count]));
  const frozen = frozenDays(perDay.map((d) => d.localDate).filter((d) => d <= today), today);
  const days: HeatmapDay[] = [];
  // A year of days: stepping epoch milliseconds is several times cheaper than addDays' parse per day.
  const last = Date.parse(`${today}T00:00:00Z`);
  for (let ms = Date.parse(`${start}T00:00:00Z`); ms <= last; ms += 86_400_000) {
    const d = new Date(ms).toISOString().slice(0, 10);
    days.push({ date: d, count: counts.get(d) ?? 0, frozen: frozen.has(d) && !counts.has(d) });
  }
  const streak = await streakOf(deps, group, memberId);
  return {
    timezone: group.timezone,
    today,
    start,
    days,
    activeDays: days.filter((d) => d.count > 0).length,
    current: streak.current,
    longest: streak.longest,
    freezes: streak.freezes,
  };
}
