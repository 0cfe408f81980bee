import { and, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, max, sql, type SQL } from 'drizzle-orm';
import { first } from '../store.ts';
import type { CommunityRow, GroupRow, Q, ScheduledRunRow, StreakRow } from '../types.ts';

export type Job = ScheduledRunRow['job'];

export type CommunityRef = Pick<CommunityRow, 'platform' | 'externalId'>;

/** Every group with where it lives: the scheduler's view of the world. */
export async function allGroups(q: Q): Promise<{ group: GroupRow; community: CommunityRef }[]> {
  const { groups, communities } = q.t;
  const rows = await q
    .select({ ...getTableColumns(groups), platform: communities.platform, externalId: communities.externalId })
    .from(groups)
    .innerJoin(communities, eq(communities.id, groups.communityId));
  return rows.map(({ platform, externalId, ...group }) => ({ group, community: { platform, externalId } }));
}

/** Keys ("job:group:member:date") of runs already recorded for dates in [from, to]. */
export async function recordedRunKeys(q: Q, from: string, to: string): Promise<Set<string>> {
  const { scheduledRuns: r } = q.t;
  const rows = await q
    .select({ job: r.job, groupId: r.groupId, memberId: r.memberId, localDate: r.localDate })
    .from(r)
    .where(and(gte(r.localDate, from), lte(r.localDate, to)));
  return new Set(rows.map((row) => runKey(row.job, row.groupId, row.memberId, row.localDate)));
}

export const runKey = (job: Job, groupId: number, memberId: number, localDate: string) => `${job}:${groupId}:${memberId}:${localDate}`;

export interface ReminderCandidate {
  groupId: number;
  memberId: number;
  reminderTime: string | null;
  streak: StreakRow;
}

/** Active members, in any group, with reminders on and a streak that was alive at their last activity. */
export async function reminderCandidates(q: Q): Promise<ReminderCandidate[]> {
  const { enrolments: e, streaks } = q.t;
  return q
    .select({ groupId: e.groupId, memberId: e.memberId, reminderTime: e.reminderTime, streak: streaks })
    .from(e)
    .innerJoin(streaks, and(eq(streaks.groupId, e.groupId), eq(streaks.memberId, e.memberId)))
    .where(and(isNull(e.leftAt), eq(e.remindersOn, true), gt(streaks.current, 0)));
}

export interface RunClaim {
  communityId: number;
  groupId: number;
  job: Job;
  memberId: number;
  localDate: string;
  status?: ScheduledRunRow['status'];
}

/**
 * Inserts the runs as claimed, in one statement; returns those that were new.
 * A run already recorded (by us or another process) is left alone, so of two
 * processes claiming the same run, exactly one gets it back.
 */
export type ClaimedRun = Pick<ScheduledRunRow, 'id' | 'job' | 'groupId' | 'memberId' | 'localDate'>;

export async function claimMany(q: Q, runs: readonly RunClaim[], now: number): Promise<ClaimedRun[]> {
  if (runs.length === 0) return [];
  // The tick claims thousands of runs a minute. Built as a drizzle insert, each row's values are
  // bound one by one (4,500 per 500 rows) and query building dominated the tick; instead the
  // batch travels as one JSON parameter that each engine unpacks itself. Same rows, same
  // ON CONFLICT DO NOTHING: of two claimants, one gets each run back.
  const batch = JSON.stringify(runs.map((r) => [r.communityId, r.groupId, r.job, r.memberId, r.localDate, r.status ?? 'claimed']));
  const columns = 'community_id, group_id, job, member_id, local_date, status, attempts, claimed_at, updated_at';
  const returning = 'RETURNING id, job, group_id, member_id, local_date';
  if (q.engine === 'postgres') {
    // PostgreSQL's drizzle database runs raw SQL with `execute` (the SQLite-typed Q has no such name).
    const pg = q as unknown as { execute(query: SQL): Promise<{ rows: Record<string, unknown>[] }> };
    const { rows } = await pg.execute(
      sql`INSERT INTO scheduled_runs (${sql.raw(columns)}) SELECT (r->>0)::int, (r->>1)::int, r->>2, (r->>3)::int, r->>4, r->>5, 0, ${now}::bigint, ${now}::bigint FROM jsonb_array_elements(${batch}::jsonb) AS r ON CONFLICT DO NOTHING ${sql.raw(returning)}`,
    );
    return rows.map((r) => ({ id: Number(r.id), job: r.job as Job, groupId: Number(r.group_id), memberId: Number(r.member_id), localDate: String(r.local_date) }));
  }
  // `WHERE true` keeps SQLite from reading ON CONFLICT as part of the SELECT's join.
  const rows = await q.all<unknown[]>(
    sql`INSERT INTO scheduled_runs (${sql.raw(columns)}) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, 0, ${now}, ${now} FROM json_each(${batch}) WHERE true ON CONFLICT DO NOTHING ${sql.raw(returning)}`,
  );
  return rows.map((r) => ({ id: Number(r[0]), job: r[1] as Job, groupId: Number(r[2]), memberId: Number(r[3]), localDate: String(r[4]) }));
}

export async function finishRun(q: Q, id: number, set: Pick<ScheduledRunRow, 'status' | 'messageId' | 'error' | 'attempts' | 'updatedAt'>): Promise<void> {
  const { scheduledRuns: r } = q.t;
  await q.update(r).set(set).where(eq(r.id, id));
}

/** The latest local date recorded for a group's job. */
export async function lastRunDate(q: Q, groupId: number, job: Job): Promise<string | undefined> {
  const { scheduledRuns: r } = q.t;
  return first(
    await q
      .select({ d: max(r.localDate) })
      .from(r)
      .where(and(eq(r.groupId, groupId), eq(r.job, job))),
  )?.d ?? undefined;
}

/** Claimed runs whose lease was not renewed since `renewedBefore`: their process stopped mid-send. */
export async function unfinishedRuns(q: Q, renewedBefore: number): Promise<ScheduledRunRow[]> {
  const { scheduledRuns: r } = q.t;
  return q
    .select()
    .from(r)
    .where(and(eq(r.status, 'claimed'), lt(r.updatedAt, renewedBefore)));
}

/** The owner is alive and still sending: its claims stay its own. */
export async function renewRuns(q: Q, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  const { scheduledRuns: r } = q.t;
  await q
    .update(r)
    .set({ updatedAt: now })
    .where(and(inArray(r.id, [...ids]), eq(r.status, 'claimed')));
}

/** Takes over a stale claim; of two processes trying at once, one wins. */
export async function takeOverRun(q: Q, run: Pick<ScheduledRunRow, 'id' | 'updatedAt'>, now: number): Promise<boolean> {
  const { scheduledRuns: r } = q.t;
  const rows = await q
    .update(r)
    .set({ updatedAt: now })
    .where(and(eq(r.id, run.id), eq(r.status, 'claimed'), eq(r.updatedAt, run.updatedAt)))
    .returning({ id: r.id });
  return rows.length === 1;
}

export async function setPostsPaused(q: Q, group: GroupRow, reason: string | null, now: number): Promise<void> {
  const { groups } = q.t;
  await q
    .update(groups)
    .set({ postsPausedReason: reason, updatedAt: now })
    .where(and(eq(groups.communityId, group.communityId), eq(groups.id, group.id)));
}
