// The streak rules as a fold over active local dates. Pure: the store keeps
// the folded state and calls `recordDay` as each activity arrives, and views
// call `settle` with today's date, so both always agree.
//
// - A day counts when the member did a qualifying activity that local day.
// - A streak breaks only when a whole local day passes with no activity
//   (today is never "missed" while it is still today).
// - Every 7 active days in a run earn a freeze; at most 2 are banked.
// - A banked freeze covers one missed day automatically.
import { daysBetween, type LocalDate } from './time.ts';

export const FREEZE_EVERY_DAYS = 7;
export const MAX_FREEZES = 2;

export interface StreakState {
  current: number;
  longest: number;
  freezes: number;
  /** Active days since the last freeze was earned. */
  runDays: number;
  lastActive: LocalDate | null;
}

export const emptyStreak: StreakState = { current: 0, longest: 0, freezes: 0, runDays: 0, lastActive: null };

/** The state as of `today`: missed whole days are covered by freezes, or break the streak. */
export function settle(state: StreakState, today: LocalDate): StreakState & { frozeDays: number } {
  if (state.lastActive === null || state.current === 0) return { ...state, frozeDays: 0 };
  const missed = daysBetween(state.lastActive, today) - 1;
  if (missed <= 0) return { ...state, frozeDays: 0 };
  if (missed <= state.freezes) return { ...state, freezes: state.freezes - missed, frozeDays: missed };
  // Freezes are spent one per missed day until they run out; then the streak breaks.
  return { ...state, current: 0, runDays: 0, freezes: 0, frozeDays: state.freezes };
}

/**
 * Folds one active day in. Days already counted, or earlier than the last
 * counted one (e.g. after a time-zone change), change nothing.
 */
export function recordDay(state: StreakState, day: LocalDate): StreakState {
  if (state.lastActive !== null && daysBetween(state.lastActive, day) <= 0) return state;
  const { frozeDays: _, ...settled } = settle(state, day);
  const current = settled.current + 1;
  let runDays = settled.runDays + 1;
  let freezes = settled.freezes;
  if (runDays >= FREEZE_EVERY_DAYS) {
    runDays = 0;
    freezes = Math.min(MAX_FREEZES, freezes + 1);
  }
  return { current, longest: Math.max(settled.longest, current), freezes, runDays, lastActive: day };
}

/** Whole-history fold, used to rebuild or check the stored state. */
export function foldStreak(days: Iterable<LocalDate>): StreakState {
  let state = emptyStreak;
  for (const d of days) state = recordDay(state, d);
  return state;
}
