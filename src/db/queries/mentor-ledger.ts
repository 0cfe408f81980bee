import { and, asc, desc, eq, gte, max, sum } from 'drizzle-orm';
import type { GroupRow, Q } from '../types.ts';

/** @returns false when this review was already paid (the ref is unique per group). */
export async function insertMentorAward(q: Q, group: GroupRow, a: { memberId: number; points: number; reason: string; ref: string; at: number }): Promise<boolean> {
  const { mentorLedger: l } = q.t;
  const r = await q
    .insert(l)
    .values({ communityId: group.communityId, groupId: group.id, ...a })
    .onConflictDoNothing()
    .returning({ id: l.id });
  return r.length > 0;
}

export interface MentorPointsRow {
  memberId: number;
  userId: string;
  name: string;
  points: number;
  reviews: number;
}

/** Mentors by points earned since `since`, best first; ties to whoever got there first. */
export async function mentorStandings(q: Q, group: GroupRow, since: number): Promise<MentorPointsRow[]> {
  const { mentorLedger: l, members } = q.t;
  const total = sum(l.points).mapWith(Number);
  const reached = max(l.at);
  const rows = await q
    .select({ memberId: l.memberId, userId: members.userId, name: members.displayName, points: total, reached })
    .from(l)
    .innerJoin(members, eq(members.id, l.memberId))
    .where(and(eq(l.communityId, group.communityId), eq(l.groupId, group.id), gte(l.at, since)))
    .groupBy(l.memberId, members.userId, members.displayName)
    .orderBy(desc(total), asc(reached), asc(l.memberId));
  const counts = new Map<number, number>();
  for (const r of await q.select({ memberId: l.memberId }).from(l).where(and(eq(l.groupId, group.id), gte(l.at, since)))) counts.set(r.memberId, (counts.get(r.memberId) ?? 0) + 1);
  return rows.map(({ reached: _, ...r }) => ({ ...r, reviews: counts.get(r.memberId) ?? 0 }));
}
