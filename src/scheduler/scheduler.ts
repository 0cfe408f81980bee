// The scheduler is thin: each minute the tick asks the domain what is due,
// claims each run (so it is sent once, even with two processes), builds the
// post and hands it to the paced queue. Sends are recorded as sent, with the
// platform's message id, or as failed with the reason.
import cron, { type ScheduledTask } from 'node-cron';
import { dailyPost, reminderPost, weeklyPost } from '../commands/posts.ts';
import { noticeMessages } from '../commands/review-notices.ts';
import { claimReviewNotice, dueReviewNotices, type DueNotice } from '../domain/review-notices.ts';
import type { Reply } from '../commands/types.ts';
import type { Platform } from '../db/types.ts';
import type { Deps } from '../domain/deps.ts';
import {
  claimRuns,
  dueRuns,
  markFailed,
  markSent,
  pauseGroupPosts,
  recordMissedRuns,
  renewClaims,
  RENEW_EVERY_MS,
  unfinishedRuns,
  type DueRun,
} from '../domain/schedule.ts';
import { isSaneInstant } from '../domain/time.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';
import { PacedQueue, type QueueOptions } from './paced-queue.ts';
import { DeliveryError, type Poster } from './poster.ts';

export interface SchedulerOptions {
  deps: Deps;
  log: Logger;
  posters: readonly Poster[];
  queue?: Partial<QueueOptions>;
  /** Counts runs claimed, sent, failed and missed, and reads the send-queue depth. */
  metrics?: Metrics;
}

export interface TickReport {
  due: number;
  claimed: number;
  /** Review nudges and escalations claimed this tick. */
  notices?: number;
}

export interface Scheduler {
  /** Claims and enqueues everything due now. */
  tick(): Promise<TickReport>;
  /** After downtime: records earlier days as missed, resends unfinished runs, then ticks. */
  catchUp(): Promise<TickReport>;
  /** Resolves when everything enqueued has been sent or has failed. */
  idle(): Promise<void>;
  /** Renews this process's claims and takes over runs a stopped process left claimed. */
  adopt(): Promise<TickReport>;
  /** Ticks every minute (node-cron), and renews and adopts every few seconds, until stopped. */
  start(): void;
  /** Stops ticking and waits for in-flight sends, at most `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

export const DEFAULT_QUEUE: QueueOptions = { concurrency: 8, retryDelaysMs: [2_000, 10_000, 30_000] };

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { deps, log } = opts;
  const posters = new Map<Platform, Poster>(opts.posters.map((p) => [p.platform, p]));
  const queue = new PacedQueue({ ...DEFAULT_QUEUE, ...opts.queue });
  opts.metrics?.watchQueue(() => queue.pending);
  let task: ScheduledTask | undefined;
  let leases: NodeJS.Timeout | undefined;
  /** Runs this process claimed and has not finished: their leases are renewed. */
  const mine = new Set<number>();

  function enqueue(run: DueRun, runId: number): void {
    const poster = posters.get(run.community.platform)!;
    const where = { job: run.job, group: run.group.id, channel: run.group.channelId, date: run.localDate, run: runId };
    const to = { communityId: run.community.externalId };
    const nonce = `cohort-run-${runId}`;
    mine.add(runId);
    queue.push({
      lane: run.job === 'reminder' ? `${poster.platform}:dm:${run.memberId}` : `${poster.platform}:${run.community.externalId}:${run.group.channelId}`,
      spacingMs: poster.channelIntervalMs,
      // Built when its turn comes, so a post reflects the moment it goes out and
      // a tick with thousands of runs only decides and enqueues.
      send: async () => {
        let message: { reply: Reply; userId?: string };
        try {
          message = await build(deps, run);
        } catch (err) {
          throw new ContentUnavailable(err);
        }
        return message.userId
          ? poster.dm({ ...to, userId: message.userId }, message.reply, { nonce })
          : poster.post({ ...to, channelId: run.group.channelId }, message.reply, { nonce });
      },
      retryable: (err) => !(err instanceof ContentUnavailable) && (!(err instanceof DeliveryError) || err.kind === 'transient'),
      sent: async ({ messageId }, attempts) => {
        mine.delete(runId);
        opts.metrics?.run('sent');
        log.info({ ...where, messageId, attempts }, 'scheduled post sent');
        await markSent(deps, runId, messageId, attempts).catch((err: unknown) => log.error({ err, ...where }, 'could not record a sent post'));
      },
      failed: async (err, attempts) => {
        mine.delete(runId);
        opts.metrics?.run('failed');
        const reason = err instanceof Error ? err.message : String(err);
        // A platform refusal (not in the channel, channel gone) is the group's setup, not a
        // bug in Cohort: one warning line naming the fix, no stack trace.
        const refused = err instanceof DeliveryError && err.kind !== 'transient';
        const pauses = refused && run.job !== 'reminder';
        if (refused) log.warn({ ...where, attempts, reason }, pauses ? 'scheduled posts paused for this group' : 'scheduled post refused');
        else log.error({ err, ...where, attempts }, 'scheduled post failed');
        try {
          await markFailed(deps, runId, reason, attempts);
          if (pauses) await pauseGroupPosts(deps, run.group, `Posting failed on ${run.localDate}: ${reason}`);
        } catch (storeErr) {
          log.error({ err: storeErr, ...where }, 'could not record a failed post');
        }
      },
    });
  }

