// Rank movement on the leaderboard: where each member stood at the end of
// the last period, compared with now. For points by week or month, the last
// period is the previous week or month; for all time, the standings as they
// were when this week began. Streak rankings have no history to compare.
import { DateTime } from 'luxon';
import { pointsStandings } from '../db/queries/ledger.ts';
import type { GroupRow } from '../db/types.ts';
import type { Deps } from './deps.ts';
import { type Leaderboard, type Period, type RankBy } from './points.ts';
import { periodStart } from './time.ts';

/** Places gained (+) or lost (−) per member; null for a member not ranked last period. Empty when not comparable. */
export type Movement = Map<number, number | null>;

function compare(previous: readonly { memberId: number }[], board: Leaderboard): Movement {
  const before = new Map(previous.map((r, i) => [r.memberId, i + 1]));
  const movement: Movement = new Map();
  for (const s of [...board.top, ...(board.you ? [board.you] : [])]) {
    const was = before.get(s.memberId);
    movement.set(s.memberId, was === undefined ? null : was - s.rank);
  }
  return movement;
}

export async function rankMovement(deps: Deps, group: GroupRow, period: Period, by: RankBy, board: Leaderboard): Promise<Movement | null> {
  if (by === 'streak') return null;
  const now = deps.clock.now();
  const zone = group.timezone;
  let since: number;
  let until: number;
  if (period === 'all') {
    since = 0;
    until = periodStart(now, zone, 'week');
  } else {
    const start = DateTime.fromMillis(periodStart(now, zone, period), { zone });
    since = start.minus(period === 'week' ? { weeks: 1 } : { months: 1 }).toMillis();
    until = start.toMillis();
  }
  return compare(await pointsStandings(deps.db, group, since, until), board);
}

/** The weekly post's movement: last week's ranks against the week before (`monday` starts the current week). */
export async function weekMovement(deps: Deps, group: GroupRow, monday: string, board: Leaderboard): Promise<Movement> {
  const end = DateTime.fromISO(monday, { zone: group.timezone }).startOf('day').minus({ weeks: 1 });
  return compare(await pointsStandings(deps.db, group, end.minus({ weeks: 1 }).toMillis(), end.toMillis()), board);
}

