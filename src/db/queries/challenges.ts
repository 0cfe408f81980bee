import { and, desc, eq, lt, max, sql } from 'drizzle-orm';
import { first, prepared } from '../store.ts';
import type { DailyChallengeRow, GroupRow, Q } from '../types.ts';

export async function findDaily(q: Q, group: GroupRow, localDate: string): Promise<DailyChallengeRow | undefined> {
  const query = prepared(q, 'find_daily', ({ t: { dailyChallenges: d } }) =>
    q
      .select()
      .from(d)
      .where(and(eq(d.communityId, sql.placeholder('communityId')), eq(d.groupId, sql.placeholder('groupId')), eq(d.localDate, sql.placeholder('localDate'))))
      .limit(1),
  );
  return first(await query.execute({ communityId: group.communityId, groupId: group.id, localDate }));
}

/** The group's latest cycle and the challenge ids already used in it. */
export async function currentCycle(q: Q, group: GroupRow): Promise<{ cycle: number; used: Set<string> }> {
  const { dailyChallenges: d } = q.t;
  const scope = and(eq(d.communityId, group.communityId), eq(d.groupId, group.id));
  const cycle = first(await q.select({ c: max(d.cycle) }).from(d).where(scope))?.c ?? 0;
  const used = await q
    .select({ id: d.challengeId })
    .from(d)
    .where(and(scope, eq(d.cycle, cycle)));
  return { cycle, used: new Set(used.map((u) => u.id)) };
}

/** Records the day's pick; when another process recorded one first, theirs is kept and returned. */
export async function insertDaily(q: Q, group: GroupRow, row: { localDate: string; challengeId: string; cycle: number; createdAt: number }): Promise<DailyChallengeRow> {
  const [inserted] = await q.insert(q.t.dailyChallenges).values({ communityId: group.communityId, groupId: group.id, ...row }).onConflictDoNothing().returning();
  return inserted ?? (await findDaily(q, group, row.localDate))!;
}

/** Points a day's pick at another challenge (its own went away); the row, and answers tied to it, stay. */
export async function replaceDaily(q: Q, group: GroupRow, daily: DailyChallengeRow, to: { challengeId: string; cycle: number }): Promise<DailyChallengeRow> {
  const { dailyChallenges: d } = q.t;
  await q
    .update(d)
    .set(to)
    .where(and(eq(d.communityId, group.communityId), eq(d.id, daily.id), eq(d.challengeId, daily.challengeId)));
  return (await findDaily(q, group, daily.localDate))!;
}

export async function previousDaily(q: Q, group: GroupRow, beforeDate: string): Promise<DailyChallengeRow | undefined> {
  const { dailyChallenges: d } = q.t;
  return first(
    await q
      .select()
      .from(d)
      .where(and(eq(d.communityId, group.communityId), eq(d.groupId, group.id), lt(d.localDate, beforeDate)))
      .orderBy(desc(d.localDate))
      .limit(1),
  );
}

export async function findAttempt(q: Q, group: GroupRow, dailyId: number, memberId: number) {
  const query = prepared(q, 'find_attempt', ({ t: { quizAttempts: a } }) =>
    q
      .select()
      .from(a)
      .where(and(eq(a.communityId, sql.placeholder('communityId')), eq(a.dailyChallengeId, sql.placeholder('dailyId')), eq(a.memberId, sql.placeholder('memberId'))))
      .limit(1),
  );
  return first(await query.execute({ communityId: group.communityId, dailyId, memberId }));
}

/** @returns false when the member already has a scored attempt (of two at once, one wins). */
export async function insertAttempt(
  q: Q,
  group: GroupRow,
  row: { memberId: number; dailyChallengeId: number; answer: string; correct: boolean; createdAt: number },
): Promise<boolean> {
  // Prepared: every /challenge answer runs it (placeholders go through the columns' encoders, booleans included).
  const query = prepared(q, 'insert_attempt', ({ t: { quizAttempts: a } }) =>
    q
      .insert(a)
      .values({
        communityId: sql.placeholder('communityId'),
        groupId: sql.placeholder('groupId'),
        memberId: sql.placeholder('memberId'),
        dailyChallengeId: sql.placeholder('dailyChallengeId'),
        answer: sql.placeholder('answer'),
        correct: sql.placeholder('correct'),
        createdAt: sql.placeholder('createdAt'),
      })
      .onConflictDoNothing()
      .returning({ id: a.id }),
  );
  const inserted = (await query.execute({ communityId: group.communityId, groupId: group.id, ...row })) as unknown[];
  return inserted.length > 0;
}

/** Who answered a daily challenge correctly, first first. */
export async function solvers(q: Q, group: GroupRow, dailyId: number): Promise<{ name: string; userId: string }[]> {
  const { quizAttempts: a, members } = q.t;
  return q
    .select({ name: members.displayName, userId: members.userId })
    .from(a)
    .innerJoin(members, eq(members.id, a.memberId))
    .where(and(eq(a.communityId, group.communityId), eq(a.dailyChallengeId, dailyId), eq(a.correct, true)))
    .orderBy(a.createdAt, a.id);
}
