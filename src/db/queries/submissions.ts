import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lte, or } from 'drizzle-orm';
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
  /** Whoever last claimed it; the claim holds only while `submission.claimedUntil` is in the future. */
  claimer: MemberRow | null;
}

const withPeople = (q: Q) => {
  const { submissions, members, reviewer, claimer } = q.t;
  return q
    .select({ submission: submissions, author: members, reviewer, claimer })
    .from(submissions)
    .innerJoin(members, eq(members.id, submissions.memberId))
    .leftJoin(reviewer, eq(reviewer.id, submissions.reviewerId))
    .leftJoin(claimer, eq(claimer.id, submissions.claimedBy));
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

/** Nobody else holds a claim on it at `now`: unclaimed, lapsed, or held by `memberId`. */
const freeFor = (q: Q, memberId: number, now: number) => {
  const { submissions: s } = q.t;
  return or(isNull(s.claimedBy), lte(s.claimedUntil, now), eq(s.claimedBy, memberId));
};

/**
 * Records a mentor's decision, but only if the submission is still pending and
 * no other mentor holds a claim on it: of two mentors deciding at once,
 * exactly one wins. The decision ends any claim.
 */
export async function decideSubmission(
  q: Q,
  communityId: number,
  id: number,
  decision: {
    status: 'approved' | 'changes_requested';
    reviewerId: number;
    feedback: string | null;
    decidedAt: number;
    criteriaMet: string | null;
    criteriaMissed: string | null;
  },
): Promise<boolean> {
  const { submissions: s } = q.t;
  const r = await q
    .update(s)
    .set({ ...decision, claimedBy: null, claimedUntil: null })
    .where(and(eq(s.communityId, communityId), eq(s.id, id), eq(s.status, 'pending'), freeFor(q, decision.reviewerId, decision.decidedAt)))
    .returning({ id: s.id });
  return r.length > 0;
}

/** Notes when a mentor first picked the work up (claim or decision); later ones leave it. */
export async function markFirstReview(q: Q, communityId: number, id: number, by: number, at: number): Promise<void> {
  const { submissions: s } = q.t;
  await q
    .update(s)
    .set({ firstReviewAt: at, firstReviewBy: by })
    .where(and(eq(s.communityId, communityId), eq(s.id, id), isNull(s.firstReviewAt)));
}

/**
 * Claims a pending submission for `memberId` until `until`, in one
 * conditional update: of two mentors claiming at once, exactly one row
 * changes, on either engine. The claimer may claim again to extend it.
 */
export async function claimSubmission(q: Q, communityId: number, id: number, memberId: number, now: number, until: number): Promise<boolean> {
  const { submissions: s } = q.t;
  const r = await q
    .update(s)
    .set({ claimedBy: memberId, claimedUntil: until })
    .where(and(eq(s.communityId, communityId), eq(s.id, id), eq(s.status, 'pending'), freeFor(q, memberId, now)))
    .returning({ id: s.id });
  return r.length > 0;
}

/** Ends `memberId`'s claim, if they hold one. */
export async function releaseSubmission(q: Q, communityId: number, id: number, memberId: number, now: number): Promise<boolean> {
  const { submissions: s } = q.t;
  const r = await q
    .update(s)
    .set({ claimedBy: null, claimedUntil: null })
    .where(and(eq(s.communityId, communityId), eq(s.id, id), eq(s.status, 'pending'), eq(s.claimedBy, memberId), gt(s.claimedUntil, now)))
    .returning({ id: s.id });
  return r.length > 0;
}

/** The learner takes back work still waiting. */
export async function withdrawSubmission(q: Q, communityId: number, id: number, memberId: number, now: number): Promise<boolean> {
  const { submissions: s } = q.t;
  const r = await q
    .update(s)
    .set({ status: 'withdrawn', decidedAt: now, claimedBy: null, claimedUntil: null })
    .where(and(eq(s.communityId, communityId), eq(s.id, id), eq(s.memberId, memberId), eq(s.status, 'pending')))
    .returning({ id: s.id });
  return r.length > 0;
}

/** Submissions of a group created since `since` (any status), for review statistics. */
export async function submissionsSince(q: Q, group: GroupRow, since: number): Promise<SubmissionRow[]> {
  const { submissions: s } = q.t;
  return q
    .select()
    .from(s)
    .where(and(eq(s.communityId, group.communityId), eq(s.groupId, group.id), or(gte(s.createdAt, since), eq(s.status, 'pending'), gte(s.decidedAt, since))))
    .orderBy(asc(s.createdAt), asc(s.id));
}

/** Every pending submission of every group (the scheduler's nudges). */
export async function allPending(q: Q): Promise<SubmissionRow[]> {
  const { submissions: s } = q.t;
  return q.select().from(s).where(eq(s.status, 'pending')).orderBy(asc(s.createdAt), asc(s.id));
}

/** Which round of the learner's work on the task this submission is: 1 for the first, 2 for the next, … */
export async function roundOf(q: Q, sub: SubmissionRow): Promise<number> {
  const { submissions: s } = q.t;
  const [row] = await q
    .select({ n: count() })
    .from(s)
    .where(and(eq(s.communityId, sub.communityId), eq(s.groupId, sub.groupId), eq(s.memberId, sub.memberId), eq(s.challengeId, sub.challengeId), lte(s.id, sub.id)));
  return Number(row?.n ?? 1);
}
