// The shell has no picture to show, so a reply's card is written as a PNG
// file (named by its content, so the same card is one file) and its path is
// printed with the reply.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Picture } from '../../commands/types.ts';

export const DEFAULT_CARDS_DIR = './data/cards';

/** Writes the picture under `dir` and returns its path. */
export async function savePicture(dir: string, picture: Picture): Promise<string> {
  await mkdir(dir, { recursive: true });
  const hash = createHash('sha256').update(picture.png).digest('hex').slice(0, 12);
  const path = join(dir, `${picture.name.replace(/\.png$/, '')}-${hash}.png`);
  await writeFile(path, picture.png);
  return path;
}
