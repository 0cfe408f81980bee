// Sharing an only-you answer in the group's channel (the Share button): the
// first press of the day posts it, every later one is told who already did,
// so a busy channel gets one copy. Decided in the store, so two presses at
// once (or on two processes) still post once.
import { findShare, insertShare } from '../db/queries/shares.ts';
import type { GroupRow, MemberRow } from '../db/types.ts';
import type { Deps } from './deps.ts';
import { localDate } from './time.ts';

export type ShareClaim = { first: true } | { first: false; by: string; at: Date };

export async function claimShare(deps: Deps, group: GroupRow, member: MemberRow, key: string): Promise<ShareClaim> {
  const now = deps.clock.now();
  const day = localDate(now, group.timezone);
  if (await insertShare(deps.db, { communityId: group.communityId, groupId: group.id, key, localDate: day, sharedBy: member.id, at: now.getTime() })) return { first: true };
  const earlier = await findShare(deps.db, group.id, key, day);
  return earlier ? { first: false, by: earlier.by, at: new Date(earlier.at) } : { first: true };
}
