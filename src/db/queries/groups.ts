import { and, asc, eq, sql } from 'drizzle-orm';
import { first, prepared } from '../store.ts';
import type { GroupRow, MemberRow, Q } from '../types.ts';

export async function findGroupByChannel(q: Q, communityId: number, channelId: string): Promise<GroupRow | undefined> {
  const query = prepared(q, 'find_group_by_channel', ({ t: { groups: g } }) =>
    q.select().from(g).where(and(eq(g.communityId, sql.placeholder('communityId')), eq(g.channelId, sql.placeholder('channelId')))).limit(1),
  );
  return first(await query.execute({ communityId, channelId }));
}

/** The group whose reviews are posted in `channelId` (the first, if several share it). */
export async function findGroupByReviewChannel(q: Q, communityId: number, channelId: string): Promise<GroupRow | undefined> {
  const { groups: g } = q.t;
  return first(await q.select().from(g).where(and(eq(g.communityId, communityId), eq(g.reviewChannelId, channelId))).orderBy(asc(g.id)).limit(1));
}

export async function findGroup(q: Q, communityId: number, groupId: number): Promise<GroupRow | undefined> {
  const { groups } = q.t;
  return first(await q.select().from(groups).where(and(eq(groups.communityId, communityId), eq(groups.id, groupId))).limit(1));
}

export type GroupSettings = Pick<GroupRow, 'roadmapId' | 'timezone' | 'postTime' | 'reminderTime' | 'reviewChannelId' | 'postsPausedReason'> &
  Partial<Pick<GroupRow, 'cards' | 'cardTheme' | 'claimMinutes' | 'reviewNudgeHours' | 'reviewEscalateHours' | 'adminMemberId'>>;

export async function insertGroup(q: Q, communityId: number, channelId: string, settings: GroupSettings, now: number): Promise<GroupRow> {
  const [row] = await q.insert(q.t.groups).values({ communityId, channelId, ...settings, createdAt: now, updatedAt: now }).returning();
  return row!;
}

export async function updateGroup(q: Q, group: GroupRow, settings: Partial<GroupSettings>, now: number): Promise<GroupRow> {
  const { groups } = q.t;
  const [row] = await q
    .update(groups)
    .set({ ...settings, updatedAt: now })
    .where(and(eq(groups.communityId, group.communityId), eq(groups.id, group.id)))
    .returning();
  return row!;
}

export async function listMentors(q: Q, group: GroupRow): Promise<MemberRow[]> {
  const { groupMentors: gm, members } = q.t;
  const rows = await q
    .select({ m: members })
    .from(gm)
    .innerJoin(members, eq(members.id, gm.memberId))
    .where(and(eq(gm.communityId, group.communityId), eq(gm.groupId, group.id)))
    .orderBy(asc(gm.addedAt), asc(members.id));
  return rows.map((r) => r.m);
}

export async function isMentor(q: Q, group: GroupRow, memberId: number): Promise<boolean> {
  const { groupMentors: gm } = q.t;
  const rows = await q
    .select({ one: gm.memberId })
    .from(gm)
    .where(and(eq(gm.communityId, group.communityId), eq(gm.groupId, group.id), eq(gm.memberId, memberId)))
    .limit(1);
  return rows.length > 0;
}

/** @returns false when they were already a mentor. */
export async function addMentor(q: Q, group: GroupRow, memberId: number, now: number): Promise<boolean> {
  const { groupMentors: gm } = q.t;
  const r = await q
    .insert(gm)
    .values({ communityId: group.communityId, groupId: group.id, memberId, addedAt: now })
    .onConflictDoNothing()
    .returning({ memberId: gm.memberId });
  return r.length > 0;
}

/** @returns false when they were not a mentor. */
export async function removeMentor(q: Q, group: GroupRow, memberId: number): Promise<boolean> {
  const { groupMentors: gm } = q.t;
  const r = await q
    .delete(gm)
    .where(and(eq(gm.communityId, group.communityId), eq(gm.groupId, group.id), eq(gm.memberId, memberId)))
    .returning({ memberId: gm.memberId });
  return r.length > 0;
}

/** Groups of the community where the member is a mentor. */
export async function mentoredGroups(q: Q, communityId: number, memberId: number): Promise<GroupRow[]> {
  const { groupMentors: gm, groups } = q.t;
  const rows = await q
    .select({ g: groups })
    .from(gm)
    .innerJoin(groups, eq(groups.id, gm.groupId))
    .where(and(eq(gm.communityId, communityId), eq(gm.memberId, memberId)));
  return rows.map((r) => r.g);
}
