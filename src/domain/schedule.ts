// What the scheduler should send, and when. Pure decisions over the store
// with the clock injected; the scheduler only asks and sends.
//
// - The daily post is due from the group's post time until its local day ends.
// - The weekly leaderboard is due on Mondays from the post time.
// - A streak reminder is due from the reminder time (the member's own, or the
//   group's) until the local day ends, for members with a live streak and no
//   activity yet today, with reminders on, who have not left.
// Each is keyed by job, group, member and local date, so it is sent at most
// once; a group's zone or times can change mid-day without a double post.
import * as q from '../db/queries/schedule.ts';
import type { CommunityRef } from '../db/queries/schedule.ts';
import type { GroupRow, ScheduledRunRow } from '../db/types.ts';
import type { Deps } from './deps.ts';
import { settle, type StreakState } from './streak-rules.ts';
import { addDays, daysBetween, isSaneInstant, isSaneLocalDate, localDate, wallTimeInstant, weekday } from './time.ts';

export type Job = q.Job;

export interface DueRun {
  job: Job;
  group: GroupRow;
  community: CommunityRef;
  /** The member for reminders; 0 for group posts. */
  memberId: number;
  localDate: string;
  dueAt: number;
  /** Set when re-sending a run claimed earlier that never finished. */
  runId?: number;
}

/** Everything due at `now` that has not been recorded yet. */
export async function dueRuns(deps: Deps, now: Date = deps.clock.now()): Promise<DueRun[]> {
  // A clock out of range is a glitch: nothing is due at a time that cannot be a study day.
  if (!isSaneInstant(now)) return [];
  const at = now.getTime();
  const all = await q.allGroups(deps.db);
  if (all.length === 0) return [];
  const today = new Map(all.map(({ group }) => [group.id, localDate(now, group.timezone)]));
  const dates = [...today.values()].sort();
  const recorded = await q.recordedRunKeys(deps.db, dates[0]!, dates.at(-1)!);
  const due: DueRun[] = [];
  const open = (job: Job, group: GroupRow, memberId: number, date: string) => !recorded.has(q.runKey(job, group.id, memberId, date));

  for (const { group, community } of all) {
    const date = today.get(group.id)!;
    const postAt = wallTimeInstant(date, group.postTime, group.timezone);
    if (group.postsPausedReason === null && at >= postAt) {
      if (open('daily', group, 0, date)) due.push({ job: 'daily', group, community, memberId: 0, localDate: date, dueAt: postAt });
      if (weekday(date) === 1 && open('weekly', group, 0, date)) due.push({ job: 'weekly', group, community, memberId: 0, localDate: date, dueAt: postAt });
    }
  }

  const byId = new Map(all.map((g) => [g.group.id, g]));
  for (const c of await q.reminderCandidates(deps.db)) {
    const { group, community } = byId.get(c.groupId)!;
    const date = today.get(group.id)!;
    const dueAt = wallTimeInstant(date, c.reminderTime ?? group.reminderTime, group.timezone);
    if (at < dueAt || !open('reminder', group, c.memberId, date)) continue;
    if (c.streak.lastActive >= date) continue; // already active today
    const state: StreakState = { ...c.streak };
    if (settle(state, date).current === 0) continue; // the streak already broke: nothing to save
    due.push({ job: 'reminder', group, community, memberId: c.memberId, localDate: date, dueAt });
  }
  return due.sort((a, b) => a.dueAt - b.dueAt || a.group.id - b.group.id || a.memberId - b.memberId);
}

/** Rows per claiming statement: well inside both engines' limits on bound parameters. */
const CLAIM_BATCH = 500;

/**
 * Claims runs before they are sent, a batch per statement. Each run's row is
 * unique, so only one claimant ever wins a run, across processes, without a
 * transaction: the result holds the runs this caller won, with their run ids.
 */
export async function claimRuns(deps: Deps, runs: readonly DueRun[], status: 'claimed' | 'missed' = 'claimed'): Promise<{ run: DueRun; runId: number }[]> {
  const now = deps.clock.now().getTime();
  const won: { run: DueRun; runId: number }[] = [];
  for (let i = 0; i < runs.length; i += CLAIM_BATCH) {
    const batch = runs.slice(i, i + CLAIM_BATCH);
    const byKey = new Map(batch.map((run) => [q.runKey(run.job, run.group.id, run.memberId, run.localDate), run]));
    const rows = await q.claimMany(
      deps.db,
      batch.map((run) => ({ communityId: run.group.communityId, groupId: run.group.id, job: run.job, memberId: run.memberId, localDate: run.localDate, status })),
      now,
    );
    for (const row of rows) won.push({ run: byKey.get(q.runKey(row.job, row.groupId, row.memberId, row.localDate))!, runId: row.id });
  }
  // In the order asked (the order they are due), whatever order the engine returned them in.
  const order = new Map(runs.map((r, i) => [r, i]));
  return won.sort((a, b) => order.get(a.run)! - order.get(b.run)!);
}

