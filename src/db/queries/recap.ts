// Figures of a group's week for the weekly recap card: counts over the
// activity, attempts, completions and reviews recorded in a time window.
import { and, type AnyColumn, eq, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { GroupRow, Q } from '../types.ts';

export interface WeekFigures {
  activeMembers: number;
  members: number;
  attempts: number;
  correct: number;
  approved: number;
  topicsDone: number;
  reviewsGiven: number;
}

const n = sql<number>`count(*)`.mapWith(Number);

/** Between the local dates `from`..`to` (inclusive) and the instants `[since, until)`. */
export async function weekFigures(q: Q, group: GroupRow, from: string, to: string, since: number, until: number): Promise<WeekFigures> {
  const { activities: a, enrolments: e, quizAttempts: qa, topicCompletions: tc, submissions: s } = q.t;
  const where = (t: { communityId: AnyColumn; groupId: AnyColumn }) => and(eq(t.communityId, group.communityId), eq(t.groupId, group.id));
  const [active] = await q
    .select({ n: sql<number>`count(DISTINCT ${a.memberId})`.mapWith(Number) })
    .from(a)
    .where(and(where(a), gte(a.localDate, from), sql`${a.localDate} <= ${to}`));
  const [members] = await q.select({ n }).from(e).where(and(where(e), isNull(e.leftAt)));
  const [attempts] = await q
    .select({ n, correct: sql<number>`coalesce(sum(CASE WHEN ${qa.correct} THEN 1 ELSE 0 END), 0)`.mapWith(Number) })
    .from(qa)
    .where(and(where(qa), gte(qa.createdAt, since), lt(qa.createdAt, until)));
  const [topics] = await q.select({ n }).from(tc).where(and(where(tc), gte(tc.completedAt, since), lt(tc.completedAt, until)));
  const [reviews] = await q
    .select({ n, approved: sql<number>`coalesce(sum(CASE WHEN ${s.status} = 'approved' THEN 1 ELSE 0 END), 0)`.mapWith(Number) })
    .from(s)
    .where(and(where(s), isNotNull(s.decidedAt), gte(s.decidedAt, since), lt(s.decidedAt, until)));
  return {
    activeMembers: active?.n ?? 0,
    members: members?.n ?? 0,
    attempts: attempts?.n ?? 0,
    correct: attempts?.correct ?? 0,
    approved: reviews?.approved ?? 0,
    topicsDone: topics?.n ?? 0,
    reviewsGiven: reviews?.n ?? 0,
  };
}
