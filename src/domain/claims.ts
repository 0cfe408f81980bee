// Claims: a mentor takes a submission for a while, so two people don't review
// the same work. A claim holds until `claimedUntil` (the group's
// claim-minutes after claiming); it lapses on its own, computed from the
// clock, so nothing has to run when it ends. Races are settled by one
// conditional update in the store (see claimSubmission).
import { claimSubmission, findSubmission, markFirstReview, releaseSubmission, type SubmissionWithPeople } from '../db/queries/submissions.ts';
import type { MemberRow } from '../db/types.ts';
import { inTransaction, type Deps } from './deps.ts';
import { UserError } from './errors.ts';
import { loadForReview, type ReviewTarget } from './review-target.ts';

export interface Claim {
  by: MemberRow;
  until: number;
}

/** The claim that holds at `now`, if any. */
export function activeClaim(s: SubmissionWithPeople, now: number): Claim | null {
  const { claimedBy, claimedUntil } = s.submission;
  if (claimedBy === null || claimedUntil === null || claimedUntil <= now || !s.claimer) return null;
  return { by: s.claimer, until: claimedUntil };
}

export const minutesLeft = (c: Claim, now: number): number => Math.max(1, Math.ceil((c.until - now) / 60_000));

/** "claimed by Maya, 12 min left" */
export const claimLine = (c: Claim, now: number): string => `claimed by ${c.by.displayName}, ${minutesLeft(c, now)} min left`;

export const heldError = (id: number, c: Claim, now: number) =>
  new UserError('review.claimed', `Submission #${id} is ${claimLine(c, now)}. \`/review queue unclaimed\` shows work nobody holds.`);

/** Claims submission `id` for the mentor; the claimer may claim again to extend it. */
export async function claim(deps: Deps, communityId: number, mentor: MemberRow, id: number): Promise<ReviewTarget & { claim: Claim; extended: boolean }> {
  const target = await loadForReview(deps, communityId, mentor, id);
  const now = deps.clock.now().getTime();
  const held = activeClaim(target.found, now);
  if (held && held.by.id !== mentor.id) throw heldError(id, held, now);
  const until = now + target.group.claimMinutes * 60_000;
  const won = await inTransaction(deps, async (tx) => {
    if (!(await claimSubmission(tx, communityId, id, mentor.id, now, until))) return undefined;
    await markFirstReview(tx, communityId, id, mentor.id, now);
    return (await findSubmission(tx, communityId, id))!;
  });
  if (!won) {
    // Someone got there in between: say who, or that it was decided meanwhile.
    const again = (await findSubmission(deps.db, communityId, id))!;
    const other = activeClaim(again, now);
    if (other) throw heldError(id, other, now);
    throw new UserError('review.alreadyDecided', `Submission #${id} is no longer waiting for review.`);
  }
  return { ...target, found: won, claim: activeClaim(won, now)!, extended: held !== null };
}

/** Gives up the mentor's claim on `id`. */
export async function release(deps: Deps, communityId: number, mentor: MemberRow, id: number): Promise<ReviewTarget> {
  const target = await loadForReview(deps, communityId, mentor, id);
  const now = deps.clock.now().getTime();
  if (!(await releaseSubmission(deps.db, communityId, id, mentor.id, now))) {
    const held = activeClaim(target.found, now);
    throw new UserError('review.notYourClaim', held ? `Submission #${id} is ${claimLine(held, now)}; only they can release it.` : `You don't hold a claim on submission #${id}.`);
  }
  return { ...target, found: (await findSubmission(deps.db, communityId, id))! };
}
