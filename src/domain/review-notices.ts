// Nothing goes stale: work waiting past the group's review-nudge (default
// 24 h) nudges its mentors, and past review-escalate (default 72 h) reaches
// the admins. Each is due once per submission and threshold; the scheduler
// claims it in the store (a unique key) before sending, so two processes
// never both send it. Work a mentor holds right now is not nudged: it is
// being reviewed, and is nudged later if the claim lapses.
import { claimNotice, claimedNotices, type NoticeKind } from '../db/queries/review-notices.ts';
import { allGroups, type CommunityRef } from '../db/queries/schedule.ts';
import { allPending } from '../db/queries/submissions.ts';
import type { GroupRow, SubmissionRow } from '../db/types.ts';
import type { Deps } from './deps.ts';

export type { NoticeKind };

export interface DueNotice {
  kind: NoticeKind;
  submission: SubmissionRow;
  group: GroupRow;
  community: CommunityRef;
  waitedMs: number;
}

const HOUR = 3_600_000;

export async function dueReviewNotices(deps: Deps, now: Date = deps.clock.now()): Promise<DueNotice[]> {
  const pending = await allPending(deps.db);
  if (pending.length === 0) return [];
  const at = now.getTime();
  const groups = new Map((await allGroups(deps.db)).map((g) => [g.group.id, g]));
  const done = await claimedNotices(deps.db);
  const due: DueNotice[] = [];
  for (const submission of pending) {
    const g = groups.get(submission.groupId);
    if (!g) continue;
    const held = submission.claimedBy !== null && (submission.claimedUntil ?? 0) > at;
    const waitedMs = at - submission.createdAt;
    if (held) continue;
    const thresholds: [NoticeKind, number][] = [
      ['nudge', g.group.reviewNudgeHours],
      ['escalate', g.group.reviewEscalateHours],
    ];
    for (const [kind, hours] of thresholds) {
      if (waitedMs >= hours * HOUR && !done.has(`${submission.id}:${kind}`)) due.push({ kind, submission, group: g.group, community: g.community, waitedMs });
    }
  }
  return due;
}

/** Claims a due notice before it is sent; false when another process (or an earlier tick) has it. */
export function claimReviewNotice(deps: Deps, n: DueNotice): Promise<boolean> {
  return claimNotice(deps.db, { communityId: n.group.communityId, groupId: n.group.id, submissionId: n.submission.id, kind: n.kind, at: deps.clock.now().getTime() });
}
