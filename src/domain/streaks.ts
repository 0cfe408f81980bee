// Recording qualifying activity and reading streaks. The rules themselves
// live in streak-rules.ts; this applies them to the store.
import * as q from '../db/queries/streaks.ts';
import type { ActivityKind } from '../db/queries/streaks.ts';
import type { GroupRow, MemberRow, Q, StreakRow } from '../db/types.ts';
import type { Deps } from './deps.ts';
import { emptyStreak, recordDay, settle, type StreakState } from './streak-rules.ts';
import { localDate } from './time.ts';

export interface StreakView {
  current: number;
  longest: number;
  freezes: number;
  activeToday: boolean;
  lastActive: string | null;
}

const toState = (row: StreakRow | undefined): StreakState =>
  row ? { current: row.current, longest: row.longest, freezes: row.freezes, runDays: row.runDays, lastActive: row.lastActive } : emptyStreak;

/** Records a qualifying activity on the group's local date, inside the caller's transaction. */
export async function recordActivity(tx: Q, group: GroupRow, memberId: number, kind: ActivityKind, at: Date): Promise<StreakView> {
  const planned = await planActivity(tx, group, memberId, kind, at);
  await planned.write(tx);
  return planned.streak;
}

/** A day of activity, decided but not yet recorded: the streak it makes, and the writes that record it (Store.decide). */
export async function planActivity(tx: Q, group: GroupRow, memberId: number, kind: ActivityKind, at: Date): Promise<{ streak: StreakView; write(w: Q): Promise<void> }> {
  const day = localDate(at, group.timezone);
  const next = recordDay(toState(await q.findStreak(tx, group, memberId)), day);
  return {
    streak: view(next, day),
    async write(w) {
      await q.insertActivity(w, group, memberId, day, kind, at.getTime());
      await q.saveStreak(w, { communityId: group.communityId, groupId: group.id, memberId, ...next, lastActive: next.lastActive! });
    },
  };
}

function view(state: StreakState, today: string): StreakView {
  const s = settle(state, today);
  return { current: s.current, longest: s.longest, freezes: s.freezes, activeToday: s.lastActive === today, lastActive: s.lastActive };
}

/** The member's streak as of today; `within` reads it inside a caller's transaction. */
export async function streakOf(deps: Deps, group: GroupRow, memberId: number, within: Q = deps.db): Promise<StreakView> {
  return view(toState(await q.findStreak(within, group, memberId)), localDate(deps.clock.now(), group.timezone));
}

export interface StreakStanding {
  member: MemberRow;
  streak: StreakView;
}

/** Active members by current streak as of today, then longest, then who got there first. */
export async function streakStandings(deps: Deps, group: GroupRow): Promise<StreakStanding[]> {
  const today = localDate(deps.clock.now(), group.timezone);
  return (await q.activeStreaks(deps.db, group))
    .map((r) => ({ member: r.member, streak: view(toState(r.streak), today) }))
    .filter((s) => s.streak.current > 0)
    .sort(
      (a, b) =>
        b.streak.current - a.streak.current ||
        b.streak.longest - a.streak.longest ||
        a.member.id - b.member.id,
    );
}
