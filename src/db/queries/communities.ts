import { and, eq } from 'drizzle-orm';
import { communities, members } from '../schema.ts';
import type { CommunityRow, MemberRow, Platform, Q } from '../types.ts';

export function findCommunity(q: Q, platform: Platform, externalId: string): CommunityRow | undefined {
  return q.select().from(communities).where(and(eq(communities.platform, platform), eq(communities.externalId, externalId))).get();
}

export function upsertCommunity(q: Q, platform: Platform, externalId: string, now: number): CommunityRow {
  return q
    .insert(communities)
    .values({ platform, externalId, createdAt: now })
    .onConflictDoUpdate({ target: [communities.platform, communities.externalId], set: { platform } })
    .returning()
    .get();
}

/** Creates the member on first sight and keeps their display name current. */
export function upsertMember(q: Q, communityId: number, userId: string, displayName: string, now: number): MemberRow {
  return q
    .insert(members)
    .values({ communityId, userId, displayName, createdAt: now })
    .onConflictDoUpdate({ target: [members.communityId, members.userId], set: { displayName } })
    .returning()
    .get();
}

export function findMemberByUserId(q: Q, communityId: number, userId: string): MemberRow | undefined {
  return q.select().from(members).where(and(eq(members.communityId, communityId), eq(members.userId, userId))).get();
}

export function findMember(q: Q, communityId: number, memberId: number): MemberRow | undefined {
  return q.select().from(members).where(and(eq(members.communityId, communityId), eq(members.id, memberId))).get();
}
