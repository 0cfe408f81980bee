import { and, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, max } from 'drizzle-orm';
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
export async function claimMany(q: Q, runs: readonly RunClaim[], now: number): Promise<ScheduledRunRow[]> {
  if (runs.length === 0) return [];
  return q
    .insert(q.t.scheduledRuns)
    .values(runs.map((run) => ({ status: 'claimed' as const, ...run, claimedAt: now, updatedAt: now })))
    .onConflictDoNothing()
    .returning();
}

/** Inserts the run as claimed; undefined when it was already recorded (by us or another process). */
export async function claim(q: Q, run: RunClaim, now: number): Promise<ScheduledRunRow | undefined> {
  return first(await claimMany(q, [run], now));
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
