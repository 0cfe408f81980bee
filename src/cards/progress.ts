// The progress card: who, which roadmap and track, the stage-by-stage path
// (done, current, ahead), the percent with a bar, the next topic, the streak
// and the banked freezes.
import { plural } from './words.ts';
import { brand, encode, roundRect, startCard, text } from './draw.ts';
import { SPACE, type Theme, TYPE } from './theme.ts';

export interface ProgressCardInput {
  name: string;
  roadmap: string;
  track: string | null;
  stages: readonly { title: string; state: 'done' | 'current' | 'ahead' }[];
  percent: number;
  done: number;
  total: number;
  next: string | null;
  streak: number;
  freezes: number;
  maxFreezes: number;
}

export const PROGRESS_SIZE = { width: 900, height: 430 } as const;
/** Where the bar is drawn: tests measure its filled width against the percent. */
export const PROGRESS_BAR = { x: SPACE * 4, y: 132, width: PROGRESS_SIZE.width - SPACE * 8, height: 22 } as const;

export async function progressCard(p: ProgressCardInput, theme: Theme): Promise<Buffer> {
  const { width, height } = PROGRESS_SIZE;
  const { canvas, ctx } = startCard(width, height, theme);
  const left = SPACE * 4;
  const right = width - SPACE * 4;

  text(ctx, `${p.percent}%`, right, 64, { style: TYPE.figure, color: theme.accent, align: 'right' });
  text(ctx, p.name, left, 58, { style: TYPE.title, color: theme.text, maxWidth: right - left - 160 });
  text(ctx, [p.roadmap, p.track && `${p.track} track`].filter(Boolean).join('  ·  '), left, 92, { style: TYPE.body, color: theme.muted, maxWidth: right - left - 160 });
  text(ctx, `${p.done} of ${p.total} topics`, right, 92, { style: TYPE.body, color: theme.muted, align: 'right' });

  const bar = PROGRESS_BAR;
  roundRect(ctx, bar.x, bar.y, bar.width, bar.height, bar.height / 2, theme.ahead);
  const filled = Math.round((bar.width * Math.max(0, Math.min(100, p.percent))) / 100);
  if (filled > 0) roundRect(ctx, bar.x, bar.y, filled, bar.height, bar.height / 2, theme.done);

  // The path: one dot per stage on a line, done / current / ahead.
  const pathY = 212;
  const n = p.stages.length;
  const step = n > 1 ? (right - left - 24) / (n - 1) : 0;
  const xOf = (i: number) => (n > 1 ? left + 12 + i * step : width / 2);
  const current = p.stages.findIndex((s) => s.state === 'current');
  ctx.lineWidth = 4;
  ctx.strokeStyle = theme.ahead;
  ctx.beginPath();
  ctx.moveTo(xOf(0), pathY);
  ctx.lineTo(xOf(n - 1), pathY);
  ctx.stroke();
  const reached = current >= 0 ? current : n - 1;
  if (reached > 0) {
    ctx.strokeStyle = theme.done;
    ctx.beginPath();
    ctx.moveTo(xOf(0), pathY);
    ctx.lineTo(xOf(reached), pathY);
    ctx.stroke();
  }
  p.stages.forEach((s, i) => {
    const x = xOf(i);
    ctx.beginPath();
    if (s.state === 'current') {
      ctx.fillStyle = theme.background;
      ctx.arc(x, pathY, 13, 0, Math.PI * 2);
      ctx.fill();
      ctx.lineWidth = 4;
      ctx.strokeStyle = theme.current;
      ctx.stroke();
      ctx.beginPath();
      ctx.fillStyle = theme.current;
      ctx.arc(x, pathY, 6, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.fillStyle = s.state === 'done' ? theme.done : theme.ahead;
      ctx.arc(x, pathY, 8, 0, Math.PI * 2);
      ctx.fill();
    }
  });
  // Stage numbers at the ends and under the current stage, its title below.
  text(ctx, '1', xOf(0), pathY + 34, { style: TYPE.small, color: theme.muted, align: 'center' });
  if (n > 1) text(ctx, String(n), xOf(n - 1), pathY + 34, { style: TYPE.small, color: theme.muted, align: 'center' });
  const stageLine =
    current >= 0 ? `Stage ${current + 1} of ${n}: ${p.stages[current]!.title}` : `All ${n} stages done`;
  text(ctx, stageLine, left, pathY + 66, { style: TYPE.heading, color: theme.text, maxWidth: right - left });

  // Three facts along the bottom.
  const boxY = 318;
  const boxH = 76;
  const gap = SPACE * 2;
  const boxW = (right - left - gap * 2) / 3;
  const facts: [string, string][] = [
    ['Next topic', p.next ?? 'All done'],
    ['Streak', plural(p.streak, 'day')],
    ['Freezes', `${p.freezes} of ${p.maxFreezes} banked`],
  ];
  const widths = [boxW * 1.6, boxW * 0.7, boxW * 0.7];
  let x = left;
  facts.forEach(([label, value], i) => {
    const w = widths[i]!;
    roundRect(ctx, x, boxY, w, boxH, 12, theme.surface);
    text(ctx, label, x + SPACE * 2, boxY + 28, { style: TYPE.small, color: theme.muted });
    text(ctx, value, x + SPACE * 2, boxY + 58, { style: TYPE.heading, color: theme.text, maxWidth: w - SPACE * 4 });
    x += w + gap;
  });
  brand(ctx, width, height, theme);
  return encode(canvas);
}
