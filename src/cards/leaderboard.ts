// The leaderboard card: the top 10 for the period and metric, each with a bar
// for its value and its rank movement since the last period, and the asker's
// own row under them when they are outside the top 10.
import { unit } from './words.ts';
import { brand, encode, roundRect, startCard, text, type Ctx } from './draw.ts';
import { SPACE, type Theme, TYPE } from './theme.ts';

export interface LeaderboardCardRow {
  rank: number;
  name: string;
  value: number;
  /** Places gained (+) or lost (−) since the last period; null when not ranked then; absent when not compared (streaks). */
  movement?: number | null;
  you?: boolean;
}

export interface LeaderboardCardInput {
  title: string;
  subtitle: string;
  by: 'points' | 'streak';
  rows: readonly LeaderboardCardRow[];
  /** The asker's row when it is outside `rows`. */
  you: LeaderboardCardRow | null;
  entrants: number;
}

const WIDTH = 820;
const TOP = 112;
const ROW = 46;
const YOU_GAP = 28;
const NAME_X = SPACE * 4 + 56;
const BAR_X = 380;
const BAR_MAX = 250;

export function leaderboardSize(input: LeaderboardCardInput): { width: number; height: number } {
  return { width: WIDTH, height: TOP + Math.max(1, input.rows.length) * ROW + (input.you ? YOU_GAP + ROW : 0) + SPACE * 6 };
}

/** The value bar of row `i` (the asker's own row is `rows.length`): tests measure its fill. */
export function leaderboardBar(input: LeaderboardCardInput, i: number): { x: number; y: number; maxWidth: number; height: number } {
  const y = TOP + i * ROW + (i >= input.rows.length ? YOU_GAP : 0);
  return { x: BAR_X, y: y + 14, maxWidth: BAR_MAX, height: 16 };
}


function triangle(ctx: Ctx, x: number, y: number, up: boolean, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  if (up) {
    ctx.moveTo(x, y + 5);
    ctx.lineTo(x + 6, y - 5);
    ctx.lineTo(x + 12, y + 5);
  } else {
    ctx.moveTo(x, y - 5);
    ctx.lineTo(x + 6, y + 5);
    ctx.lineTo(x + 12, y - 5);
  }
  ctx.closePath();
  ctx.fill();
}

export async function leaderboardCard(input: LeaderboardCardInput, theme: Theme): Promise<Buffer> {
  const { width, height } = leaderboardSize(input);
  const { canvas, ctx } = startCard(width, height, theme);
  const left = SPACE * 4;
  const right = width - SPACE * 4;
  text(ctx, input.title, left, 56, { style: TYPE.title, color: theme.text, maxWidth: right - left });
  text(ctx, input.subtitle, left, 88, { style: TYPE.body, color: theme.muted, maxWidth: right - left - 140 });
  text(ctx, `${input.entrants} ranked`, right, 88, { style: TYPE.body, color: theme.muted, align: 'right' });

  if (input.rows.length === 0) {
    text(ctx, 'Nobody on the board yet.', left, TOP + 30, { style: TYPE.heading, color: theme.muted });
  }
  const best = Math.max(1, ...input.rows.map((r) => r.value), input.you?.value ?? 0);
  const medal = [theme.gold, theme.silver, theme.bronze];
  const drawRow = (r: LeaderboardCardRow, i: number) => {
    const bar = leaderboardBar(input, i);
    const top = bar.y - 14;
    if (r.you) roundRect(ctx, left - SPACE, top, right - left + SPACE * 2, ROW - 6, 10, theme.surface);
    const mid = top + ROW / 2 - 3;
    if (r.rank <= 3) {
      ctx.beginPath();
      ctx.fillStyle = medal[r.rank - 1]!;
      ctx.arc(left + 16, mid, 15, 0, Math.PI * 2);
      ctx.fill();
      text(ctx, String(r.rank), left + 16, mid + 6, { style: TYPE.body, color: '#ffffff', align: 'center' });
    } else {
      text(ctx, String(r.rank), left + 16, mid + 6, { style: TYPE.body, color: theme.muted, align: 'center' });
    }
    text(ctx, r.name, NAME_X, mid + 6, { style: r.you ? TYPE.heading : [500, 18], color: theme.text, maxWidth: BAR_X - NAME_X - SPACE * 2 });
    roundRect(ctx, bar.x, bar.y, bar.maxWidth, bar.height, 8, theme.ahead);
    const w = Math.round((bar.maxWidth * r.value) / best);
    if (w > 0) roundRect(ctx, bar.x, bar.y, Math.max(w, bar.height), bar.height, 8, r.you ? theme.current : theme.done);
    text(ctx, unit(input.by, r.value), bar.x + bar.maxWidth + SPACE * 2, mid + 6, { style: TYPE.body, color: theme.text });
    // Movement since the last period, right-aligned.
    const m = r.movement;
    if (m === undefined) return;
    if (m === null) text(ctx, 'new', right, mid + 6, { style: TYPE.small, color: theme.accent, align: 'right' });
    else if (m === 0) text(ctx, '–', right, mid + 6, { style: TYPE.body, color: theme.muted, align: 'right' });
    else {
      const label = String(Math.abs(m));
      const wLabel = text(ctx, label, right, mid + 6, { style: TYPE.body, color: m > 0 ? theme.up : theme.down, align: 'right' });
      triangle(ctx, right - wLabel - 18, mid, m > 0, m > 0 ? theme.up : theme.down);
    }
  };
  input.rows.forEach((r, i) => drawRow(r, i));
  if (input.you) {
    text(ctx, '…', left + 16, TOP + input.rows.length * ROW + 16, { style: TYPE.body, color: theme.muted, align: 'center' });
    drawRow({ ...input.you, you: true }, input.rows.length);
  }
  brand(ctx, width, height, theme);
  return encode(canvas);
}
