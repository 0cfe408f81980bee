// /review — mentors work through submitted tasks: the queue, claims,
// decisions with criteria and saved replies, snippets, and review figures.
// The rules live in the domain (reviews.ts, claims.ts, snippets.ts,
// mentor-standing.ts); this file turns them into replies.
import { claim, claimLine, release } from '../domain/claims.ts';
import { numbersOf } from '../domain/criteria.ts';
import { reviewStats, type ReviewFigures } from '../domain/mentor-standing.ts';
import { claimNext, decide, reviewQueue, type DecisionResult, type QueueFilter } from '../domain/reviews.ts';
import { addSnippet, removeSnippet, requireMentorOrAdmin, snippetsOf } from '../domain/snippets.ts';
import { shortTime, spokenDuration } from '../domain/time.ts';
import { UserError } from '../domain/errors.ts';
import { mention } from './cards.ts';
import { maybeReviewGroup, reviewGroup } from './context.ts';
import { inReviewChannel, loadSubmissionCard, postEdit, reviewThread, toLearner } from './review-cards.ts';
import type { Command, CommandContext, Reply } from './types.ts';

/** The post a decision makes in the review thread: the same from chat and from the web dashboard. */
export function decisionReply(r: DecisionResult, reviewerName: string, kind: 'approve' | 'changes'): Reply {
  const id = r.submission.id;
  const author = r.author;
  const note = r.submission.feedback ? `\n> ${r.submission.feedback.replace(/\n/g, '\n> ')}` : '';
  const criteria = r.task?.type === 'task' ? r.task.criteria : [];
  const met = numbersOf(r.submission.criteriaMet);
  const missed = numbersOf(r.submission.criteriaMissed);
  const marks = [...met.map((n) => `✅ ${n}. ${criteria[n - 1] ?? ''}`), ...missed.map((n) => `❌ ${n}. ${criteria[n - 1] ?? ''}`)].join('\n');
  const marked = marks ? `\n${marks}` : '';
  // The outcome goes to the review thread, where the learner and other mentors follow it.
  const outcome: Reply =
    kind === 'approve'
      ? {
          visibility: 'public',
          tone: 'success',
          text:
            `✅ ${mention(author.userId)}, your submission #${id} (${r.submission.challengeId}) was approved by ${reviewerName}` +
            (r.points ? ` — +${r.points} points!` : '.') +
            marked +
            note,
          notify: [author.userId],
          thread: reviewThread(r),
          ...inReviewChannel(r.group),
        }
      : {
          visibility: 'public',
          tone: 'warning',
          text:
            `✏️ ${mention(author.userId)}, ${reviewerName} asked for changes on submission #${id} (${r.submission.challengeId}):${marked}${note}\n` +
            `Resubmit when ready: \`/challenge submit task:${r.submission.challengeId} <link or text>\``,
          notify: [author.userId],
          thread: reviewThread(r),
          ...inReviewChannel(r.group),
        };
  return outcome;
}

async function decision(ctx: CommandContext, id: number, kind: 'approve' | 'changes', feedback: string | undefined): Promise<Reply[]> {
  const r = await decide(ctx.deps, ctx.community.id, ctx.member, id, kind, feedback);
  const outcome = decisionReply(r, ctx.member.displayName, kind);
  const replies: Reply[] = [outcome, ...(await postEdit(ctx.deps, ctx.community, id))];
  // When the thread is in a channel the learner can't see, the outcome reaches them by DM too.
  const dm = toLearner(r.group, r, { tone: outcome.tone, text: outcome.text?.replace(/^(✅|✏️) <@[^>]+>, /, '$1 ') });
  if (dm.directTo) replies.push(dm);
  return replies;
}

