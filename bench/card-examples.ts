// The README's example cards: `tsx bench/card-examples.ts` seeds the
// realistic group (bench/card-group.ts) through the real commands, runs the
// commands that show each card, and writes the pictures into docs/.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { weeklyPost } from '../src/commands/posts.ts';
import type { Reply } from '../src/commands/types.ts';
import { MEMBERS, seedCardGroup } from './card-group.ts';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));

const g = await seedCardGroup();
try {
  const write = (file: string, reply: Reply | undefined) => {
    if (!reply?.image) throw new Error(`no card for ${file}: ${reply?.text ?? 'no reply'}`);
    writeFileSync(`${DOCS}${file}`, reply.image.png);
    console.log(`docs/${file}  ${(reply.image.png.length / 1024).toFixed(0)} KB  — ${reply.image.alt}`);
  };
  const [amara, , priya] = MEMBERS as [string, string, string];
  write('card-progress.png', (await g.say(priya, '/roadmap card'))[0]);
  write('card-heatmap.png', (await g.say(amara, '/streak heatmap'))[0]);
  write('card-leaderboard.png', (await g.say(MEMBERS.at(-1)!, '/leaderboard month'))[0]);
  write('card-recap.png', await weeklyPost(g.app.deps, g.group, '2026-06-01'));
  write('card-certificate.png', g.certificate);
  await g.say('admin', '/group setup theme:dark');
  write('card-heatmap-dark.png', (await g.say(amara, '/streak heatmap'))[0]);
} finally {
  await g.close();
}
