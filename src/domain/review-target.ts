// What a mentor acts on: a submission that exists, in a group they mentor,
// not their own, still pending. Shared by decisions (reviews.ts) and claims
// (claims.ts), which is why it stands apart from both.
import { findGroup } from '../db/queries/groups.ts';
import { findSubmission, type SubmissionWithPeople } from '../db/queries/submissions.ts';
import type { GroupRow, MemberRow } from '../db/types.ts';
import type { RoadmapChallenge } from '../content/catalog.ts';
import type { Deps } from './deps.ts';
import { UserError } from './errors.ts';
import { isMentor } from './groups.ts';

export const notMentor = () =>
  new UserError('review.notMentor', "Only this group's mentors can review submissions. An admin can add mentors with `/group mentor add @member`.");

const notFound = (id: number) => new UserError('review.notFound', `There is no submission #${id} here. \`/review queue\` lists the ones waiting.`);

export interface ReviewTarget {
  found: SubmissionWithPeople;
  group: GroupRow;
  task: RoadmapChallenge | undefined;
}

/** A submission a mentor may act on: it exists, they mentor its group, and it is not their own. */
export async function loadForReview(deps: Deps, communityId: number, reviewer: MemberRow, id: number): Promise<ReviewTarget> {
  const found = await findSubmission(deps.db, communityId, id);
  if (!found) throw notFound(id);
  const group = (await findGroup(deps.db, communityId, found.submission.groupId))!;
  if (!(await isMentor(deps, group, reviewer.id))) throw notMentor();
  if (found.author.id === reviewer.id) throw new UserError('review.ownWork', "You can't review your own submission; another mentor will pick it up.");
  if (found.submission.status !== 'pending') throw alreadyDecided(found);
  return { found, group, task: deps.roadmaps.get(group.roadmapId)?.challenge(found.submission.challengeId) };
}

const STATUS_WORDS = { approved: 'approved', changes_requested: 'sent back for changes', withdrawn: 'withdrawn by the learner', pending: 'pending' } as const;

export function alreadyDecided(s: SubmissionWithPeople): UserError {
  const by = s.reviewer && s.submission.status !== 'withdrawn' ? ` by ${s.reviewer.displayName}` : '';
  return new UserError('review.alreadyDecided', `Submission #${s.submission.id} was already ${STATUS_WORDS[s.submission.status]}${by}.`);
}
