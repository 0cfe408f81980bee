// The README's example cards: `tsx bench/card-examples.ts` seeds the
// realistic group (bench/card-group.ts) through the real commands, runs the
// commands that show each card, and writes the pictures into docs/.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drawPicture } from '../src/commands/pictures.ts';
import { weeklyPost } from '../src/commands/posts.ts';
import type { Reply } from '../src/commands/types.ts';
import { MEMBERS, seedCardGroup } from './card-group.ts';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));

const g = await seedCardGroup();
try {
  const write = async (file: string, reply: Reply | undefined) => {
    const image = await drawPicture(reply?.image);
    if (!image) throw new Error(`no card for ${file}: ${reply?.text ?? 'no reply'}`);
    writeFileSync(`${DOCS}${file}`, image.png);
    console.log(`docs/${file}  ${(image.png.length / 1024).toFixed(0)} KB  — ${image.alt}`);
  };
  const [amara, , priya] = MEMBERS as [string, string, string];
  await write('card-progress.png', (await g.say(priya, '/roadmap card'))[0]);
  await write('card-heatmap.png', (await g.say(amara, '/streak heatmap'))[0]);
  await write('card-leaderboard.png', (await g.say(MEMBERS.at(-1)!, '/leaderboard month'))[0]);
  await write('card-recap.png', await weeklyPost(g.app.deps, g.group, '2026-06-01'));
  await write('card-certificate.png', g.certificate);
  await g.say('admin', '/group setup theme:dark');
  await write('card-heatmap-dark.png', (await g.say(amara, '/streak heatmap'))[0]);
} finally {
  await g.close();
}
