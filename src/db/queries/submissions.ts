import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { members, submissions } from '../schema.ts';
import type { GroupRow, MemberRow, Q, SubmissionRow } from '../types.ts';

export function insertSubmission(
  q: Q,
  group: GroupRow,
  row: { memberId: number; challengeId: string; content: string; previousId: number | null; createdAt: number },
): SubmissionRow {
  return q
    .insert(submissions)
    .values({ communityId: group.communityId, groupId: group.id, status: 'pending', ...row })
    .returning()
    .get();
}

/** The member's submissions for one challenge, newest first. */
export function submissionsFor(q: Q, group: GroupRow, memberId: number, challengeId: string): SubmissionRow[] {
  return q
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.communityId, group.communityId),
        eq(submissions.groupId, group.id),
        eq(submissions.memberId, memberId),
        eq(submissions.challengeId, challengeId),
      ),
    )
    .orderBy(desc(submissions.id))
    .all();
}

export function approvedChallengeIds(q: Q, group: GroupRow, memberId: number): Set<string> {
  const rows = q
    .select({ id: submissions.challengeId })
    .from(submissions)
    .where(
      and(eq(submissions.communityId, group.communityId), eq(submissions.groupId, group.id), eq(submissions.memberId, memberId), eq(submissions.status, 'approved')),
    )
    .all();
  return new Set(rows.map((r) => r.id));
}

export interface SubmissionWithPeople {
  submission: SubmissionRow;
  author: MemberRow;
  reviewer: MemberRow | null;
}

const reviewer = alias(members, 'reviewer');

export function findSubmission(q: Q, communityId: number, id: number): SubmissionWithPeople | undefined {
  return q
    .select({ submission: submissions, author: members, reviewer })
    .from(submissions)
    .innerJoin(members, eq(members.id, submissions.memberId))
    .leftJoin(reviewer, eq(reviewer.id, submissions.reviewerId))
    .where(and(eq(submissions.communityId, communityId), eq(submissions.id, id)))
    .get();
}

/** Pending submissions of these groups, oldest first. */
export function pendingSubmissions(q: Q, communityId: number, groupIds: number[]): SubmissionWithPeople[] {
  if (groupIds.length === 0) return [];
  return q
    .select({ submission: submissions, author: members, reviewer })
    .from(submissions)
    .innerJoin(members, eq(members.id, submissions.memberId))
    .leftJoin(reviewer, eq(reviewer.id, submissions.reviewerId))
    .where(and(eq(submissions.communityId, communityId), inArray(submissions.groupId, groupIds), eq(submissions.status, 'pending')))
    .orderBy(asc(submissions.createdAt), asc(submissions.id))
    .all();
}

/**
 * Records a mentor's decision, but only if the submission is still pending:
 * of two mentors deciding at once, exactly one wins.
 */
export function decideSubmission(
  q: Q,
  communityId: number,
  id: number,
  decision: { status: 'approved' | 'changes_requested'; reviewerId: number; feedback: string | null; decidedAt: number },
): boolean {
  const r = q
    .update(submissions)
    .set(decision)
    .where(and(eq(submissions.communityId, communityId), eq(submissions.id, id), eq(submissions.status, 'pending')))
    .run();
  return r.changes > 0;
}
