import { and, eq, isNull, sql } from 'drizzle-orm';
import { first, prepared } from '../store.ts';
import type { GroupRow, MemberRow, Q, StreakRow } from '../types.ts';

export type ActivityKind = 'answer' | 'submission' | 'topic';

export async function insertActivity(q: Q, group: GroupRow, memberId: number, localDate: string, kind: ActivityKind, at: number): Promise<void> {
  const query = prepared(q, 'insert_activity', ({ t: { activities } }) =>
    q.insert(activities).values({
      communityId: sql.placeholder('communityId'),
      groupId: sql.placeholder('groupId'),
      memberId: sql.placeholder('memberId'),
      localDate: sql.placeholder('localDate'),
      kind: sql.placeholder('kind'),
      at: sql.placeholder('at'),
    }),
  );
  await query.execute({ communityId: group.communityId, groupId: group.id, memberId, localDate, kind, at });
}

export async function findStreak(q: Q, group: GroupRow, memberId: number): Promise<StreakRow | undefined> {
  const query = prepared(q, 'find_streak', ({ t: { streaks: s } }) =>
    q
      .select()
      .from(s)
      .where(and(eq(s.communityId, sql.placeholder('communityId')), eq(s.groupId, sql.placeholder('groupId')), eq(s.memberId, sql.placeholder('memberId'))))
      .limit(1),
  );
  return first(await query.execute({ communityId: group.communityId, groupId: group.id, memberId }));
}

export async function saveStreak(q: Q, row: StreakRow): Promise<void> {
  const query = prepared(q, 'save_streak', ({ t: { streaks } }) => {
    // Plain integers and text: the placeholders need no column encoder, so SQL wrappers serve in SET too.
    const value = { current: sql`${sql.placeholder('current')}`, longest: sql`${sql.placeholder('longest')}`, freezes: sql`${sql.placeholder('freezes')}`, runDays: sql`${sql.placeholder('runDays')}`, lastActive: sql`${sql.placeholder('lastActive')}` };
    return q
      .insert(streaks)
      .values({ communityId: sql.placeholder('communityId'), groupId: sql.placeholder('groupId'), memberId: sql.placeholder('memberId'), ...value })
      .onConflictDoUpdate({ target: [streaks.groupId, streaks.memberId], set: value });
  });
  await query.execute({ ...row });
}

/** Stored streaks of the group's active members, with who they are. */
export async function activeStreaks(q: Q, group: GroupRow): Promise<{ streak: StreakRow; member: MemberRow }[]> {
  const { streaks, members, enrolments } = q.t;
  return q
    .select({ streak: streaks, member: members })
    .from(streaks)
    .innerJoin(members, eq(members.id, streaks.memberId))
    .innerJoin(enrolments, and(eq(enrolments.groupId, streaks.groupId), eq(enrolments.memberId, streaks.memberId)))
    .where(and(eq(streaks.communityId, group.communityId), eq(streaks.groupId, group.id), isNull(enrolments.leftAt)));
}

/** How many qualifying activities the member had on each local date, oldest first. */
export async function activityPerDay(q: Q, group: GroupRow, memberId: number): Promise<{ localDate: string; count: number }[]> {
  const { activities: a } = q.t;
  const count = sql<number>`count(*)`.mapWith(Number);
  return q
    .select({ localDate: a.localDate, count })
    .from(a)
    .where(and(eq(a.communityId, group.communityId), eq(a.groupId, group.id), eq(a.memberId, memberId)))
    .groupBy(a.localDate)
    .orderBy(a.localDate);
}
