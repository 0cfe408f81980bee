import { and, eq, isNull, sql } from 'drizzle-orm';
import { first, prepared } from '../store.ts';
import type { EnrolmentRow, GroupRow, Q } from '../types.ts';

export async function findEnrolment(q: Q, group: GroupRow, memberId: number): Promise<EnrolmentRow | undefined> {
  const query = prepared(q, 'find_enrolment', ({ t: { enrolments: e } }) =>
    q
      .select()
      .from(e)
      .where(and(eq(e.communityId, sql.placeholder('communityId')), eq(e.groupId, sql.placeholder('groupId')), eq(e.memberId, sql.placeholder('memberId'))))
      .limit(1),
  );
  return first(await query.execute({ communityId: group.communityId, groupId: group.id, memberId }));
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
  const query = prepared(q, 'completed_topics', ({ t: { topicCompletions: c } }) =>
    q
      .select({ topicId: c.topicId })
      .from(c)
      .where(and(eq(c.communityId, sql.placeholder('communityId')), eq(c.groupId, sql.placeholder('groupId')), eq(c.memberId, sql.placeholder('memberId')))),
  );
  const rows = await query.execute({ communityId: group.communityId, groupId: group.id, memberId });
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
