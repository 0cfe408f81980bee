// /review — mentors work through submitted tasks.
import { decide, reviewQueue, type Decision, type DecisionResult } from '../domain/reviews.ts';
import { reviewThreadKey } from '../domain/threads.ts';
import { reviewThreadTitle } from './challenge.ts';
import { mention } from './cards.ts';
import { maybeChannelGroup } from './context.ts';
import type { Command, CommandContext, Reply } from './types.ts';

const ageOf = (ms: number) => {
  const h = Math.floor(ms / 3_600_000);
  return h >= 48 ? `${Math.floor(h / 24)} days ago` : h >= 1 ? `${h} h ago` : `${Math.max(1, Math.floor(ms / 60_000))} min ago`;
};

async function decision(ctx: CommandContext, id: number, kind: 'approve' | 'changes', feedback: string | undefined): Promise<Reply> {
  return decisionReply(await decide(ctx.deps, ctx.community.id, ctx.member, id, kind, feedback), ctx.member.displayName, kind);
}

/** The post a decision makes in the review thread: the same from chat and from the web dashboard. */
export function decisionReply(r: DecisionResult, reviewerName: string, kind: Decision): Reply {
  const id = r.submission.id;
  const author = r.author;
  const note = r.submission.feedback ? `\n> ${r.submission.feedback.replace(/\n/g, '\n> ')}` : '';
  // The outcome goes to the review thread, where the learner and other mentors follow it.
  const thread = { key: reviewThreadKey(r.submission), title: reviewThreadTitle(r.submission.challengeId, author.displayName) };
  if (kind === 'approve') {
    return {
      visibility: 'public',
      tone: 'success',
      text: `✅ ${mention(author.userId)}, your submission #${id} (${r.submission.challengeId}) was approved by ${reviewerName}` +
        (r.points ? ` — +${r.points} points!` : '.') + note,
      notify: [author.userId],
      thread,
    };
  }
  return {
    visibility: 'public',
    tone: 'warning',
    text: `✏️ ${mention(author.userId)}, ${reviewerName} asked for changes on submission #${id} (${r.submission.challengeId}):${note}\n` +
      `Resubmit when ready: \`/challenge submit task:${r.submission.challengeId} <link or text>\``,
    notify: [author.userId],
    thread,
  };
}

export default {
  name: 'review',
  description: 'Mentors: review submitted tasks',
  subcommands: [
    {
      name: 'queue',
      description: 'Submissions waiting for review, oldest first',
      access: 'everyone',
      options: [],
      run: async (ctx): Promise<Reply> => {
        const group = await maybeChannelGroup(ctx);
        const pending = await reviewQueue(ctx.deps, ctx.community.id, ctx.member, group);
        const now = ctx.deps.clock.now().getTime();
        return {
          visibility: 'private',
          tone: 'info',
          title: `Review queue · ${pending.length} waiting`,
          text: pending.length
            ? pending
                .slice(0, 20)
                .map((p) => `**#${p.submission.id}** ${p.submission.challengeId} by ${p.author.displayName} · ${ageOf(now - p.submission.createdAt)}\n> ${p.submission.content.slice(0, 200)}`)
                .join('\n') + (pending.length > 20 ? `\n…and ${pending.length - 20} more` : '')
            : 'Nothing waiting. 🎉',
          footer: pending.length ? '/review approve <id> [feedback] · /review changes <id> <feedback>' : undefined,
        };
      },
    },
    {
      name: 'approve',
      description: 'Approve a submission (awards its points)',
      access: 'everyone',
      options: [
        { name: 'id', description: 'Submission number, e.g. 12', type: 'integer', required: true },
        { name: 'feedback', description: 'A note for the learner', type: 'string', rest: true },
      ],
      run: async (ctx, args) => decision(ctx, args.integer('id')!, 'approve', args.string('feedback')),
    },
    {
      name: 'changes',
      description: 'Ask for changes, saying what to change',
      access: 'everyone',
      options: [
        { name: 'id', description: 'Submission number, e.g. 12', type: 'integer', required: true },
        { name: 'feedback', description: 'What the learner should change', type: 'string', required: true, rest: true },
      ],
      run: async (ctx, args) => decision(ctx, args.integer('id')!, 'changes', args.string('feedback')),
    },
  ],
} satisfies Command;
