// Drawing helpers every card shares: a canvas with the theme's background,
// text that never overflows its box, rounded rectangles, and the PNG encode
// (asynchronous: the work runs off the event loop).
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ensureFonts } from './fonts.ts';
import { font, SPACE, type Theme, TYPE } from './theme.ts';

export type Ctx = SKRSContext2D;

export function startCard(width: number, height: number, theme: Theme): { canvas: Canvas; ctx: Ctx } {
  ensureFonts();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'alphabetic';
  return { canvas, ctx };
}

export function encode(canvas: Canvas): Promise<Buffer> {
  return canvas.encode('png');
}

export function roundRect(ctx: Ctx, x: number, y: number, w: number, h: number, r: number, fill: string): void {
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, Math.min(r, w / 2, h / 2));
  ctx.fill();
}

/** Text cut with an ellipsis to fit `maxWidth`. */
export function fitText(ctx: Ctx, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${text.slice(0, mid).trimEnd()}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

export function text(
  ctx: Ctx,
  value: string,
  x: number,
  y: number,
  opts: { style: readonly [number, number]; color: string; maxWidth?: number; align?: 'left' | 'right' | 'center' },
): number {
  ctx.font = font(opts.style);
  ctx.fillStyle = opts.color;
  ctx.textAlign = opts.align ?? 'left';
  const shown = opts.maxWidth === undefined ? value : fitText(ctx, value, opts.maxWidth);
  ctx.fillText(shown, x, y);
  return ctx.measureText(shown).width;
}

/** The small "Cohort" mark in a corner, so a shared picture says where it came from. */
export function brand(ctx: Ctx, width: number, height: number, theme: Theme): void {
  text(ctx, 'Cohort', width - SPACE * 3, height - SPACE * 2, { style: TYPE.small, color: theme.muted, align: 'right' });
}

