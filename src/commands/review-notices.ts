// What the scheduler sends about waiting work: the nudge to the group's
// mentors (in the review channel), the learner's private "still in line",
// and the escalation to the admins. Platform-neutral, like every reply.
import { findMember } from '../db/queries/communities.ts';
import type { Deps } from '../domain/deps.ts';
import { mentorsOf } from '../domain/groups.ts';
import type { DueNotice } from '../domain/review-notices.ts';
import { spokenDuration } from '../domain/time.ts';
import { mention } from './cards.ts';
import type { Reply } from './types.ts';

export interface NoticeMessage {
  /** A post in this channel, or a DM to this user. */
  to: { channelId: string } | { userId: string };
  reply: Reply;
}

export async function noticeMessages(deps: Deps, n: DueNotice): Promise<NoticeMessage[]> {
  const s = n.submission;
  const { group } = n;
  const author = (await findMember(deps.db, group.communityId, s.memberId))!;
  const waited = spokenDuration(n.waitedMs);
  const what = `#${s.id} (${s.challengeId} by ${author.displayName})`;
  if (n.kind === 'nudge') {
    const mentors = (await mentorsOf(deps, group)).filter((m) => m.id !== author.id);
    return [
      {
        to: { channelId: group.reviewChannelId ?? group.channelId },
        reply: {
          visibility: 'public',
          tone: 'warning',
          title: `⏰ Waiting ${waited}: submission ${what}`,
          text: `${mentors.length ? mentors.map((m) => mention(m.userId)).join(' ') : 'Mentors'}, this one has waited ${waited}. Claim it with \`/review claim ${s.id}\`, or take the oldest with \`/review next\`.`,
          notify: mentors.map((m) => m.userId),
          buttons: [{ label: 'Claim', command: `/review claim ${s.id}`, style: 'primary' }],
        },
      },
      {
        to: { userId: author.userId },
        reply: {
          visibility: 'private',
          tone: 'info',
          text: `📬 Your submission #${s.id} for **${s.challengeId}** is still in line — it has waited ${waited}, and the mentors were reminded. No need to submit again; \`/challenge withdraw ${s.id}\` takes it back.`,
        },
      },
    ];
  }
  const admin = group.adminMemberId !== null ? await findMember(deps.db, group.communityId, group.adminMemberId) : undefined;
  const reply: Reply = {
    visibility: admin ? 'private' : 'public',
    tone: 'error',
    title: `⚠️ Unreviewed for ${waited}: submission ${what}`,
    text:
      `Nobody has reviewed ${author.displayName}'s work in <#${group.channelId}> for ${waited}. ` +
      'Add mentors with `/group mentor add @member`, or ask the mentors to run `/review next`. `/review stats` shows how reviews are going.',
  };
  // Escalations reach the admin who set the group up; without one known, the group's channel, addressed to admins.
  return [admin ? { to: { userId: admin.userId }, reply } : { to: { channelId: group.channelId }, reply: { ...reply, text: `For the admins: ${reply.text}` } }];
}
