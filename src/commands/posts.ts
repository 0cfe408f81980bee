// What the scheduler posts: the daily challenge with yesterday's results, the
// weekly leaderboard, and a member's streak reminder. Platform-neutral, like
// every command reply.
import { findMember } from '../db/queries/communities.ts';
import { previousDaily, solvers } from '../db/queries/challenges.ts';
import type { GroupRow } from '../db/types.ts';
import { todaysChallenge } from '../domain/challenges.ts';
import type { Deps } from '../domain/deps.ts';
import { lastWeek } from '../domain/points.ts';
import { streakOf, streakStandings } from '../domain/streaks.ts';
import { groupRoadmap } from '../domain/groups.ts';
import { weeklyRecap } from '../domain/recap.ts';
import { challengeCard, mention } from './cards.ts';
import { recapPicture } from './pictures.ts';
import type { Reply } from './types.ts';

const MEDALS = ['🥇', '🥈', '🥉'];
const place = (rank: number) => MEDALS[rank - 1] ?? `${rank}.`;

async function streakLeaders(deps: Deps, group: GroupRow, count = 3): Promise<string> {
  const top = (await streakStandings(deps, group)).slice(0, count);
  return top.length ? top.map((s, i) => `${place(i + 1)} ${s.member.displayName} — ${s.streak.current} day${s.streak.current === 1 ? '' : 's'}`).join('\n') : 'No streaks running yet.';
}

export async function dailyPost(deps: Deps, group: GroupRow, date: string): Promise<Reply> {
  const card = challengeCard((await todaysChallenge(deps, group)).challenge, date);
  const yesterday = await previousDaily(deps.db, group, date);
  const fields = [...(card.fields ?? [])];
  if (yesterday) {
    const solved = await solvers(deps.db, group, yesterday.id);
    fields.push({
      name: `Solved ${yesterday.localDate}`,
      value: solved.length ? `${solved.slice(0, 15).map((s) => s.name).join(', ')}${solved.length > 15 ? ` and ${solved.length - 15} more` : ''}` : 'Nobody yet — today is a fresh start!',
    });
  }
  fields.push({ name: 'Streak leaders', value: await streakLeaders(deps, group) });
  return { ...card, fields };
}

export async function weeklyPost(deps: Deps, group: GroupRow, monday: string): Promise<Reply> {
  const board = await lastWeek(deps, group, monday);
  // The week's recap card rides on the Monday post; the text below is its fallback.
  const image = group.cards ? await recapPicture(group, groupRoadmap(deps, group).title, await weeklyRecap(deps, group, monday)) : undefined;
  return {
    ...(image && { image }),
    visibility: 'public',
    tone: 'info',
    title: 'Last week’s leaderboard',
    text: board.top.length ? board.top.map((s) => `${place(s.rank)} ${s.name} — ${s.value} pts`).join('\n') : 'No points last week. This week is yours: `/challenge today`.',
    fields: [{ name: 'Streak leaders', value: await streakLeaders(deps, group) }],
    footer: `${board.entrants} member${board.entrants === 1 ? '' : 's'} earned points · /leaderboard for this week`,
  };
}

export async function reminderPost(deps: Deps, group: GroupRow, memberId: number): Promise<{ userId: string; reply: Reply }> {
  const member = (await findMember(deps.db, group.communityId, memberId))!;
  const s = await streakOf(deps, group, memberId);
  const challenge = (await todaysChallenge(deps, group)).challenge;
  const freezes =
    s.freezes > 0
      ? `You have ${s.freezes} freeze${s.freezes > 1 ? 's' : ''} banked: miss today and one covers it.`
      : 'No freezes banked, so missing today ends it.';
  return {
    userId: member.userId,
    reply: {
      visibility: 'private',
      tone: 'warning',
      title: `🔥 Keep your ${s.current}-day streak`,
      text:
        `${mention(member.userId)}, you haven't been active in <#${group.channelId}> today. ` +
        `Today's challenge is on **${challenge.topic.title}**: \`/challenge today\` there. ${freezes}`,
      footer: 'Turn these off with /remind off, or pick your time with /remind time HH:MM',
    },
  };
}
