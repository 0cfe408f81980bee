import { and, eq, isNull } from 'drizzle-orm';
import { first } from '../store.ts';
import type { EnrolmentRow, GroupRow, Q } from '../types.ts';

export async function findEnrolment(q: Q, group: GroupRow, memberId: number): Promise<EnrolmentRow | undefined> {
  const { enrolments: e } = q.t;
  return first(
    await q
      .select()
      .from(e)
      .where(and(eq(e.communityId, group.communityId), eq(e.groupId, group.id), eq(e.memberId, memberId)))
      .limit(1),
  );
}

export async function insertEnrolment(q: Q, group: GroupRow, memberId: number, track: string | null, now: number): Promise<EnrolmentRow> {
  const [row] = await q.insert(q.t.enrolments).values({ communityId: group.communityId, groupId: group.id, memberId, track, startedAt: now }).returning();
  return row!;
}

export async function updateEnrolment(
  q: Q,
  row: EnrolmentRow,
  set: Partial<Pick<EnrolmentRow, 'track' | 'leftAt' | 'remindersOn' | 'reminderTime'>>,
): Promise<EnrolmentRow> {
  const { enrolments: e } = q.t;
  const [updated] = await q
    .update(e)
    .set(set)
    .where(and(eq(e.communityId, row.communityId), eq(e.id, row.id)))
    .returning();
  return updated!;
}

/** Topic ids the member has completed in this group. */
export async function completedTopicIds(q: Q, group: GroupRow, memberId: number): Promise<Set<string>> {
  const { topicCompletions: c } = q.t;
  const rows = await q
    .select({ topicId: c.topicId })
    .from(c)
    .where(and(eq(c.communityId, group.communityId), eq(c.groupId, group.id), eq(c.memberId, memberId)));
  return new Set(rows.map((r) => r.topicId));
}

/** @returns false when the topic was already complete. */
export async function insertCompletion(q: Q, group: GroupRow, memberId: number, topicId: string, now: number): Promise<boolean> {
  const { topicCompletions: c } = q.t;
  const r = await q
    .insert(c)
    .values({ communityId: group.communityId, groupId: group.id, memberId, topicId, completedAt: now })
    .onConflictDoNothing()
    .returning({ topicId: c.topicId });
  return r.length > 0;
}

/** Completed topic ids of every active member of the group, for finding where the group is. */
export async function activeMembersCompletions(q: Q, group: GroupRow): Promise<Map<number, Set<string>>> {
  const { enrolments: e, topicCompletions: c } = q.t;
  const active = await q
    .select({ memberId: e.memberId })
    .from(e)
    .where(and(eq(e.communityId, group.communityId), eq(e.groupId, group.id), isNull(e.leftAt)));
  const byMember = new Map<number, Set<string>>(active.map((a) => [a.memberId, new Set<string>()]));
  const rows = await q
    .select({ memberId: c.memberId, topicId: c.topicId })
    .from(c)
    .where(and(eq(c.communityId, group.communityId), eq(c.groupId, group.id)));
  for (const r of rows) byMember.get(r.memberId)?.add(r.topicId);
  return byMember;
}