async function claimed(ctx: CommandContext, r: Awaited<ReturnType<typeof claim>>, showWork: boolean): Promise<Reply[]> {
  const now = ctx.deps.clock.now().getTime();
  const id = r.found.submission.id;
  const until = shortTime(r.claim.until, r.group.timezone);
  const mine: Reply = {
    visibility: 'private',
    tone: 'success',
    title: showWork ? `Next up: #${id} · ${r.found.submission.challengeId} by ${r.found.author.displayName}` : undefined,
    text:
      (showWork ? `> ${r.found.submission.content.replace(/\n/g, '\n> ')}\n` : '') +
      `🔒 #${id} is yours until ${until} (${claimLine(r.claim, now).replace(/^claimed by [^,]+, /, '')}). ` +
      `Decide with \`/review approve ${id}\` or \`/review changes ${id} <feedback>\`; \`/review release ${id}\` hands it back.`,
  };
  const replies: Reply[] = [mine, ...(await postEdit(ctx.deps, ctx.community, id))];
  // Extending one's own claim is not news for the learner.
  if (!r.extended) replies.push(toLearner(r.group, r.found, { tone: 'info', text: `👀 ${ctx.member.displayName} is reviewing your submission #${id} (${r.found.submission.challengeId}) now.` }));
  return replies;
}

const FILTERS = ['mine', 'unclaimed', 'all'] as const;

function figuresLine(f: ReviewFigures): string {
  const d = (ms: number | null) => (ms === null ? '—' : spokenDuration(ms));
  return `${f.week} this week · ${f.month} this month · first review ${d(f.medianFirstReviewMs)} · decision ${d(f.medianDecisionMs)} (medians) · longest wait now ${d(f.longestWaitMs)}`;
}

const idOption = { name: 'id', description: 'Submission number, e.g. 12', type: 'integer', required: true } as const;

