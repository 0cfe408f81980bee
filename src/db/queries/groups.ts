import { and, asc, eq } from 'drizzle-orm';
import { groupMentors, groups, members } from '../schema.ts';
import type { GroupRow, MemberRow, Q } from '../types.ts';

export function findGroupByChannel(q: Q, communityId: number, channelId: string): GroupRow | undefined {
  return q.select().from(groups).where(and(eq(groups.communityId, communityId), eq(groups.channelId, channelId))).get();
}

export function findGroup(q: Q, communityId: number, groupId: number): GroupRow | undefined {
  return q.select().from(groups).where(and(eq(groups.communityId, communityId), eq(groups.id, groupId))).get();
}

export type GroupSettings = Pick<GroupRow, 'roadmapId' | 'timezone' | 'postTime' | 'reminderTime' | 'reviewChannelId' | 'postsPausedReason'>;

export function insertGroup(q: Q, communityId: number, channelId: string, settings: GroupSettings, now: number): GroupRow {
  return q.insert(groups).values({ communityId, channelId, ...settings, createdAt: now, updatedAt: now }).returning().get();
}

export function updateGroup(q: Q, group: GroupRow, settings: Partial<GroupSettings>, now: number): GroupRow {
  return q
    .update(groups)
    .set({ ...settings, updatedAt: now })
    .where(and(eq(groups.communityId, group.communityId), eq(groups.id, group.id)))
    .returning()
    .get()!;
}

export function listMentors(q: Q, group: GroupRow): MemberRow[] {
  return q
    .select({ m: members })
    .from(groupMentors)
    .innerJoin(members, eq(members.id, groupMentors.memberId))
    .where(and(eq(groupMentors.communityId, group.communityId), eq(groupMentors.groupId, group.id)))
    .orderBy(asc(groupMentors.addedAt), asc(members.id))
    .all()
    .map((r) => r.m);
}

export function isMentor(q: Q, group: GroupRow, memberId: number): boolean {
  return (
    q
      .select({ one: groupMentors.memberId })
      .from(groupMentors)
      .where(and(eq(groupMentors.communityId, group.communityId), eq(groupMentors.groupId, group.id), eq(groupMentors.memberId, memberId)))
      .get() !== undefined
  );
}

/** @returns false when they were already a mentor. */
export function addMentor(q: Q, group: GroupRow, memberId: number, now: number): boolean {
  const r = q.insert(groupMentors).values({ communityId: group.communityId, groupId: group.id, memberId, addedAt: now }).onConflictDoNothing().run();
  return r.changes > 0;
}

/** @returns false when they were not a mentor. */
export function removeMentor(q: Q, group: GroupRow, memberId: number): boolean {
  const r = q
    .delete(groupMentors)
    .where(and(eq(groupMentors.communityId, group.communityId), eq(groupMentors.groupId, group.id), eq(groupMentors.memberId, memberId)))
    .run();
  return r.changes > 0;
}

/** Groups of the community where the member is a mentor. */
export function mentoredGroups(q: Q, communityId: number, memberId: number): GroupRow[] {
  return q
    .select({ g: groups })
    .from(groupMentors)
    .innerJoin(groups, eq(groups.id, groupMentors.groupId))
    .where(and(eq(groupMentors.communityId, communityId), eq(groupMentors.memberId, memberId)))
    .all()
    .map((r) => r.g);
}