export function markSent(deps: Deps, runId: number, messageId: string, attempts: number): Promise<void> {
  return q.finishRun(deps.db, runId, { status: 'sent', messageId, error: null, attempts, updatedAt: deps.clock.now().getTime() });
}

export function markFailed(deps: Deps, runId: number, reason: string, attempts: number): Promise<void> {
  return q.finishRun(deps.db, runId, { status: 'failed', messageId: null, error: reason, attempts, updatedAt: deps.clock.now().getTime() });
}

/** Stops scheduled posts to a group's channel, with a note admins see in `/group settings`. */
export function pauseGroupPosts(deps: Deps, group: GroupRow, reason: string): Promise<void> {
  return q.setPostsPaused(deps.db, group, reason, deps.clock.now().getTime());
}

/** How far back catch-up looks for days the bot was down. */
export const CATCH_UP_DAYS = 31;

export interface Missed {
  group: GroupRow;
  job: Job;
  dates: string[];
}

/**
 * After downtime: records group posts of earlier days that never went out as
 * missed (they are never posted late). Today's are left to the tick, which
 * sends them if still due.
 */
export async function recordMissedRuns(deps: Deps, now: Date = deps.clock.now()): Promise<Missed[]> {
  const missed: Missed[] = [];
  if (!isSaneInstant(now)) return missed;
  for (const { group, community } of await q.allGroups(deps.db)) {
    const today = localDate(now, group.timezone);
    const created = localDate(new Date(group.createdAt), group.timezone);
    for (const job of ['daily', 'weekly'] as const) {
      const last = await q.lastRunDate(deps.db, group.id, job);
      // A stored date out of range (a past clock glitch) says nothing about what was missed.
      let from = last && isSaneLocalDate(last) ? addDays(last, 1) : created;
      // `!(… <= …)` also catches NaN, so a malformed date cannot skip the cap.
      if (!(daysBetween(from, today) <= CATCH_UP_DAYS)) from = addDays(today, -CATCH_UP_DAYS);
      const dates: string[] = [];
      // Bounded by count as well as by date: whatever the arithmetic returns, the walk ends.
      for (let d = from, n = 0; d < today && n <= CATCH_UP_DAYS; d = addDays(d, 1), n++) {
        if (job === 'weekly' && weekday(d) !== 1) continue;
        // A day the group was created after its post time was never due.
        if (d === created && wallTimeInstant(d, group.postTime, group.timezone) < group.createdAt) continue;
        dates.push(d);
      }
      if (dates.length === 0) continue;
      await claimRuns(
        deps,
        dates.map((d) => ({ job, group, community, memberId: 0, localDate: d, dueAt: 0 })),
        'missed',
      );
      missed.push({ group, job, dates });
    }
  }
  return missed;
}

/**
 * How long a claimed run stays its process's while that process is silent.
 * A live scheduler renews its claims well within this (see RENEW_EVERY_MS),
 * so a claim older than this belongs to a process that died mid-send.
 */
export const RUN_LEASE_MS = 15_000;
export const RENEW_EVERY_MS = 5_000;

/**
 * Runs claimed but never finished because their process stopped mid-send.
 * The ones still for today are taken over and sent again (on Discord the
 * run's nonce makes a resend return the first message); older ones become missed.
 */
export async function unfinishedRuns(deps: Deps, staleAfterMs = RUN_LEASE_MS): Promise<DueRun[]> {
  const now = deps.clock.now();
  const groupsById = new Map((await q.allGroups(deps.db)).map((g) => [g.group.id, g]));
  const again: DueRun[] = [];
  for (const run of await q.unfinishedRuns(deps.db, now.getTime() - staleAfterMs)) {
    const g = groupsById.get(run.groupId);
    if (g && run.localDate === localDate(now, g.group.timezone)) {
      if (await q.takeOverRun(deps.db, run, now.getTime())) {
        again.push({ job: run.job, group: g.group, community: g.community, memberId: run.memberId, localDate: run.localDate, dueAt: run.claimedAt, runId: run.id });
      }
    } else {
      await q.finishRun(deps.db, run.id, { status: 'missed', messageId: null, error: 'the bot stopped before sending', attempts: run.attempts, updatedAt: now.getTime() });
    }
  }
  return again;
}

/** Keeps this process's claims (queued or sending) its own. */
export function renewClaims(deps: Deps, runIds: Iterable<number>): Promise<void> {
  return q.renewRuns(deps.db, [...runIds], deps.clock.now().getTime());
}
