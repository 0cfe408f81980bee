// Mentor review of submitted tasks. Only a group's mentors decide, never on
// their own work; approval pays the task's points once, and every decision
// pays the mentor into the mentor ledger once. A mentor's claim (claims.ts)
// keeps others from deciding while it holds.
import { decideSubmission, findSubmission, markFirstReview, pendingSubmissions, withdrawSubmission, type SubmissionWithPeople } from '../db/queries/submissions.ts';
import type { GroupRow, MemberRow } from '../db/types.ts';
import { DEFAULT_POINTS, type RoadmapChallenge } from '../content/catalog.ts';
import { activeClaim, claim, heldError, type Claim } from './claims.ts';
import { alreadyDecided, loadForReview, notMentor, type ReviewTarget } from './review-target.ts';
import { listOf, readMarks } from './criteria.ts';
import { inTransaction, type Deps } from './deps.ts';
import { UserError } from './errors.ts';
import { isMentor, mentoredGroups } from './groups.ts';
import { payReview } from './mentor-standing.ts';
import { award } from './points.ts';
import { expandSnippets } from './snippets.ts';

export type { SubmissionWithPeople };
export type { ReviewTarget };

export type QueueFilter = 'all' | 'mine' | 'unclaimed';

export interface QueueItem extends SubmissionWithPeople {
  claim: Claim | null;
  waitingMs: number;
}

/**
 * Pending work, oldest first, with how long each has waited and who holds it:
 * the group's when asked in a group channel, else every group the member mentors.
 */
export async function reviewQueue(
  deps: Deps,
  communityId: number,
  reviewer: MemberRow,
  group: GroupRow | undefined,
  filter: QueueFilter = 'all',
  task?: string,
): Promise<QueueItem[]> {
  const groups = group ? [group] : await mentoredGroups(deps, communityId, reviewer.id);
  if (groups.length === 0 || (group && !(await isMentor(deps, group, reviewer.id)))) throw notMentor();
  const now = deps.clock.now().getTime();
  const items = (await pendingSubmissions(deps.db, communityId, groups.map((g) => g.id))).map((s) => ({ ...s, claim: activeClaim(s, now), waitingMs: now - s.submission.createdAt }));
  const wanted = task?.trim().toLowerCase();
  return items.filter(
    (i) =>
      (!wanted || i.submission.challengeId === wanted) &&
      (filter === 'all' || (filter === 'mine' ? i.claim?.by.id === reviewer.id : i.claim === null && i.author.id !== reviewer.id)),
  );
}

/** Claims the oldest submission nobody holds (and that is not the mentor's own); undefined when there is none. */
export async function claimNext(deps: Deps, communityId: number, reviewer: MemberRow, group: GroupRow | undefined): Promise<Awaited<ReturnType<typeof claim>> | undefined> {
  for (const item of await reviewQueue(deps, communityId, reviewer, group, 'unclaimed')) {
    try {
      return await claim(deps, communityId, reviewer, item.submission.id);
    } catch (err) {
      // Another mentor took it a moment ago: try the next one.
      if (err instanceof UserError && (err.id === 'review.claimed' || err.id === 'review.alreadyDecided')) continue;
      throw err;
    }
  }
  return undefined;
}

export type Decision = 'approve' | 'changes';

export interface DecisionResult extends SubmissionWithPeople {
  group: GroupRow;
  task: RoadmapChallenge | undefined;
  points: number;
  mentorPoints: number;
}

export async function decide(
  deps: Deps,
  communityId: number,
  reviewer: MemberRow,
  id: number,
  decision: Decision,
  feedback: string | undefined,
): Promise<DecisionResult> {
  const { found, group, task } = await loadForReview(deps, communityId, reviewer, id);
  const now = deps.clock.now().getTime();
  const held = activeClaim(found, now);
  if (held && held.by.id !== reviewer.id) throw heldError(id, held, now);
  const marks = readMarks(await expandSnippets(deps, group, feedback ?? ''), task?.type === 'task' ? task.criteria.length : 0);
  const note = marks.rest || null;
  if (decision === 'changes' && !note) {
    throw new UserError('review.feedbackNeeded', `Say what to change, so the learner can act on it: \`/review changes ${id} <feedback>\`.`);
  }
  return inTransaction(deps, async (tx) => {
    const status = decision === 'approve' ? 'approved' : 'changes_requested';
    const decided = await decideSubmission(tx, communityId, id, {
      status,
      reviewerId: reviewer.id,
      feedback: note,
      decidedAt: now,
      criteriaMet: listOf(marks.met),
      criteriaMissed: listOf(marks.missed),
    });
    if (!decided) {
      const again = (await findSubmission(tx, communityId, id))!;
      const other = activeClaim(again, now);
      throw other && again.submission.status === 'pending' ? heldError(id, other, now) : alreadyDecided(again);
    }
    await markFirstReview(tx, communityId, id, reviewer.id, now);
    let points = 0;
    if (decision === 'approve') {
      const worth = task?.points ?? DEFAULT_POINTS.task;
      const paid = await award(tx, group, {
        memberId: found.author.id,
        points: worth,
        reason: `task approved: ${found.submission.challengeId}`,
        ref: `task:${found.submission.challengeId}`,
        at: now,
      });
      points = paid ? worth : 0;
    }
    const mentorPoints = await payReview(tx, group, reviewer.id, id, now);
    return { ...(await findSubmission(tx, communityId, id))!, group, task, points, mentorPoints };
  });
}

/** The learner takes back work still waiting for review. */
export async function withdraw(deps: Deps, communityId: number, learner: MemberRow, id: number): Promise<SubmissionWithPeople> {
  const found = await findSubmission(deps.db, communityId, id);
  if (!found || found.author.id !== learner.id) throw new UserError('submission.notYours', `You have no submission #${id}. Your pending work is listed when you submit.`);
  if (found.submission.status !== 'pending') throw alreadyDecided(found);
  if (!(await withdrawSubmission(deps.db, communityId, id, learner.id, deps.clock.now().getTime()))) throw alreadyDecided((await findSubmission(deps.db, communityId, id))!);
  return (await findSubmission(deps.db, communityId, id))!;
}
