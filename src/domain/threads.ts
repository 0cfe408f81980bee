// Conversations that continue in a platform thread, found again by key. The
// platform opens the thread; the store remembers where it is, so a mentor's
// decision or a learner's resubmission days later lands in the same place.
import { deleteThread, findThread, insertThread } from '../db/queries/threads.ts';
import type { SubmissionRow, ThreadRow } from '../db/types.ts';
import type { Deps } from './deps.ts';

export type { ThreadRow };

/** One learner's work on one task, across resubmissions, is one review thread. */
export const reviewThreadKey = (s: Pick<SubmissionRow, 'groupId' | 'memberId' | 'challengeId'>): string =>
  `review:${s.groupId}:${s.memberId}:${s.challengeId}`;

export function threadFor(deps: Deps, communityId: number, key: string): Promise<ThreadRow | undefined> {
  return findThread(deps.db, communityId, key);
}

/** Remembers a thread just opened; if another process opened one first, theirs is returned and kept. */
export function rememberThread(deps: Deps, communityId: number, key: string, where: { channelId: string; threadId: string }): Promise<ThreadRow> {
  return insertThread(deps.db, { communityId, key, ...where, createdAt: deps.clock.now().getTime() });
}

/** The thread was deleted on the platform; the next post opens a new one. */
export function forgetThread(deps: Deps, communityId: number, key: string): Promise<void> {
  return deleteThread(deps.db, communityId, key);
}
