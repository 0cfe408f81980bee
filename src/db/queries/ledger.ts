import { and, asc, desc, eq, gte, isNull, lt, max, sql, sum } from 'drizzle-orm';
import { prepared } from '../store.ts';
import type { GroupRow, Q } from '../types.ts';

export interface Award {
  memberId: number;
  points: number;
  reason: string;
  /** Unique per member and group: the same ref is never paid twice. */
  ref: string;
  at: number;
}

/** @returns false when this ref was already paid to the member. */
export async function insertAward(q: Q, group: GroupRow, award: Award): Promise<boolean> {
  // Prepared: every scored answer and completed topic pays through it.
  const query = prepared(q, 'insert_award', ({ t: { ledger } }) =>
    q
      .insert(ledger)
      .values({
        communityId: sql.placeholder('communityId'),
        groupId: sql.placeholder('groupId'),
        memberId: sql.placeholder('memberId'),
        points: sql.placeholder('points'),
        reason: sql.placeholder('reason'),
        ref: sql.placeholder('ref'),
        at: sql.placeholder('at'),
      })
      .onConflictDoNothing()
      .returning({ id: ledger.id }),
  );
  const r = (await query.execute({ communityId: group.communityId, groupId: group.id, ...award })) as unknown[];
  return r.length > 0;
}

export interface PointsRow {
  memberId: number;
  userId: string;
  name: string;
  points: number;
}

/**
 * Active members' points since `since`, best first. Ties go to whoever
 * reached their total first, then to the earlier member: always the same order.
 */
export async function pointsStandings(q: Q, group: GroupRow, since: number, until = Number.MAX_SAFE_INTEGER): Promise<PointsRow[]> {
  const { ledger, members, enrolments } = q.t;
  const total = sum(ledger.points).mapWith(Number);
  const reached = max(ledger.at);
  return q
    .select({ memberId: ledger.memberId, userId: members.userId, name: members.displayName, points: total })
    .from(ledger)
    .innerJoin(members, eq(members.id, ledger.memberId))
    .innerJoin(enrolments, and(eq(enrolments.groupId, ledger.groupId), eq(enrolments.memberId, ledger.memberId)))
    .where(and(eq(ledger.communityId, group.communityId), eq(ledger.groupId, group.id), gte(ledger.at, since), lt(ledger.at, until), isNull(enrolments.leftAt)))
    // PostgreSQL wants every selected column grouped; a member has one name, so this groups by member as before.
    .groupBy(ledger.memberId, members.userId, members.displayName)
    .orderBy(desc(total), asc(reached), asc(ledger.memberId));
}
