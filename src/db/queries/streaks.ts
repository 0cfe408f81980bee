import { and, eq, isNull } from 'drizzle-orm';
import { activities, enrolments, members, streaks } from '../schema.ts';
import type { GroupRow, MemberRow, Q, StreakRow } from '../types.ts';

export type ActivityKind = (typeof activities.$inferInsert)['kind'];

export function insertActivity(q: Q, group: GroupRow, memberId: number, localDate: string, kind: ActivityKind, at: number): void {
  q.insert(activities).values({ communityId: group.communityId, groupId: group.id, memberId, localDate, kind, at }).run();
}

export function findStreak(q: Q, group: GroupRow, memberId: number): StreakRow | undefined {
  return q
    .select()
    .from(streaks)
    .where(and(eq(streaks.communityId, group.communityId), eq(streaks.groupId, group.id), eq(streaks.memberId, memberId)))
    .get();
}

export function saveStreak(q: Q, row: StreakRow): void {
  const { communityId: _c, groupId: _g, memberId: _m, ...set } = row;
  q.insert(streaks).values(row).onConflictDoUpdate({ target: [streaks.groupId, streaks.memberId], set }).run();
}

/** Stored streaks of the group's active members, with who they are. */
export function activeStreaks(q: Q, group: GroupRow): { streak: StreakRow; member: MemberRow }[] {
  return q
    .select({ streak: streaks, member: members })
    .from(streaks)
    .innerJoin(members, eq(members.id, streaks.memberId))
    .innerJoin(enrolments, and(eq(enrolments.groupId, streaks.groupId), eq(enrolments.memberId, streaks.memberId)))
    .where(and(eq(streaks.communityId, group.communityId), eq(streaks.groupId, group.id), isNull(enrolments.leftAt)))
    .all();
}
