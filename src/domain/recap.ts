// The group's week in figures, for the weekly recap posted with the Monday
// leaderboard: who was active, what was solved and how well, topics done,
// reviews given, the week's top three and who climbed the most.
import { DateTime } from 'luxon';
import { weekFigures } from '../db/queries/recap.ts';
import type { GroupRow } from '../db/types.ts';
import type { Deps } from './deps.ts';
import { weekMovement } from './movement.ts';
import { lastWeek } from './points.ts';
import { addDays, type LocalDate } from './time.ts';

export interface WeeklyRecap {
  /** Monday and Sunday of the week recapped. */
  from: LocalDate;
  to: LocalDate;
  activeMembers: number;
  members: number;
  /** Correct quiz answers plus approved tasks. */
  solved: number;
  attempts: number;
  /** Correct answers of all quiz answers, in whole percent; null with none. */
  correctRate: number | null;
  topicsDone: number;
  reviewsGiven: number;
  top: { rank: number; name: string; points: number }[];
  climbers: { name: string; movement: number }[];
}

/** The week before the Monday `monday` (a local date in the group's zone). */
export async function weeklyRecap(deps: Deps, group: GroupRow, monday: LocalDate): Promise<WeeklyRecap> {
  const end = DateTime.fromISO(monday, { zone: group.timezone }).startOf('day');
  const from = addDays(monday, -7);
  const to = addDays(monday, -1);
  const f = await weekFigures(deps.db, group, from, to, end.minus({ weeks: 1 }).toMillis(), end.toMillis());
  const board = await lastWeek(deps, group, monday);
  const movement = await weekMovement(deps, group, monday, board);
  const climbers = board.top
    .map((s) => ({ name: s.name, movement: movement.get(s.memberId) ?? 0 }))
    .filter((c) => c.movement > 0)
    .sort((a, b) => b.movement - a.movement)
    .slice(0, 3);
  return {
    from,
    to,
    activeMembers: f.activeMembers,
    members: f.members,
    solved: f.correct + f.approved,
    attempts: f.attempts,
    correctRate: f.attempts ? Math.round((f.correct / f.attempts) * 100) : null,
    topicsDone: f.topicsDone,
    reviewsGiven: f.reviewsGiven,
    top: board.top.slice(0, 3).map((s) => ({ rank: s.rank, name: s.name, points: s.value })),
    climbers,
  };
}
