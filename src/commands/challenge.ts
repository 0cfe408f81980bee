// /challenge — the group's daily challenge: see it, answer it, hand in tasks.
import { answerChallenge, submitTask, todaysChallenge } from '../domain/challenges.ts';
import { mentorsOf } from '../domain/groups.ts';
import { reviewThreadKey } from '../domain/threads.ts';
import { localDate } from '../domain/time.ts';
import { challengeCard, mention, streakLine } from './cards.ts';
import { channelGroup } from './context.ts';
import type { Command, Reply } from './types.ts';

/** Thread names are short on every platform (Discord: 100 characters). */
export const reviewThreadTitle = (taskId: string, learner: string) => `Review · ${taskId} · ${learner}`.slice(0, 100);

export default {
  name: 'challenge',
  description: "Today's challenge: answer quizzes, hand in tasks",
  subcommands: [
    {
      name: 'today',
      description: "Show this group's challenge for today",
      access: 'everyone',
      options: [],
      run: async (ctx) => {
        const group = await channelGroup(ctx);
        const { challenge } = await todaysChallenge(ctx.deps, group);
        return challengeCard(challenge, localDate(ctx.deps.clock.now(), group.timezone));
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
          };
        }
        return {
          visibility: 'private',
          tone: 'warning',
          title: 'Not quite',
          text: `You answered ${r.grade.given}; the answer is **${r.grade.expected}**.\n\n${explanation}`,
          footer: 'No points this time — a new challenge comes tomorrow.',
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
        const forMentors: Reply = {
          visibility: 'public',
          tone: 'info',
          title: `${r.resubmission ? 'Resubmission' : 'Submission'} #${id} · ${r.task.id}`,
          text:
            `${mention(ctx.member.userId)} handed in **${r.task.topic.title}**:\n> ${r.submission.content.replace(/\n/g, '\n> ')}\n\n` +
            `**Check:**\n${r.task.criteria.map((c) => `• ${c}`).join('\n')}`,
          fields: [{ name: 'Mentors', value: mentors.length ? mentors.map((m) => mention(m.userId)).join(' ') : 'none yet — an admin can add one with `/group mentor add @member`' }],
          footer: `Review: /review approve ${id} [feedback] · /review changes ${id} <feedback>`,
          buttons: [
            { label: 'Approve', command: `/review approve ${id}`, style: 'success' },
            { label: 'Request changes', command: `/review changes ${id}`, style: 'danger', ask: { title: `Changes for #${id}`, label: 'What should change?' } },
          ],
          notify: mentors.map((m) => m.userId),
          thread: { key: reviewThreadKey(r.submission), title: reviewThreadTitle(r.task.id, ctx.member.displayName) },
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
  ],
} satisfies Command;
