// Points are a ledger: every award is a row with its reason, and totals are
// sums over it, so a standing can always be explained and never drifts.
import { insertAward, pointsStandings, type Award } from '../db/queries/ledger.ts';
import type { GroupRow, Q } from '../db/types.ts';
import { DateTime } from 'luxon';
import type { Deps } from './deps.ts';
import { streakStandings } from './streaks.ts';
import { periodStart, type Period } from './time.ts';

export type { Period };
export type RankBy = 'points' | 'streak';

/** @returns false when this ref was already paid (nothing is paid twice). */
export function award(tx: Q, group: GroupRow, a: Award): Promise<boolean> {
  return insertAward(tx, group, a);
}

export interface Standing {
  rank: number;
  memberId: number;
  userId: string;
  name: string;
  /** Points in the period, or the current streak in days. */
  value: number;
}

export interface Leaderboard {
  top: Standing[];
  /** The asking member's own standing when they are not in the top list. */
  you: Standing | null;
  entrants: number;
}

export async function leaderboard(deps: Deps, group: GroupRow, period: Period, by: RankBy, askingMemberId: number, size = 10): Promise<Leaderboard> {
  const rows: Omit<Standing, 'rank'>[] =
    by === 'points'
      ? (await pointsStandings(deps.db, group, periodStart(deps.clock.now(), group.timezone, period))).map((r) => ({ ...r, value: r.points }))
      : (await streakStandings(deps, group)).map((s) => ({ memberId: s.member.id, userId: s.member.userId, name: s.member.displayName, value: s.streak.current }));
  return rank(rows, askingMemberId, size);
}

/** Points earned in the local week before the Monday `monday` (for the weekly post). */
export async function lastWeek(deps: Deps, group: GroupRow, monday: string, size = 10): Promise<Leaderboard> {
  const end = DateTime.fromISO(monday, { zone: group.timezone }).startOf('day');
  const rows = (await pointsStandings(deps.db, group, end.minus({ weeks: 1 }).toMillis(), end.toMillis())).map((r) => ({ ...r, value: r.points }));
  return rank(rows, 0, size);
}

function rank(rows: Omit<Standing, 'rank'>[], askingMemberId: number, size: number): Leaderboard {
  const ranked = rows.map((r, i) => ({ ...r, rank: i + 1 }));
  const top = ranked.slice(0, size);
  const mine = ranked.find((r) => r.memberId === askingMemberId);
  return { top, you: mine && mine.rank > size ? mine : null, entrants: ranked.length };
}
