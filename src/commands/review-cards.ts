// The submission's post, as mentors see it in the review channel: the work,
// the task's numbered criteria, the previous round, the saved replies, a
// status line, and the review buttons while it waits. The same card is
// posted on submission and edited in place whenever it is claimed, released,
// decided or withdrawn.
import { findGroup } from '../db/queries/groups.ts';
import { findSubmission, roundOf, type SubmissionWithPeople } from '../db/queries/submissions.ts';
import type { CommunityRow, GroupRow, MemberRow } from '../db/types.ts';
import { postFor } from '../domain/posts.ts';
import { activeClaim } from '../domain/claims.ts';
import { numbersOf } from '../domain/criteria.ts';
import type { Deps } from '../domain/deps.ts';
import { mentorsOf } from '../domain/groups.ts';
import { snippetsOf } from '../domain/snippets.ts';
import { reviewThreadKey } from '../domain/threads.ts';
import { shortTime } from '../domain/time.ts';
import { mention } from './cards.ts';
import type { Button, Reply } from './types.ts';

/** Thread names are short on every platform (Discord: 100 characters). */
export const reviewThreadTitle = (taskId: string, learner: string) => `Review · ${taskId} · ${learner}`.slice(0, 100);

export const submissionPostKey = (id: number) => `submission:${id}`;

export const reviewThread = (s: SubmissionWithPeople) => ({ key: reviewThreadKey(s.submission), title: reviewThreadTitle(s.submission.challengeId, s.author.displayName) });

/** Where the group's reviews are posted, for replies that belong with them (the shell shows it; platforms follow the thread). */
export const inReviewChannel = (group: GroupRow): Pick<Reply, 'channelId'> => (group.reviewChannelId ? { channelId: group.reviewChannelId } : {});

/** Whether the learner can read the review thread: not when reviews go to a channel of their own. */
export const threadIsLearners = (group: GroupRow) => group.reviewChannelId === null || group.reviewChannelId === group.channelId;

function statusLine(s: SubmissionWithPeople, group: GroupRow, now: number): string {
  const sub = s.submission;
  const when = (ms: number | null) => (ms === null ? '' : ` · ${shortTime(ms, group.timezone)}`);
  const marks = [numbersOf(sub.criteriaMet).length ? `criteria met: ${sub.criteriaMet}` : '', numbersOf(sub.criteriaMissed).length ? `missed: ${sub.criteriaMissed}` : '']
    .filter(Boolean)
    .join(' · ');
  switch (sub.status) {
    case 'approved':
      return `✅ Approved by ${s.reviewer?.displayName ?? 'a mentor'}${when(sub.decidedAt)}${marks ? ` · ${marks}` : ''}`;
    case 'changes_requested':
      return `✏️ Changes requested by ${s.reviewer?.displayName ?? 'a mentor'}${when(sub.decidedAt)}${marks ? ` · ${marks}` : ''}`;
    case 'withdrawn':
      return `↩️ Withdrawn by ${s.author.displayName}${when(sub.decidedAt)}`;
    case 'pending': {
      const held = activeClaim(s, now);
      if (held) return `🔒 Claimed by ${held.by.displayName}${when(sub.claimedUntil! - group.claimMinutes * 60_000)} · until ${shortTime(held.until, group.timezone)}`;
      return `⏳ Waiting for a mentor since ${shortTime(sub.createdAt, group.timezone)}`;
    }
  }
}

export interface SubmissionCardInput {
  found: SubmissionWithPeople;
  group: GroupRow;
  mentors: MemberRow[];
  /** The task's title and criteria, when the roadmap still has it. */
  task: { title: string; criteria: readonly string[] } | undefined;
  previous: SubmissionWithPeople | undefined;
  /** 1 for a first submission, 2 for its first resubmission, … */
  round: number;
  /** A link to the previous round's post, where the platform has one. */
  previousLink?: string | undefined;
  snippetNames: string[];
  now: number;
}

