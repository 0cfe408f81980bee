import { and, eq, isNull, sql } from 'drizzle-orm';
import { first, prepared } from '../store.ts';
import type { CommunityRow, MemberRow, Platform, Q } from '../types.ts';

export async function findCommunity(q: Q, platform: Platform, externalId: string): Promise<CommunityRow | undefined> {
  const query = prepared(q, 'find_community', ({ t: { communities: c } }) =>
    q.select().from(c).where(and(eq(c.platform, sql.placeholder('platform')), eq(c.externalId, sql.placeholder('externalId')))).limit(1),
  );
  return first(await query.execute({ platform, externalId }));
}

export async function upsertCommunity(q: Q, platform: Platform, externalId: string, now: number): Promise<CommunityRow> {
  const { communities } = q.t;
  const [row] = await q
    .insert(communities)
    .values({ platform, externalId, createdAt: now })
    .onConflictDoUpdate({ target: [communities.platform, communities.externalId], set: { platform } })
    .returning();
  return row!;
}

/** Creates the member on first sight and keeps their display name current. */
export async function upsertMember(q: Q, communityId: number, userId: string, displayName: string, now: number): Promise<MemberRow> {
  const { members } = q.t;
  const [row] = await q
    .insert(members)
    .values({ communityId, userId, displayName, createdAt: now })
    .onConflictDoUpdate({ target: [members.communityId, members.userId], set: { displayName } })
    .returning();
  return row!;
}

export async function findMemberByUserId(q: Q, communityId: number, userId: string): Promise<MemberRow | undefined> {
  const query = prepared(q, 'find_member_by_user', ({ t: { members: m } }) =>
    q.select().from(m).where(and(eq(m.communityId, sql.placeholder('communityId')), eq(m.userId, sql.placeholder('userId')))).limit(1),
  );
  return first(await query.execute({ communityId, userId }));
}

export async function findMember(q: Q, communityId: number, memberId: number): Promise<MemberRow | undefined> {
  const { members } = q.t;
  return first(await q.select().from(members).where(and(eq(members.communityId, communityId), eq(members.id, memberId))).limit(1));
}

/** Marks the community welcomed; true only for the one caller that did it first. */
export async function claimWelcome(q: Q, communityId: number, now: number): Promise<boolean> {
  const { communities } = q.t;
  const r = await q
    .update(communities)
    .set({ welcomedAt: now })
    .where(and(eq(communities.id, communityId), isNull(communities.welcomedAt)))
    .returning({ id: communities.id });
  return r.length > 0;
}
