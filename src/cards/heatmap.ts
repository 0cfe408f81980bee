// The streak heatmap: the last 52 weeks in the group's time zone, GitHub
// style — one square per local day, Monday at the top, coloured by how many
// qualifying activities the day had; days a freeze covered in their own
// colour. Month labels above, current and longest streak below.
import type { Heatmap } from '../domain/heatmap.ts';
import { plural } from './words.ts';
import { brand, encode, roundRect, startCard, text } from './draw.ts';
import { SPACE, type Theme, TYPE } from './theme.ts';

export interface HeatmapCardInput extends Heatmap {
  name: string;
}

const CELL = 13;
const GAP = 3;
const GRID = { x: SPACE * 4 + 40, y: 118 } as const;
export const HEATMAP_SIZE = { width: GRID.x + 52 * (CELL + GAP) - GAP + SPACE * 4, height: 404 } as const;

/** Where day `index` (0 = the first Monday shown) is drawn: tests read its colour there. */
export function heatmapCell(index: number): { x: number; y: number; size: number } {
  return { x: GRID.x + Math.floor(index / 7) * (CELL + GAP), y: GRID.y + (index % 7) * (CELL + GAP), size: CELL };
}

/** The shade for a day's activity count: 0, 1, 2, 3, then 4 or more. */
export const heatLevel = (count: number) => Math.min(4, Math.max(0, count));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export async function heatmapCard(h: HeatmapCardInput, theme: Theme): Promise<Buffer> {
  const { width, height } = HEATMAP_SIZE;
  const { canvas, ctx } = startCard(width, height, theme);
  const left = SPACE * 4;
  const right = width - SPACE * 4;
  text(ctx, h.name, left, 56, { style: TYPE.title, color: theme.text, maxWidth: right - left - 300 });
  text(ctx, `${plural(h.activeDays, 'active day')} in the last year`, right, 56, { style: TYPE.body, color: theme.muted, align: 'right' });

  // Month labels over the first column that starts in a new month.
  let lastMonth = -1;
  for (let col = 0; col * 7 < h.days.length; col++) {
    const month = Number(h.days[col * 7]!.date.slice(5, 7)) - 1;
    if (month !== lastMonth) {
      // The first column's month is only named when there is room before the next label.
      if (col > 0 || Number(h.days[0]!.date.slice(8, 10)) <= 14) text(ctx, MONTHS[month]!, heatmapCell(col * 7).x, GRID.y - 12, { style: TYPE.small, color: theme.muted });
      lastMonth = month;
    }
  }
  for (const [row, label] of [[0, 'Mon'], [2, 'Wed'], [4, 'Fri']] as const) {
    text(ctx, label, left, GRID.y + row * (CELL + GAP) + CELL - 2, { style: TYPE.small, color: theme.muted });
  }
  h.days.forEach((d, i) => {
    const c = heatmapCell(i);
    roundRect(ctx, c.x, c.y, c.size, c.size, 3, d.frozen ? theme.frozen : theme.heat[heatLevel(d.count)]!);
  });

  // Legend: less … more, and the freeze colour.
  const legendY = GRID.y + 7 * (CELL + GAP) + 18;
  let x = right;
  const legend = (label: string, color: string) => {
    x -= ctx.measureText(label).width;
    text(ctx, label, x, legendY + CELL - 2, { style: TYPE.small, color: theme.muted });
    x -= CELL + 6;
    roundRect(ctx, x, legendY, CELL, CELL, 3, color);
    x -= SPACE * 3;
  };
  ctx.font = `400 ${TYPE.small[1]}px Inter`;
  legend('freeze', theme.frozen);
  x -= ctx.measureText('More').width;
  text(ctx, 'More', x, legendY + CELL - 2, { style: TYPE.small, color: theme.muted });
  x -= SPACE;
  for (let level = 4; level >= 0; level--) {
    x -= CELL + GAP;
    roundRect(ctx, x, legendY, CELL, CELL, 3, theme.heat[level]!);
  }
  ctx.font = `400 ${TYPE.small[1]}px Inter`;
  x -= ctx.measureText('Less').width + 6;
  text(ctx, 'Less', x, legendY + CELL - 2, { style: TYPE.small, color: theme.muted });

  const statsY = legendY + 40;
  const stats: [string, string][] = [
    ['Current streak', plural(h.current, 'day')],
    ['Longest streak', plural(h.longest, 'day')],
    ['Freezes used', String(h.days.filter((d) => d.frozen).length)],
    ['Freezes banked', String(h.freezes)],
  ];
  const boxW = (right - left - SPACE * 2 * 3) / 4;
  stats.forEach(([label, value], i) => {
    const bx = left + i * (boxW + SPACE * 2);
    roundRect(ctx, bx, statsY, boxW, 70, 12, theme.surface);
    text(ctx, label, bx + SPACE * 2, statsY + 26, { style: TYPE.small, color: theme.muted });
    text(ctx, value, bx + SPACE * 2, statsY + 56, { style: TYPE.heading, color: theme.text });
  });
  text(ctx, `Days in ${h.timezone}`, left, height - SPACE * 2, { style: TYPE.small, color: theme.muted });
  brand(ctx, width, height, theme);
  return encode(canvas);
}