export function submissionCard(input: SubmissionCardInput): Reply {
  const { found, group, mentors, task, previous, round, previousLink, snippetNames, now } = input;
  const sub = found.submission;
  const id = sub.id;
  const pending = sub.status === 'pending';
  const held = activeClaim(found, now);
  const criteria = task?.criteria ?? [];
  const previousLine = previous
    ? `\n\n↩️ **Round ${round}** — follows ${previousLink ? `[#${previous.submission.id}](${previousLink})` : `#${previous.submission.id}`}` +
      (previous.submission.status === 'changes_requested'
        ? `, where ${previous.reviewer?.displayName ?? 'a mentor'} asked: ${excerpt(previous.submission.feedback ?? '', 200)}`
        : '')
    : '';
  const buttons: Button[] = pending
    ? [
        { label: 'Claim', command: `/review claim ${id}`, style: 'primary' },
        { label: 'Approve', command: `/review approve ${id}`, style: 'success' },
        {
          label: 'Request changes',
          command: `/review changes ${id}`,
          style: 'danger',
          ask: { title: `Changes for #${id}`, label: 'What should change?', placeholder: snippetNames.length ? `:${snippetNames[0]}: expands a saved reply` : 'met:1,2 missed:3 marks criteria' },
        },
        ...(held ? [{ label: 'Release', command: `/review release ${id}`, onlyFor: held.by.userId }] : []),
      ]
    : [];
  return {
    visibility: 'public',
    tone: pending ? 'info' : sub.status === 'approved' ? 'success' : 'warning',
    title: `${sub.previousId ? 'Resubmission' : 'Submission'} #${id} · ${sub.challengeId}`,
    text:
      `${mention(found.author.userId)} handed in **${task?.title ?? sub.challengeId}**:\n> ${sub.content.replace(/\n/g, '\n> ')}` +
      (criteria.length ? `\n\n**Criteria:**\n${criteria.map((c, i) => `${i + 1}. ${c}`).join('\n')}` : '') +
      previousLine,
    fields: [
      { name: 'Status', value: statusLine(found, group, now) },
      ...(pending
        ? [
            { name: 'Mentors', value: mentors.length ? mentors.map((m) => mention(m.userId)).join(' ') : 'none yet — an admin can add one with `/group mentor add @member`' },
            ...(snippetNames.length ? [{ name: 'Saved replies', value: snippetNames.map((n) => `:${n}:`).join(' ') }] : []),
          ]
        : []),
    ],
    ...inReviewChannel(group),
    footer: pending ? `Claim it first, then /review approve ${id} [met:1,2] [feedback] · /review changes ${id} <feedback>` : undefined,
    buttons,
  };
}

const excerpt = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * A link that opens a remembered post. Discord's message links are built from
 * ids alone; Slack's need the workspace's domain, so there the previous round
 * is named by number (it sits above, in the same thread).
 */
function postLink(community: CommunityRow, post: { channelId: string; messageId: string } | undefined): string | undefined {
  if (!post || community.platform !== 'discord') return undefined;
  return `https://discord.com/channels/${community.externalId}/${post.channelId}/${post.messageId}`;
}

/** Everything the card shows, read from the store as it is now. */
export async function loadSubmissionCard(deps: Deps, community: CommunityRow, id: number): Promise<Reply | undefined> {
  const communityId = community.id;
  const found = await findSubmission(deps.db, communityId, id);
  if (!found) return undefined;
  const group = (await findGroup(deps.db, communityId, found.submission.groupId))!;
  const roadmapTask = deps.roadmaps.get(group.roadmapId)?.challenge(found.submission.challengeId);
  const previous = found.submission.previousId ? await findSubmission(deps.db, communityId, found.submission.previousId) : undefined;
  const round = previous ? await roundOf(deps.db, found.submission) : 1;
  return submissionCard({
    found,
    group,
    mentors: (await mentorsOf(deps, group)).filter((m) => m.id !== found.author.id),
    task: roadmapTask?.type === 'task' ? { title: roadmapTask.topic.title, criteria: roadmapTask.criteria } : undefined,
    previous,
    round,
    previousLink: previous && postLink(community, await postFor(deps, communityId, submissionPostKey(previous.submission.id))),
    snippetNames: (await snippetsOf(deps, group)).map((s) => s.name),
    now: deps.clock.now().getTime(),
  });
}

/** The post edited in place to show the submission as it is now. */
export async function postEdit(deps: Deps, community: CommunityRow, id: number): Promise<Reply[]> {
  const card = await loadSubmissionCard(deps, community, id);
  return card ? [{ ...card, notify: [], edit: { key: submissionPostKey(id) } }] : [];
}

/**
 * Tells the learner about their work: in the review thread, mentioning them,
 * when they can read it; by direct message when reviews go to a channel they can't see.
 */
export function toLearner(group: GroupRow, s: SubmissionWithPeople, reply: Omit<Reply, 'visibility'>): Reply {
  if (threadIsLearners(group)) return { ...reply, visibility: 'public', notify: [s.author.userId], thread: reviewThread(s), ...inReviewChannel(group) };
  return { ...reply, visibility: 'private', directTo: s.author.userId };
}
