import { and, desc, eq, lt, max } from 'drizzle-orm';
import { dailyChallenges, members, quizAttempts } from '../schema.ts';
import type { DailyChallengeRow, GroupRow, Q } from '../types.ts';

export function findDaily(q: Q, group: GroupRow, localDate: string): DailyChallengeRow | undefined {
  return q
    .select()
    .from(dailyChallenges)
    .where(and(eq(dailyChallenges.communityId, group.communityId), eq(dailyChallenges.groupId, group.id), eq(dailyChallenges.localDate, localDate)))
    .get();
}

/** The group's latest cycle and the challenge ids already used in it. */
export function currentCycle(q: Q, group: GroupRow): { cycle: number; used: Set<string> } {
  const scope = and(eq(dailyChallenges.communityId, group.communityId), eq(dailyChallenges.groupId, group.id));
  const cycle = q.select({ c: max(dailyChallenges.cycle) }).from(dailyChallenges).where(scope).get()?.c ?? 0;
  const used = q
    .select({ id: dailyChallenges.challengeId })
    .from(dailyChallenges)
    .where(and(scope, eq(dailyChallenges.cycle, cycle)))
    .all();
  return { cycle, used: new Set(used.map((u) => u.id)) };
}

export function insertDaily(q: Q, group: GroupRow, row: { localDate: string; challengeId: string; cycle: number; createdAt: number }): DailyChallengeRow {
  return q.insert(dailyChallenges).values({ communityId: group.communityId, groupId: group.id, ...row }).returning().get();
}

export function previousDaily(q: Q, group: GroupRow, beforeDate: string): DailyChallengeRow | undefined {
  return q
    .select()
    .from(dailyChallenges)
    .where(and(eq(dailyChallenges.communityId, group.communityId), eq(dailyChallenges.groupId, group.id), lt(dailyChallenges.localDate, beforeDate)))
    .orderBy(desc(dailyChallenges.localDate))
    .limit(1)
    .get();
}

export function findAttempt(q: Q, group: GroupRow, dailyId: number, memberId: number) {
  return q
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.communityId, group.communityId), eq(quizAttempts.dailyChallengeId, dailyId), eq(quizAttempts.memberId, memberId)))
    .get();
}

export function insertAttempt(q: Q, group: GroupRow, row: { memberId: number; dailyChallengeId: number; answer: string; correct: boolean; createdAt: number }): void {
  q.insert(quizAttempts).values({ communityId: group.communityId, groupId: group.id, ...row }).run();
}

/** Who answered a daily challenge correctly, first first. */
export function solvers(q: Q, group: GroupRow, dailyId: number): { name: string; userId: string }[] {
  return q
    .select({ name: members.displayName, userId: members.userId })
    .from(quizAttempts)
    .innerJoin(members, eq(members.id, quizAttempts.memberId))
    .where(and(eq(quizAttempts.communityId, group.communityId), eq(quizAttempts.dailyChallengeId, dailyId), eq(quizAttempts.correct, true)))
    .orderBy(quizAttempts.createdAt, quizAttempts.id)
    .all();
}
