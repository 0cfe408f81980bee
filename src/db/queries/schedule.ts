import { and, eq, getTableColumns, gte, inArray, lte, max, sql } from 'drizzle-orm';
import { communities, enrolments, groups, scheduledRuns, streaks } from '../schema.ts';
import type { CommunityRow, GroupRow, Q, ScheduledRunRow, StreakRow } from '../types.ts';

export type Job = ScheduledRunRow['job'];

export type CommunityRef = Pick<CommunityRow, 'platform' | 'externalId'>;

// The tick runs these every minute: build each statement once per database
// instead of once per call (drizzle's query building dominates small queries).
const statements = new WeakMap<Q, ReturnType<typeof prepare>>();

function prepare(q: Q) {
  return {
    groups: q
      .select({ ...getTableColumns(groups), platform: communities.platform, externalId: communities.externalId })
      .from(groups)
      .innerJoin(communities, eq(communities.id, groups.communityId))
      .prepare(),
    recorded: q
      .select({ job: scheduledRuns.job, groupId: scheduledRuns.groupId, memberId: scheduledRuns.memberId, localDate: scheduledRuns.localDate })
      .from(scheduledRuns)
      .where(and(gte(scheduledRuns.localDate, sql.placeholder('from')), lte(scheduledRuns.localDate, sql.placeholder('to'))))
      .prepare(),
    candidates: q
      .select({ groupId: enrolments.groupId, memberId: enrolments.memberId, reminderTime: enrolments.reminderTime, streak: streaks })
      .from(enrolments)
      .innerJoin(streaks, and(eq(streaks.groupId, enrolments.groupId), eq(streaks.memberId, enrolments.memberId)))
      .where(and(sql`${enrolments.leftAt} IS NULL`, eq(enrolments.remindersOn, true), sql`${streaks.current} > 0`))
      .prepare(),
    claim: q
      .insert(scheduledRuns)
      .values({
        communityId: sql.placeholder('communityId'),
        groupId: sql.placeholder('groupId'),
        job: sql.placeholder('job'),
        memberId: sql.placeholder('memberId'),
        localDate: sql.placeholder('localDate'),
        status: sql.placeholder('status'),
        claimedAt: sql.placeholder('now'),
        updatedAt: sql.placeholder('now'),
      })
      .onConflictDoNothing()
      .returning()
      .prepare(),
  };
}

function prepared(q: Q): ReturnType<typeof prepare> {
  let s = statements.get(q);
  if (!s) statements.set(q, (s = prepare(q)));
  return s;
}

/** Every group with where it lives: the scheduler's view of the world. */
export function allGroups(q: Q): { group: GroupRow; community: CommunityRef }[] {
  return prepared(q)
    .groups.all()
    .map(({ platform, externalId, ...group }) => ({ group, community: { platform, externalId } }));
}

/** Keys ("job:group:member:date") of runs already recorded for dates in [from, to]. */
export function recordedRunKeys(q: Q, from: string, to: string): Set<string> {
  const rows = prepared(q).recorded.all({ from, to });
  return new Set(rows.map((r) => runKey(r.job, r.groupId, r.memberId, r.localDate)));
}

export const runKey = (job: Job, groupId: number, memberId: number, localDate: string) => `${job}:${groupId}:${memberId}:${localDate}`;

export interface ReminderCandidate {
  groupId: number;
  memberId: number;
  reminderTime: string | null;
  streak: StreakRow;
}

/** Active members, in any group, with reminders on and a streak that was alive at their last activity. */
export function reminderCandidates(q: Q): ReminderCandidate[] {
  return prepared(q).candidates.all();
}

/** Inserts the run as claimed; undefined when it was already recorded (by us or another process). */
export function claim(
  q: Q,
  run: { communityId: number; groupId: number; job: Job; memberId: number; localDate: string; status?: ScheduledRunRow['status'] },
  now: number,
): ScheduledRunRow | undefined {
  return prepared(q).claim.get({ status: 'claimed', ...run, now });
}

export function finishRun(q: Q, id: number, set: Pick<ScheduledRunRow, 'status' | 'messageId' | 'error' | 'attempts' | 'updatedAt'>): void {
  q.update(scheduledRuns).set(set).where(eq(scheduledRuns.id, id)).run();
}

/** The latest local date recorded for a group's job. */
export function lastRunDate(q: Q, groupId: number, job: Job): string | undefined {
  return q
    .select({ d: max(scheduledRuns.localDate) })
    .from(scheduledRuns)
    .where(and(eq(scheduledRuns.groupId, groupId), eq(scheduledRuns.job, job)))
    .get()?.d ?? undefined;
}

/** Claimed runs whose lease was not renewed since `renewedBefore`: their process stopped mid-send. */
export function unfinishedRuns(q: Q, renewedBefore: number): ScheduledRunRow[] {
  return q
    .select()
    .from(scheduledRuns)
    .where(and(eq(scheduledRuns.status, 'claimed'), sql`${scheduledRuns.updatedAt} < ${renewedBefore}`))
    .all();
}

/** The owner is alive and still sending: its claims stay its own. */
export function renewRuns(q: Q, ids: readonly number[], now: number): void {
  if (ids.length === 0) return;
  q.update(scheduledRuns).set({ updatedAt: now }).where(and(inArray(scheduledRuns.id, [...ids]), eq(scheduledRuns.status, 'claimed'))).run();
}

/** Takes over a stale claim; of two processes trying at once, one wins. */
export function takeOverRun(q: Q, run: Pick<ScheduledRunRow, 'id' | 'updatedAt'>, now: number): boolean {
  return (
    q
      .update(scheduledRuns)
      .set({ updatedAt: now })
      .where(and(eq(scheduledRuns.id, run.id), eq(scheduledRuns.status, 'claimed'), eq(scheduledRuns.updatedAt, run.updatedAt)))
      .run().changes === 1
  );
}

export function setPostsPaused(q: Q, group: GroupRow, reason: string | null, now: number): void {
  q.update(groups).set({ postsPausedReason: reason, updatedAt: now }).where(and(eq(groups.communityId, group.communityId), eq(groups.id, group.id))).run();
}
