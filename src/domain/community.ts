// Who is speaking, in which community. Platforms resolve their own ids
// (guild/team, user) into these rows before calling any other use-case.
import { upsertCommunity, upsertMember } from '../db/queries/communities.ts';
import type { CommunityRow, MemberRow, Platform } from '../db/types.ts';
import type { Deps } from './deps.ts';

export function resolveCommunity(deps: Deps, platform: Platform, externalId: string): CommunityRow {
  return upsertCommunity(deps.db, platform, externalId, deps.clock.now().getTime());
}

export function resolveMember(deps: Deps, community: CommunityRow, userId: string, displayName: string): MemberRow {
  return upsertMember(deps.db, community.id, userId, displayName, deps.clock.now().getTime());
}
