// The weekly recap, attached to the Monday leaderboard post: the group's
// week in figures — active members, challenges solved, correct rate, topics
// done, reviews given — and the week's top three and top climbers.
import type { WeeklyRecap } from '../domain/recap.ts';
import { plural } from './words.ts';
import { brand, encode, roundRect, startCard, text } from './draw.ts';
import { SPACE, type Theme, TYPE } from './theme.ts';

/** The domain's week in figures, plus the roadmap's title: the card draws exactly what the recap computed. */
export type RecapCardInput = Readonly<WeeklyRecap> & { roadmap: string };

export const RECAP_SIZE = { width: 900, height: 470 } as const;

export async function recapCard(r: RecapCardInput, theme: Theme): Promise<Buffer> {
  const { width, height } = RECAP_SIZE;
  const { canvas, ctx } = startCard(width, height, theme);
  const left = SPACE * 4;
  const right = width - SPACE * 4;
  text(ctx, 'Weekly recap', left, 56, { style: TYPE.title, color: theme.text });
  text(ctx, `${r.from} – ${r.to}`, right, 56, { style: TYPE.body, color: theme.muted, align: 'right' });
  text(ctx, `${r.roadmap}  ·  ${plural(r.members, 'member')}`, left, 88, { style: TYPE.body, color: theme.muted, maxWidth: right - left });

  const figures: [string, string][] = [
    ['Active members', `${r.activeMembers} of ${r.members}`],
    ['Challenges solved', String(r.solved)],
    ['Correct rate', r.correctRate === null ? '–' : `${r.correctRate}%`],
    ['Topics done', String(r.topicsDone)],
    ['Reviews given', String(r.reviewsGiven)],
  ];
  const gap = SPACE * 2;
  const boxW = (right - left - gap * (figures.length - 1)) / figures.length;
  figures.forEach(([label, value], i) => {
    const x = left + i * (boxW + gap);
    roundRect(ctx, x, 116, boxW, 96, 12, theme.surface);
    text(ctx, value, x + SPACE * 2, 164, { style: [700, 30], color: theme.accent, maxWidth: boxW - SPACE * 4 });
    text(ctx, label, x + SPACE * 2, 194, { style: TYPE.small, color: theme.muted, maxWidth: boxW - SPACE * 4 });
  });

  const colW = (right - left - gap) / 2;
  const listY = 252;
  text(ctx, 'Top of the week', left, listY, { style: TYPE.heading, color: theme.text });
  text(ctx, 'Top climbers', left + colW + gap, listY, { style: TYPE.heading, color: theme.text });
  const medal = [theme.gold, theme.silver, theme.bronze];
  if (r.top.length === 0) text(ctx, 'No points this week.', left, listY + 44, { style: TYPE.body, color: theme.muted });
  r.top.slice(0, 3).forEach((t, i) => {
    const y = listY + 44 + i * 44;
    ctx.beginPath();
    ctx.fillStyle = medal[i]!;
    ctx.arc(left + 14, y - 6, 13, 0, Math.PI * 2);
    ctx.fill();
    text(ctx, String(t.rank), left + 14, y, { style: TYPE.small, color: '#ffffff', align: 'center' });
    text(ctx, t.name, left + 40, y, { style: TYPE.body, color: theme.text, maxWidth: colW - 150 });
    text(ctx, `${t.points} pts`, left + colW - SPACE, y, { style: TYPE.body, color: theme.muted, align: 'right' });
  });
  const cx = left + colW + gap;
  if (r.climbers.length === 0) text(ctx, 'Nobody moved up this week.', cx, listY + 44, { style: TYPE.body, color: theme.muted });
  r.climbers.slice(0, 3).forEach((c, i) => {
    const y = listY + 44 + i * 44;
    ctx.fillStyle = theme.up;
    ctx.beginPath();
    ctx.moveTo(cx, y);
    ctx.lineTo(cx + 7, y - 11);
    ctx.lineTo(cx + 14, y);
    ctx.closePath();
    ctx.fill();
    text(ctx, c.name, cx + 26, y, { style: TYPE.body, color: theme.text, maxWidth: colW - 150 });
    text(ctx, `up ${plural(c.movement, 'place')}`, right, y, { style: TYPE.body, color: theme.up, align: 'right' });
  });
  brand(ctx, width, height, theme);
  return encode(canvas);
}