export default {
  name: 'review',
  description: 'Mentors: review submitted tasks',
  subcommands: [
    {
      name: 'queue',
      description: 'Waiting work, oldest first, with waiting time and who holds it',
      access: 'everyone',
      options: [
        { name: 'filter', description: 'mine, unclaimed or all (default all)', type: 'choice', choices: FILTERS },
        { name: 'task', description: 'Only this task', type: 'string', autocomplete: 'task' },
      ],
      run: async (ctx, args): Promise<Reply> => {
        const group = await maybeReviewGroup(ctx);
        const filter = (args.string('filter') ?? 'all') as QueueFilter;
        const pending = await reviewQueue(ctx.deps, ctx.community.id, ctx.member, group, filter, args.string('task'));
        const now = ctx.deps.clock.now().getTime();
        const state = (p: (typeof pending)[number]) => (p.claim ? (p.claim.by.id === ctx.member.id ? `🔒 yours, ${claimLine(p.claim, now).replace(/^claimed by [^,]+, /, '')}` : `🔒 ${claimLine(p.claim, now)}`) : '🟢 unclaimed');
        return {
          visibility: 'private',
          tone: 'info',
          title: `Review queue${filter === 'all' ? '' : ` · ${filter}`} · ${pending.length} waiting`,
          text: pending.length
            ? pending
                .slice(0, 20)
                .map((p) => `**#${p.submission.id}** ${p.submission.challengeId} by ${p.author.displayName} · waiting ${spokenDuration(p.waitingMs)} · ${state(p)}\n> ${p.submission.content.slice(0, 200)}`)
                .join('\n') + (pending.length > 20 ? `\n…and ${pending.length - 20} more` : '')
            : 'Nothing waiting. 🎉',
          footer: pending.length ? '/review next claims the oldest unclaimed · /review claim <id> · /review approve <id> [met:1,2] [feedback] · /review changes <id> <feedback>' : undefined,
        };
      },
    },
    {
      name: 'next',
      description: 'Claim the oldest unclaimed submission and show it',
      access: 'everyone',
      options: [],
      run: async (ctx): Promise<Reply[]> => {
        const r = await claimNext(ctx.deps, ctx.community.id, ctx.member, await maybeReviewGroup(ctx));
        if (!r) return [{ visibility: 'private', tone: 'info', text: 'Nothing unclaimed is waiting. 🎉 `/review queue` shows what others hold.' }];
        const replies = await claimed(ctx, r, true);
        const card = await loadSubmissionCard(ctx.deps, ctx.community, r.found.submission.id);
        return card ? [...replies, { ...card, visibility: 'private', notify: [] }] : replies;
      },
    },
    {
      name: 'claim',
      description: 'Claim a submission so nobody else reviews it meanwhile',
      access: 'everyone',
      options: [idOption],
      run: async (ctx, args) => claimed(ctx, await claim(ctx.deps, ctx.community.id, ctx.member, args.integer('id')!), false),
    },
    {
      name: 'release',
      description: 'Give back a submission you claimed',
      access: 'everyone',
      options: [idOption],
      run: async (ctx, args): Promise<Reply[]> => {
        const r = await release(ctx.deps, ctx.community.id, ctx.member, args.integer('id')!);
        return [{ visibility: 'private', tone: 'info', text: `Released #${r.found.submission.id}; another mentor can claim it.` }, ...(await postEdit(ctx.deps, ctx.community, r.found.submission.id))];
      },
    },
    {
      name: 'approve',
      description: 'Approve a submission (awards its points); met:1,2 missed:3 marks criteria',
      access: 'everyone',
      options: [idOption, { name: 'feedback', description: 'A note for the learner', type: 'string', rest: true }],
      run: async (ctx, args) => decision(ctx, args.integer('id')!, 'approve', args.string('feedback')),
    },
    {
      name: 'changes',
      description: 'Ask for changes, saying what to change (:name: inserts a saved reply)',
      access: 'everyone',
      options: [idOption, { name: 'feedback', description: 'What the learner should change', type: 'string', required: true, rest: true }],
      run: async (ctx, args) => decision(ctx, args.integer('id')!, 'changes', args.string('feedback')),
    },
    {
      name: 'snippet',
      description: "The group's saved replies: add <name> <text>, list, remove <name>",
      access: 'everyone',
      options: [
        { name: 'action', description: 'add, list or remove', type: 'choice', choices: ['add', 'list', 'remove'], required: true },
        { name: 'name', description: 'A short name, used as :name: in feedback', type: 'string' },
        { name: 'text', description: 'The reply to save', type: 'string', rest: true },
      ],
      run: async (ctx, args): Promise<Reply> => {
        const group = await reviewGroup(ctx);
        const action = args.string('action');
        const name = args.string('name');
        if (action === 'list') {
          const all = await snippetsOf(ctx.deps, group);
          return {
            visibility: 'private',
            tone: 'info',
            title: `Saved replies · ${all.length}`,
            text: all.length ? all.map((s) => `**:${s.name}:** ${s.text.length > 200 ? `${s.text.slice(0, 199)}…` : s.text}`).join('\n') : 'None yet. Add one: `/review snippet add readme Please add a README that says how to run it.`',
            footer: 'Write :name: in feedback and it expands to the text',
          };
        }
        if (!name) throw new UserError('snippet.needsName', `Say which: \`/review snippet ${action} <name>${action === 'add' ? ' <text>' : ''}\`.`);
        if (action === 'remove') {
          await removeSnippet(ctx.deps, group, ctx.member, ctx.isAdmin, name);
          return { visibility: 'private', tone: 'success', text: `Removed the saved reply :${name.replace(/^:|:$/g, '').toLowerCase()}:.` };
        }
        const saved = await addSnippet(ctx.deps, group, ctx.member, ctx.isAdmin, name, args.string('text') ?? '');
        return { visibility: 'private', tone: 'success', text: `${saved.replaced ? 'Replaced' : 'Saved'} :${saved.name}: — write it in feedback and it expands.` };
      },
    },
    {
      name: 'stats',
      description: 'Review figures for the group and each mentor',
      access: 'everyone',
      options: [],
      run: async (ctx): Promise<Reply> => {
        const group = await reviewGroup(ctx);
        await requireMentorOrAdmin(ctx.deps, group, ctx.member, ctx.isAdmin, 'see review figures');
        const stats = await reviewStats(ctx.deps, group);
        return {
          visibility: 'private',
          tone: 'info',
          title: 'Review stats',
          text: `**Group:** ${figuresLine(stats.group)}`,
          fields: stats.mentors.map((m) => ({ name: m.member.displayName, value: figuresLine(m.figures) })),
          footer: 'Weeks start Monday, months on the 1st, in the group’s zone · reviews = decisions',
        };
      },
    },
  ],
} satisfies Command;
