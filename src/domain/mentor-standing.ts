// A mentor's standing: every review pays points into the mentor ledger (kept
// apart from the learners' ledger), once per submission; and the review
// figures a group watches — reviews this week and month, median time to
// first review and to decision, and the longest wait now.
import { insertMentorAward, mentorStandings, type MentorPointsRow } from '../db/queries/mentor-ledger.ts';
import { findMember } from '../db/queries/communities.ts';
import { submissionsSince } from '../db/queries/submissions.ts';
import type { GroupRow, MemberRow, Q, SubmissionRow } from '../db/types.ts';
import type { Deps } from './deps.ts';
import { periodStart, type Period } from './time.ts';

/** Points a mentor earns for each review (approve or request changes). */
export const MENTOR_POINTS = { review: 10 } as const;

/** Pays the reviewer for deciding submission `submissionId`; 0 when it was already paid. */
export async function payReview(tx: Q, group: GroupRow, reviewerId: number, submissionId: number, at: number): Promise<number> {
  const paid = await insertMentorAward(tx, group, { memberId: reviewerId, points: MENTOR_POINTS.review, reason: `reviewed submission #${submissionId}`, ref: `review:${submissionId}`, at });
  return paid ? MENTOR_POINTS.review : 0;
}

export interface MentorStanding extends MentorPointsRow {
  rank: number;
}

export async function mentorLeaderboard(deps: Deps, group: GroupRow, period: Period): Promise<MentorStanding[]> {
  const rows = await mentorStandings(deps.db, group, periodStart(deps.clock.now(), group.timezone, period));
  return rows.map((r, i) => ({ ...r, rank: i + 1 }));
}

export interface ReviewFigures {
  week: number;
  month: number;
  /** Over this month's work; null when there is none to measure. */
  medianFirstReviewMs: number | null;
  medianDecisionMs: number | null;
  /** The pending work waiting longest (for a mentor: among what they hold now). */
  longestWaitMs: number | null;
}

export interface ReviewStats {
  group: ReviewFigures;
  mentors: { member: MemberRow; figures: ReviewFigures }[];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const decided = (s: SubmissionRow) => (s.status === 'approved' || s.status === 'changes_requested') && s.decidedAt !== null;

function figures(rows: readonly SubmissionRow[], now: number, week: number, month: number, who?: number): ReviewFigures {
  const mine = (by: number | null) => who === undefined || by === who;
  const decisions = rows.filter((s) => decided(s) && mine(s.reviewerId));
  const firsts = rows.filter((s) => s.firstReviewAt !== null && s.firstReviewAt >= month && mine(s.firstReviewBy));
  const waiting = rows.filter((s) => s.status === 'pending' && (who === undefined || (s.claimedBy === who && (s.claimedUntil ?? 0) > now)));
  return {
    week: decisions.filter((s) => s.decidedAt! >= week).length,
    month: decisions.filter((s) => s.decidedAt! >= month).length,
    medianFirstReviewMs: median(firsts.map((s) => s.firstReviewAt! - s.createdAt)),
    medianDecisionMs: median(decisions.filter((s) => s.decidedAt! >= month).map((s) => s.decidedAt! - s.createdAt)),
    longestWaitMs: waiting.length ? Math.max(...waiting.map((s) => now - s.createdAt)) : null,
  };
}

/** The group's review figures, and each mentor's who reviewed this month or holds work now. */
export async function reviewStats(deps: Deps, group: GroupRow): Promise<ReviewStats> {
  const at = deps.clock.now();
  const now = at.getTime();
  const week = periodStart(at, group.timezone, 'week');
  const month = periodStart(at, group.timezone, 'month');
  // A week can start in the previous month: read from whichever is earlier.
  const rows = await submissionsSince(deps.db, group, Math.min(week, month));
  const ids = new Set<number>();
  for (const s of rows) {
    if (decided(s) && s.reviewerId !== null) ids.add(s.reviewerId);
    if (s.firstReviewBy !== null && (s.firstReviewAt ?? 0) >= month) ids.add(s.firstReviewBy);
    if (s.status === 'pending' && s.claimedBy !== null && (s.claimedUntil ?? 0) > now) ids.add(s.claimedBy);
  }
  const mentors: ReviewStats['mentors'] = [];
  for (const id of ids) {
    const member = await findMember(deps.db, group.communityId, id);
    if (member) mentors.push({ member, figures: figures(rows, now, week, month, id) });
  }
  mentors.sort((a, b) => b.figures.month - a.figures.month || a.member.displayName.localeCompare(b.member.displayName));
  return { group: figures(rows, now, week, month), mentors };
}
