// The shell has no picture to show, so a reply's card is written as a PNG
// file (named by its content, so the same card is one file) and its path is
// printed with the reply.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drawPicture } from '../../commands/pictures.ts';
import type { Picture, Reply } from '../../commands/types.ts';

export const DEFAULT_CARDS_DIR = './data/cards';

/** Writes the picture under `dir` and returns its path. */
export async function savePicture(dir: string, picture: Picture): Promise<string> {
  await mkdir(dir, { recursive: true });
  const hash = createHash('sha256').update(picture.png).digest('hex').slice(0, 12);
  const path = join(dir, `${picture.name.replace(/\.png$/, '')}-${hash}.png`);
  await writeFile(path, picture.png);
  return path;
}

/** Draws a reply's card if it has one and writes it; its path, or nothing. The shell waits for the picture: one reader, no race to win. */
export async function saveReplyPicture(dir: string, image: Reply['image']): Promise<string | undefined> {
  const picture = await drawPicture(image);
  return picture && savePicture(dir, picture);
}
