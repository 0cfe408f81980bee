import { and, eq, isNull } from 'drizzle-orm';
import { enrolments, topicCompletions } from '../schema.ts';
import type { EnrolmentRow, GroupRow, Q } from '../types.ts';

export function findEnrolment(q: Q, group: GroupRow, memberId: number): EnrolmentRow | undefined {
  return q
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.communityId, group.communityId), eq(enrolments.groupId, group.id), eq(enrolments.memberId, memberId)))
    .get();
}

export function insertEnrolment(q: Q, group: GroupRow, memberId: number, track: string | null, now: number): EnrolmentRow {
  return q.insert(enrolments).values({ communityId: group.communityId, groupId: group.id, memberId, track, startedAt: now }).returning().get();
}

export function updateEnrolment(q: Q, row: EnrolmentRow, set: Partial<Pick<EnrolmentRow, 'track' | 'leftAt' | 'remindersOn' | 'reminderTime'>>): EnrolmentRow {
  return q
    .update(enrolments)
    .set(set)
    .where(and(eq(enrolments.communityId, row.communityId), eq(enrolments.id, row.id)))
    .returning()
    .get()!;
}

/** Topic ids the member has completed in this group. */
export function completedTopicIds(q: Q, group: GroupRow, memberId: number): Set<string> {
  const rows = q
    .select({ topicId: topicCompletions.topicId })
    .from(topicCompletions)
    .where(and(eq(topicCompletions.communityId, group.communityId), eq(topicCompletions.groupId, group.id), eq(topicCompletions.memberId, memberId)))
    .all();
  return new Set(rows.map((r) => r.topicId));
}

/** @returns false when the topic was already complete. */
export function insertCompletion(q: Q, group: GroupRow, memberId: number, topicId: string, now: number): boolean {
  const r = q
    .insert(topicCompletions)
    .values({ communityId: group.communityId, groupId: group.id, memberId, topicId, completedAt: now })
    .onConflictDoNothing()
    .run();
  return r.changes > 0;
}

/** Completed topic ids of every active member of the group, for finding where the group is. */
export function activeMembersCompletions(q: Q, group: GroupRow): Map<number, Set<string>> {
  const active = q
    .select({ memberId: enrolments.memberId })
    .from(enrolments)
    .where(and(eq(enrolments.communityId, group.communityId), eq(enrolments.groupId, group.id), isNull(enrolments.leftAt)))
    .all();
  const byMember = new Map<number, Set<string>>(active.map((a) => [a.memberId, new Set<string>()]));
  const rows = q
    .select({ memberId: topicCompletions.memberId, topicId: topicCompletions.topicId })
    .from(topicCompletions)
    .where(and(eq(topicCompletions.communityId, group.communityId), eq(topicCompletions.groupId, group.id)))
    .all();
  for (const r of rows) byMember.get(r.memberId)?.add(r.topicId);
  return byMember;
}
