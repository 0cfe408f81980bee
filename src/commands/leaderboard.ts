// /leaderboard — the group ranked by points in a period, or by streak.
import { mentorLeaderboard } from '../domain/mentor-standing.ts';
import { leaderboard, type Period, type RankBy } from '../domain/points.ts';
import { rankMovement } from '../domain/movement.ts';
import { channelGroup } from './context.ts';
import { leaderboardPicture } from './pictures.ts';
import { SHARE_OPTION, shareButton, shareOnce } from './share.ts';
import type { Command, Reply } from './types.ts';

const MEDALS = ['🥇', '🥈', '🥉'];
const PERIOD_TITLE: Record<Period, string> = { week: 'this week', month: 'this month', all: 'all time' };
const MOVEMENT_SINCE: Record<Period, string> = { week: 'Places moved since last week', month: 'Places moved since last month', all: 'Places moved since this week began' };

export default {
  name: 'leaderboard',
  description: "The group's ranking by points or streak",
  access: 'everyone',
  options: [
    { name: 'period', description: 'week, month or all (default week); or mentors', type: 'choice', choices: ['week', 'month', 'all', 'mentors'] },
    { name: 'by', description: 'points, streak or mentors (default points)', type: 'choice', choices: ['points', 'streak', 'mentors'] },
    SHARE_OPTION,
  ],
  // Only to you, with a Share button that posts this board in the channel once a day (see share.ts).
  run: async (ctx, args) => {
    const group = await channelGroup(ctx);
    const sharing = args.string('share') === 'yes';
    const commandLine = `/leaderboard ${args.string('period') ?? ''} ${args.string('by') ?? ''}`.replace(/\s+/g, ' ').trim();
    const answer = (reply: Reply, what: string): Promise<Reply> | Reply =>
      sharing
        ? shareOnce(ctx, group, `leaderboard:${args.string('period') ?? ''}:${args.string('by') ?? ''}`, what, reply)
        : { ...reply, visibility: 'private', buttons: [shareButton(commandLine)] };
    // `/leaderboard mentors` and `/leaderboard month mentors` both rank the mentors.
    if (args.string('period') === 'mentors' || args.string('by') === 'mentors') {
      const period = (args.string('period') === 'mentors' ? 'all' : (args.string('period') ?? 'all')) as Period;
      const board = await mentorLeaderboard(ctx.deps, group, period);
      return answer({
        visibility: 'public' as const,
        tone: 'info' as const,
        title: `Mentor standings · ${PERIOD_TITLE[period]}`,
        text: board.length
          ? board.slice(0, 10).map((m) => `${MEDALS[m.rank - 1] ?? `**${m.rank}.**`} ${m.name} — ${m.points} pts · ${m.reviews} review${m.reviews === 1 ? '' : 's'}`).join('\n')
          : 'No reviews yet. Mentors earn points for every review: `/review queue`.',
        footer: 'Mentor points come from reviews only and never count on the learners’ board',
      }, 'the mentor standings');
    }
    const period = (args.string('period') ?? 'week') as Period;
    const by = (args.string('by') ?? 'points') as RankBy;
    // A board shared with everyone has no "you" row: it would name whoever pressed Share.
    const board = await leaderboard(ctx.deps, group, period, by, sharing ? 0 : ctx.member.id);
    const unit = (v: number) => (by === 'points' ? `${v} pts` : `${v} day${v === 1 ? '' : 's'}`);
    const line = (s: (typeof board.top)[number]) => `${MEDALS[s.rank - 1] ?? `**${s.rank}.**`} ${s.name} — ${unit(s.value)}`;
    const lines = board.top.map(line);
    const title = by === 'points' ? `Leaderboard · points ${PERIOD_TITLE[period]}` : 'Leaderboard · current streaks';
    // Drawn after the answer is out (see Reply.image).
    const image = async () =>
      leaderboardPicture(
        group,
        board,
        await rankMovement(ctx.deps, group, period, by, board),
        { title, subtitle: by === 'points' ? MOVEMENT_SINCE[period] : 'Days in a row, as they stand today', by },
        ctx.log,
        'attached',
      );
    if (board.you) lines.push('…', `${line(board.you)} (you)`);
    return answer({
      visibility: 'public',
      tone: 'info',
      title,
      ...(group.cards && { image }),
      text: lines.length ? lines.join('\n') : by === 'points' ? `No points ${PERIOD_TITLE[period]} yet. Answer \`/challenge today\` to get on the board!` : 'No streaks running yet.',
      footer: `${board.entrants} ranked · ties go to whoever got there first` + (by === 'streak' && args.string('period') ? ' · streaks are ranked as they stand today' : ''),
    }, 'this leaderboard');
  },
} satisfies Command;
