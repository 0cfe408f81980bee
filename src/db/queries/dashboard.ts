// What the web dashboard reads: whole groups at a time (members, progress,
// activity, attempts), folded into figures by src/domain/dashboard.ts.
import { and, asc, count, desc, eq, gte, inArray, isNull, max } from 'drizzle-orm';
import { first } from '../store.ts';
import type { CommunityRow, EnrolmentRow, GroupRow, MemberRow, Platform, Q, StreakRow, SubmissionRow } from '../types.ts';

export async function findCommunityById(q: Q, id: number): Promise<CommunityRow | undefined> {
  const { communities: c } = q.t;
  return first(await q.select().from(c).where(eq(c.id, id)).limit(1));
}

export async function communitiesByExternalIds(q: Q, platform: Platform, externalIds: readonly string[]): Promise<CommunityRow[]> {
  if (externalIds.length === 0) return [];
  const { communities: c } = q.t;
  return q.select().from(c).where(and(eq(c.platform, platform), inArray(c.externalId, [...externalIds]))).orderBy(asc(c.id));
}

export async function groupsOf(q: Q, communityId: number): Promise<GroupRow[]> {
  const { groups: g } = q.t;
  return q.select().from(g).where(eq(g.communityId, communityId)).orderBy(asc(g.id));
}

/** Groups the member is enrolled in (and has not left). */
export async function enrolledGroups(q: Q, communityId: number, memberId: number): Promise<GroupRow[]> {
  const { groups: g, enrolments: e } = q.t;
  const rows = await q
    .select({ group: g })
    .from(e)
    .innerJoin(g, eq(g.id, e.groupId))
    .where(and(eq(e.communityId, communityId), eq(e.memberId, memberId), isNull(e.leftAt)))
    .orderBy(asc(g.id));
  return rows.map((r) => r.group);
}

export async function enrolledMembers(q: Q, group: GroupRow): Promise<{ member: MemberRow; enrolment: EnrolmentRow }[]> {
  const { enrolments: e, members: m } = q.t;
  return q
    .select({ member: m, enrolment: e })
    .from(e)
    .innerJoin(m, eq(m.id, e.memberId))
    .where(and(eq(e.communityId, group.communityId), eq(e.groupId, group.id), isNull(e.leftAt)))
    .orderBy(asc(m.displayName));
}

export async function groupCompletions(q: Q, group: GroupRow): Promise<{ memberId: number; topicId: string; completedAt: number }[]> {
  const { topicCompletions: t } = q.t;
  return q
    .select({ memberId: t.memberId, topicId: t.topicId, completedAt: t.completedAt })
    .from(t)
    .where(and(eq(t.communityId, group.communityId), eq(t.groupId, group.id)));
}

export async function groupStreaks(q: Q, group: GroupRow): Promise<StreakRow[]> {
  const { streaks: s } = q.t;
  return q.select().from(s).where(and(eq(s.communityId, group.communityId), eq(s.groupId, group.id)));
}

export async function lastActiveAt(q: Q, group: GroupRow): Promise<Map<number, number>> {
  const { activities: a } = q.t;
  const rows = await q
    .select({ memberId: a.memberId, at: max(a.at) })
    .from(a)
    .where(and(eq(a.communityId, group.communityId), eq(a.groupId, group.id)))
    .groupBy(a.memberId);
  return new Map(rows.map((r) => [r.memberId, Number(r.at)]));
}

/** Each member's active local dates since `from` (inclusive), for charts and today/this-week counts. */
export async function activityDays(q: Q, group: GroupRow, from: string, memberId?: number): Promise<{ memberId: number; localDate: string }[]> {
  const { activities: a } = q.t;
  return q
    .selectDistinct({ memberId: a.memberId, localDate: a.localDate })
    .from(a)
    .where(and(eq(a.communityId, group.communityId), eq(a.groupId, group.id), gte(a.localDate, from), ...(memberId === undefined ? [] : [eq(a.memberId, memberId)])));
}

export async function postedDailies(q: Q, group: GroupRow): Promise<{ id: number; localDate: string; challengeId: string }[]> {
  const { dailyChallenges: d } = q.t;
  return q
    .select({ id: d.id, localDate: d.localDate, challengeId: d.challengeId })
    .from(d)
    .where(and(eq(d.communityId, group.communityId), eq(d.groupId, group.id)))
    .orderBy(desc(d.localDate));
}

export async function groupAttempts(q: Q, group: GroupRow): Promise<{ dailyChallengeId: number; answer: string; correct: boolean }[]> {
  const { quizAttempts: a } = q.t;
  return q
    .select({ dailyChallengeId: a.dailyChallengeId, answer: a.answer, correct: a.correct })
    .from(a)
    .where(and(eq(a.communityId, group.communityId), eq(a.groupId, group.id)));
}

export async function memberLedger(q: Q, group: GroupRow, memberId: number): Promise<{ points: number; reason: string; at: number }[]> {
  const { ledger: l } = q.t;
  return q
    .select({ points: l.points, reason: l.reason, at: l.at })
    .from(l)
    .where(and(eq(l.communityId, group.communityId), eq(l.groupId, group.id), eq(l.memberId, memberId)))
    .orderBy(desc(l.at), desc(l.id));
}

export async function memberSubmissions(q: Q, group: GroupRow, memberId: number): Promise<{ submission: SubmissionRow; reviewer: MemberRow | null }[]> {
  const { submissions: s, reviewer } = q.t;
  return q
    .select({ submission: s, reviewer })
    .from(s)
    .leftJoin(reviewer, eq(reviewer.id, s.reviewerId))
    .where(and(eq(s.communityId, group.communityId), eq(s.groupId, group.id), eq(s.memberId, memberId)))
    .orderBy(desc(s.createdAt), desc(s.id));
}

export async function pendingCount(q: Q, communityId: number, groupId?: number): Promise<number> {
  const { submissions: s } = q.t;
  const [row] = await q
    .select({ n: count() })
    .from(s)
    .where(and(eq(s.communityId, communityId), eq(s.status, 'pending'), ...(groupId === undefined ? [] : [eq(s.groupId, groupId)])));
  return Number(row?.n ?? 0);
}
