// Reading a rendered card back: decode the PNG and look at its pixels, so a
// test checks what a person would see rather than comparing golden files.
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface Pixels {
  width: number;
  height: number;
  /** The colour at (x, y) as "#rrggbb". */
  at(x: number, y: number): string;
}

export async function readPng(png: Buffer): Promise<Pixels> {
  expect8(png);
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return {
    width: image.width,
    height: image.height,
    at(x, y) {
      const i = (Math.round(y) * image.width + Math.round(x)) * 4;
      return `#${hex(data[i]!)}${hex(data[i + 1]!)}${hex(data[i + 2]!)}`;
    },
  };
}

function expect8(png: Buffer): void {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
}

/** How many pixels of row `y`, from `x0` for `width` pixels, have `color`. */
export function countInRow(p: Pixels, y: number, x0: number, width: number, color: string): number {
  let n = 0;
  for (let x = x0; x < x0 + width; x++) if (p.at(x, y) === color) n++;
  return n;
}
