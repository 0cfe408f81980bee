// Profiles Cohort (`node --cpu-prof dist/main.js`) answering one command
// many times against the fake Discord, then prints the hottest functions by
// self time, and by total time for Cohort's own files. For finding where an
// interaction's time goes: npx tsx bench/e2e/profile.ts streak
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord } from '../../test/fakes/discord/index.ts';
import { startChild } from './processes.ts';
import { seedStore } from './seed.ts';

const [name = 'streak', subcommand] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'cohort-prof-'));
const fake = await FakeDiscord.start({ guilds: [{ name: 'bench', owner: 'owner', channels: [{ name: 'study' }], members: [{ username: 'owner' }, ...Array.from({ length: 2000 }, (_, k) => ({ username: `l${k}` }))] }] });
const guild = [...fake.world.guilds.keys()][0]!;
const channel = fake.world.textChannel(guild, 'study').id;
const users = [...fake.world.users.values()].filter((u) => u.username.startsWith('l')).map((u) => u.id);
const { rightAnswer } = await seedStore({ path: join(dir, 'c.db'), platform: 'discord', study: { community: guild, channel, members: users.map((id) => ({ id, name: fake.world.users.get(id)!.global_name ?? fake.world.users.get(id)!.username })) }, fanOut: [] });
const child = startChild(['--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist/main.js'], { DATABASE_PATH: join(dir, 'c.db'), LOG_LEVEL: 'info', DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.world.application.id, DISCORD_API_URL: fake.restUrl });
await child.line('Cohort is running');
for (let k = 0; k < 2000; k++) {
  const sent = fake.sendCommand({ name, ...(subcommand && { subcommand }), ...(name === 'challenge' && { options: { answer: rightAnswer } }), guildId: guild, channel, user: users[k]! });
  await fake.waitForCallback(sent, { timeoutMs: 10_000 });
  if (k % 500 === 499) (fake.requests as unknown[]).length = 0;
}
await child.stop();
await fake.close();

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] }
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const total = prof.samples.length;
const self = new Map<string, number>();
for (const n of prof.nodes) {
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/main\//, '')}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + n.hitCount);
}
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 35);
console.log(`samples: ${total}`);
for (const [k, v] of top) console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
// Inclusive time of Cohort's own functions.
const incl = new Map<string, number>();
const walk = (id: number, stack: Set<string>): number => {
  const n = byId.get(id)!;
  let sum = n.hitCount;
  const key = n.callFrame.url.includes('/dist/') ? `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/dist\//, '')}:${n.callFrame.lineNumber}` : '';
  const fresh = key && !stack.has(key);
  if (fresh) stack.add(key);
  for (const c of n.children ?? []) sum += walk(c, stack);
  if (fresh) {
    stack.delete(key);
    incl.set(key, (incl.get(key) ?? 0) + sum);
  }
  return sum;
};
walk(prof.nodes[0]!.id, new Set());
console.log('\nCohort functions, inclusive:');
for (const [k, v] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