  async function claimAndEnqueue(runs: DueRun[]): Promise<TickReport> {
    const ours = runs.filter((r) => posters.has(r.community.platform));
    // Resent runs are already ours; the rest are claimed now (another process may win some).
    const won = [
      ...ours.flatMap((run) => (run.runId === undefined ? [] : [{ run, runId: run.runId }])),
      ...(await claimRuns(deps, ours.filter((r) => r.runId === undefined))),
    ];
    for (const { run, runId } of won) enqueue(run, runId);
    opts.metrics?.run('claimed', won.length);
    return { due: runs.length, claimed: won.length };
  }

  /**
   * Review nudges and escalations: each claimed in the store before it is sent,
   * so it goes out once whichever process claims it. A failed send is logged,
   * not retried later: the claim already says it was due.
   */
  async function notices(now: Date): Promise<number> {
    let claimed = 0;
    for (const n of await dueReviewNotices(deps, now)) {
      const poster = posters.get(n.community.platform);
      if (!poster || !(await claimReviewNotice(deps, n))) continue;
      claimed++;
      enqueueNotice(poster, n);
    }
    return claimed;
  }

  function enqueueNotice(poster: Poster, n: DueNotice): void {
    const where = { job: `review-${n.kind}`, group: n.group.id, submission: n.submission.id };
    const community = n.community.externalId;
    queue.push({
      lane: `${poster.platform}:${community}:review:${n.submission.id}`,
      spacingMs: poster.channelIntervalMs,
      send: async () => {
        const ids: string[] = [];
        for (const [i, m] of (await noticeMessages(deps, n)).entries()) {
          const opts = { nonce: `cohort-review-${n.kind}-${n.submission.id}-${i}` };
          const sent = 'userId' in m.to ? await poster.dm({ communityId: community, userId: m.to.userId }, m.reply, opts) : await poster.post({ communityId: community, channelId: m.to.channelId }, m.reply, opts);
          ids.push(sent.messageId);
        }
        return ids;
      },
      retryable: (err) => !(err instanceof DeliveryError) || err.kind === 'transient',
      sent: async (ids) => log.info({ ...where, messageIds: ids }, 'review notice sent'),
      failed: async (err) => log.warn({ err, ...where }, 'review notice failed'),
    });
  }

  const tick = async (): Promise<TickReport> => {
    const now = deps.clock.now();
    if (!isSaneInstant(now)) {
      log.warn({ clock: now.getTime() }, 'the clock is outside the supported years; this tick is skipped');
      return { due: 0, claimed: 0 };
    }
    const report = await claimAndEnqueue(await dueRuns(deps, now));
    return { ...report, notices: await notices(now) };
  };
  const adopt = async (): Promise<TickReport> => {
    await renewClaims(deps, mine);
    const orphans = (await unfinishedRuns(deps)).filter((r) => !mine.has(r.runId!));
    if (orphans.length) log.info({ runs: orphans.map((r) => r.runId) }, 'resending posts a stopped process left unfinished');
    return claimAndEnqueue(orphans);
  };

  return {
    tick,
    async catchUp() {
      for (const m of await recordMissedRuns(deps)) {
        opts.metrics?.run('missed', m.dates.length);
        log.warn({ group: m.group.id, channel: m.group.channelId, job: m.job, dates: m.dates }, 'missed while the bot was down; not posted late');
      }
      const again = await adopt();
      const now = await tick();
      if (now.claimed) log.info({ posts: now.claimed }, 'caught up: posts still due today are being sent');
      return { due: again.due + now.due, claimed: again.claimed + now.claimed };
    },
    idle: () => queue.onIdle(),
    adopt,
    start() {
      // A store that fails for a moment must not crash the bot: say so, and try again next time.
      let adopting = false;
      leases = setInterval(() => {
        if (adopting) return;
        adopting = true;
        adopt()
          .catch((err: unknown) => log.error({ err }, 'renewing and adopting scheduled posts failed'))
          .finally(() => (adopting = false));
      }, RENEW_EVERY_MS);
      leases.unref();
      // noOverlap: a slow tick is skipped rather than run twice at once.
      task = cron.schedule('* * * * *', () => tick().catch((err: unknown) => log.error({ err }, 'scheduler tick failed')), { noOverlap: true, name: 'cohort-tick' });
    },
    async stop(timeoutMs = 10_000) {
      await task?.stop();
      clearInterval(leases);
      queue.close();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        queue.onIdle().then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) log.warn({ pending: queue.pending }, 'stopped with sends still in flight; another process, or this one at its next start, resends them once their lease runs out');
    },
  };
}

/** The post's content could not be built (e.g. the group's roadmap was removed): retrying will not help. */
class ContentUnavailable extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ContentUnavailable';
  }
}

async function build(deps: Deps, run: DueRun): Promise<{ reply: Reply; userId?: string }> {
  switch (run.job) {
    case 'daily':
      return { reply: await dailyPost(deps, run.group, run.localDate) };
    case 'weekly':
      return { reply: await weeklyPost(deps, run.group, run.localDate) };
    case 'reminder':
      return reminderPost(deps, run.group, run.memberId);
  }
}
