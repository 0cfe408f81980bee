// Mentor review of submitted tasks. Only a group's mentors decide, never on
// their own work; approval pays the task's points once.
import { findGroup } from '../db/queries/groups.ts';
import { decideSubmission, findSubmission, pendingSubmissions, type SubmissionWithPeople } from '../db/queries/submissions.ts';
import type { GroupRow, MemberRow } from '../db/types.ts';
import { DEFAULT_POINTS, type RoadmapChallenge } from '../content/catalog.ts';
import { inTransaction, type Deps } from './deps.ts';
import { UserError } from './errors.ts';
import { isMentor, mentoredGroups } from './groups.ts';
import { award } from './points.ts';

export type { SubmissionWithPeople };

const notMentor = () =>
  new UserError('review.notMentor', "Only this group's mentors can review submissions. An admin can add mentors with `/group mentor add @member`.");

/** Pending work, oldest first: the group's when asked in a group channel, else every group the member mentors. */
export async function reviewQueue(deps: Deps, communityId: number, reviewer: MemberRow, group: GroupRow | undefined): Promise<SubmissionWithPeople[]> {
  const groups = group ? [group] : await mentoredGroups(deps, communityId, reviewer.id);
  if (groups.length === 0 || (group && !(await isMentor(deps, group, reviewer.id)))) throw notMentor();
  return pendingSubmissions(deps.db, communityId, groups.map((g) => g.id));
}

export type Decision = 'approve' | 'changes';

export interface DecisionResult extends SubmissionWithPeople {
  group: GroupRow;
  task: RoadmapChallenge | undefined;
  points: number;
}

export async function decide(
  deps: Deps,
  communityId: number,
  reviewer: MemberRow,
  id: number,
  decision: Decision,
  feedback: string | undefined,
): Promise<DecisionResult> {
  const found = await findSubmission(deps.db, communityId, id);
  if (!found) throw new UserError('review.notFound', `There is no submission #${id} here. \`/review queue\` lists the ones waiting.`);
  const group = (await findGroup(deps.db, communityId, found.submission.groupId))!;
  if (!(await isMentor(deps, group, reviewer.id))) throw notMentor();
  if (found.author.id === reviewer.id) throw new UserError('review.ownWork', "You can't review your own submission; another mentor will pick it up.");
  const alreadyDecided = (s: SubmissionWithPeople) =>
    new UserError(
      'review.alreadyDecided',
      `Submission #${id} was already ${s.submission.status === 'approved' ? 'approved' : 'sent back for changes'}${s.reviewer ? ` by ${s.reviewer.displayName}` : ''}.`,
    );
  if (found.submission.status !== 'pending') throw alreadyDecided(found);
  const note = feedback?.trim() || null;
  if (decision === 'changes' && !note) {
    throw new UserError('review.feedbackNeeded', `Say what to change, so the learner can act on it: \`/review changes ${id} <feedback>\`.`);
  }
  const task = deps.roadmaps.get(group.roadmapId)?.challenge(found.submission.challengeId);
  const now = deps.clock.now().getTime();
  return inTransaction(deps, async (tx) => {
    const status = decision === 'approve' ? 'approved' : 'changes_requested';
    if (!(await decideSubmission(tx, communityId, id, { status, reviewerId: reviewer.id, feedback: note, decidedAt: now }))) {
      throw alreadyDecided((await findSubmission(tx, communityId, id))!);
    }
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
    return { ...(await findSubmission(tx, communityId, id))!, group, task, points };
  });
}
