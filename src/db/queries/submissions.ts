import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { first } from '../store.ts';
import type { GroupRow, MemberRow, Q, SubmissionRow } from '../types.ts';

export async function insertSubmission(
  q: Q,
  group: GroupRow,
  row: { memberId: number; challengeId: string; content: string; previousId: number | null; createdAt: number },
): Promise<SubmissionRow> {
  const [inserted] = await q
    .insert(q.t.submissions)
    .values({ communityId: group.communityId, groupId: group.id, status: 'pending', ...row })
    .returning();
  return inserted!;
}

/** The member's submissions for one challenge, newest first. */
export async function submissionsFor(q: Q, group: GroupRow, memberId: number, challengeId: string): Promise<SubmissionRow[]> {
  const { submissions: s } = q.t;
  return q
    .select()
    .from(s)
    .where(and(eq(s.communityId, group.communityId), eq(s.groupId, group.id), eq(s.memberId, memberId), eq(s.challengeId, challengeId)))
    .orderBy(desc(s.id));
}

export async function approvedChallengeIds(q: Q, group: GroupRow, memberId: number): Promise<Set<string>> {
  const { submissions: s } = q.t;
  const rows = await q
    .select({ id: s.challengeId })
    .from(s)
    .where(and(eq(s.communityId, group.communityId), eq(s.groupId, group.id), eq(s.memberId, memberId), eq(s.status, 'approved')));
  return new Set(rows.map((r) => r.id));
}

export interface SubmissionWithPeople {
  submission: SubmissionRow;
  author: MemberRow;
  reviewer: MemberRow | null;
}

const withPeople = (q: Q) => {
  const { submissions, members, reviewer } = q.t;
  return q
    .select({ submission: submissions, author: members, reviewer })
    .from(submissions)
    .innerJoin(members, eq(members.id, submissions.memberId))
    .leftJoin(reviewer, eq(reviewer.id, submissions.reviewerId));
};

export async function findSubmission(q: Q, communityId: number, id: number): Promise<SubmissionWithPeople | undefined> {
  const { submissions: s } = q.t;
  return first(await withPeople(q).where(and(eq(s.communityId, communityId), eq(s.id, id))).limit(1));
}

/** Pending submissions of these groups, oldest first. */
export async function pendingSubmissions(q: Q, communityId: number, groupIds: number[]): Promise<SubmissionWithPeople[]> {
  if (groupIds.length === 0) return [];
  const { submissions: s } = q.t;
  return withPeople(q)
    .where(and(eq(s.communityId, communityId), inArray(s.groupId, groupIds), eq(s.status, 'pending')))
    .orderBy(asc(s.createdAt), asc(s.id));
}

/**
 * Records a mentor's decision, but only if the submission is still pending:
 * of two mentors deciding at once, exactly one wins.
 */
export async function decideSubmission(
  q: Q,
  communityId: number,
  id: number,
  decision: { status: 'approved' | 'changes_requested'; reviewerId: number; feedback: string | null; decidedAt: number },
): Promise<boolean> {
  const { submissions: s } = q.t;
  const r = await q
    .update(s)
    .set(decision)
    .where(and(eq(s.communityId, communityId), eq(s.id, id), eq(s.status, 'pending')))
    .returning({ id: s.id });
  return r.length > 0;
}
