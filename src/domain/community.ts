// Who is speaking, in which community. Platforms resolve their own ids
// (guild/team, user) into these rows before calling any other use-case.
// Both are read first and written only when new or renamed, so read-only
// commands never take the write lock.
import { claimWelcome, findCommunity, findMemberByUserId, upsertCommunity, upsertMember } from '../db/queries/communities.ts';
import type { CommunityRow, MemberRow, Platform } from '../db/types.ts';
import type { Deps } from './deps.ts';

/**
 * Communities by platform and id, per store handle: every command resolves
 * one, and a community's row never changes but for `welcomedAt`, which
 * claimWelcome decides in the store. Rows are never deleted, so a cached id
 * stays right across processes. Only the shared handle is cached (never a
 * transaction's, whose writes may roll back).
 */
const known = new WeakMap<object, Map<string, CommunityRow>>();
/** More communities than this in one process: the cache starts over rather than grow without bound. */
const MAX_KNOWN = 50_000;

export async function resolveCommunity(deps: Deps, platform: Platform, externalId: string): Promise<CommunityRow> {
  let cache = known.get(deps.db);
  if (!cache) known.set(deps.db, (cache = new Map()));
  const key = `${platform}:${externalId}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const row = (await findCommunity(deps.db, platform, externalId)) ?? (await upsertCommunity(deps.db, platform, externalId, deps.clock.now().getTime()));
  if (cache.size >= MAX_KNOWN) cache.clear();
  cache.set(key, row);
  return row;
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
  // A cached row may not know of a welcome since; claimWelcome decides in the store either way.
  if (community.welcomedAt !== null) return false;
  return claimWelcome(deps.db, community.id, deps.clock.now().getTime());
}
