// Who is speaking, in which community. Platforms resolve their own ids
// (guild/team, user) into these rows before calling any other use-case.
// Both are read first and written only when new or renamed, so read-only
// commands never take the write lock.
import { claimWelcome, findCommunity, findMemberByUserId, upsertCommunity, upsertMember } from '../db/queries/communities.ts';
import type { CommunityRow, MemberRow, Platform } from '../db/types.ts';
import type { Deps } from './deps.ts';

export async function resolveCommunity(deps: Deps, platform: Platform, externalId: string): Promise<CommunityRow> {
  return (await findCommunity(deps.db, platform, externalId)) ?? upsertCommunity(deps.db, platform, externalId, deps.clock.now().getTime());
}

export async function resolveMember(deps: Deps, community: CommunityRow, userId: string, displayName: string): Promise<MemberRow> {
  const known = await findMemberByUserId(deps.db, community.id, userId);
  if (known && known.displayName === displayName) return known;
  return upsertMember(deps.db, community.id, userId, displayName, deps.clock.now().getTime());
}


/**
 * Whether this caller should welcome the community: true exactly once per
 * community, whichever process asks first — even when a member's command
 * created the community before the platform told us we had joined.
 */
export async function claimWelcomeFor(deps: Deps, platform: Platform, externalId: string): Promise<boolean> {
  const community = await resolveCommunity(deps, platform, externalId);
  if (community.welcomedAt !== null) return false;
  return claimWelcome(deps.db, community.id, deps.clock.now().getTime());
}
