// /challenge — the group's daily challenge: see it, answer it, hand in tasks.
import { answerChallenge, submitTask, todaysChallenge } from '../domain/challenges.ts';
import { mentorsOf } from '../domain/groups.ts';
import { withdraw } from '../domain/reviews.ts';
import { reviewThreadKey } from '../domain/threads.ts';
import { localDate } from '../domain/time.ts';
import { challengeCard, streakLine } from './cards.ts';
import { channelGroup } from './context.ts';
import { loadSubmissionCard, postEdit, reviewThread, reviewThreadTitle, submissionPostKey } from './review-cards.ts';
import { SHARE_OPTION, shareButton, shareOnce } from './share.ts';
import type { Command, Reply } from './types.ts';

export { reviewThreadTitle };

export default {
  name: 'challenge',
  description: "Today's challenge: answer quizzes, hand in tasks",
  subcommands: [
    {
      name: 'today',
      description: "Show this group's challenge for today",
      access: 'everyone',
      options: [SHARE_OPTION],
      // Only to you, with a Share button: the daily post already showed the channel (see share.ts).
      run: async (ctx, args) => {
        const group = await channelGroup(ctx);
        const { challenge } = await todaysChallenge(ctx.deps, group);
        const card = challengeCard(challenge, localDate(ctx.deps.clock.now(), group.timezone));
        if (args.string('share') === 'yes') return shareOnce(ctx, group, 'challenge', "today's challenge", card);
        return { ...card, visibility: 'private', buttons: [...(card.buttons ?? []), shareButton('/challenge today')] };
      },
    },
    {
      name: 'answer',
      description: "Answer today's quiz (one scored attempt)",
      access: 'everyone',
      options: [{ name: 'answer', description: 'Your answer: a letter, number or text', type: 'string', required: true, rest: true }],
      run: async (ctx, args): Promise<Reply> => {
        const r = await answerChallenge(ctx.deps, await channelGroup(ctx), ctx.member, args.string('answer')!);
        const explanation = r.challenge.explanation.trim();
        if (r.grade.correct) {
          return {
            visibility: 'private',
            tone: 'success',
            title: `Correct! +${r.points} points`,
            text: `${explanation}`,
            footer: r.streak ? streakLine(r.streak) : undefined,
            saved: r.saved,
          };
        }
        return {
          visibility: 'private',
          tone: 'warning',
          title: 'Not quite',
          text: `You answered ${r.grade.given}; the answer is **${r.grade.expected}**.\n\n${explanation}`,
          footer: 'No points this time — a new challenge comes tomorrow.',
          saved: r.saved,
        };
      },
    },
    {
      name: 'submit',
      description: 'Hand in a task for mentor review',
      access: 'everyone',
      options: [
        { name: 'work', description: 'A link to your work, or the text itself', type: 'string', required: true, rest: true },
        { name: 'task', description: "Task id (defaults to today's task or your stage's)", type: 'string', autocomplete: 'task' },
      ],
      run: async (ctx, args): Promise<Reply[]> => {
        const group = await channelGroup(ctx);
        const r = await submitTask(ctx.deps, group, ctx.member, args.string('work')!, args.string('task'));
        const mentors = (await mentorsOf(ctx.deps, group)).filter((m) => m.id !== ctx.member.id);
        const id = r.submission.id;
        const card = (await loadSubmissionCard(ctx.deps, ctx.community, id))!;
        const forMentors: Reply = {
          ...card,
          notify: mentors.map((m) => m.userId),
          thread: { key: reviewThreadKey(r.submission), title: reviewThreadTitle(r.task.id, ctx.member.displayName) },
          post: { key: submissionPostKey(id) },
          ...(group.reviewChannelId && { channelId: group.reviewChannelId }),
        };
        const forLearner: Reply = {
          visibility: 'private',
          tone: 'success',
          text: `📬 Submission #${id} for **${r.task.id}** is waiting for a mentor. You'll hear back in the review thread. ${streakLine(r.streak)}`,
        };
        return [forLearner, forMentors];
      },
    },
    {
      name: 'withdraw',
      description: 'Take back a submission still waiting for review',
      access: 'everyone',
      options: [{ name: 'id', description: 'Submission number, e.g. 12', type: 'integer', required: true }],
      run: async (ctx, args): Promise<Reply[]> => {
        const s = await withdraw(ctx.deps, ctx.community.id, ctx.member, args.integer('id')!);
        const id = s.submission.id;
        return [
          { visibility: 'private', tone: 'info', text: `↩️ Withdrew submission #${id} (${s.submission.challengeId}). Submit again whenever you're ready.` },
          { visibility: 'public', tone: 'info', text: `↩️ ${ctx.member.displayName} withdrew submission #${id}; nothing to review here.`, thread: reviewThread(s) },
          ...(await postEdit(ctx.deps, ctx.community, id)),
        ];
      },
    },
  ],
} satisfies Command;
