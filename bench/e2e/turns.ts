// Two Discord bots answering turn by turn: the same command goes to one, then
// the other, thousands of times, each against its own fake Discord. The
// machine's speed drifts over seconds, so blocks of 1,000 (bench:e2e) differ by
// up to ±0.3 from pair to pair; alternating every interaction cancels that
// drift, and two identical builds come out within 1–2% of each other. For
// deciding whether a change helps, and for how far Cohort is from the bare bot:
//
//   npx tsx bench/e2e/turns.ts <streak|progress|answer> [A] [B]
//
// A and B are a built entry (dist/main.js, the default for A; a copy of an
// older build, e.g. dist-old/main.js), with node options before it if any
// ("--max-semi-space-size=8 dist/main.js") and environment settings before
// those ("METRICS_PORT=19101 dist/main.js", as bench:e2e runs Cohort), or
// `bare` (the bare discord.js bot, the default for B). Needs `npm run build`
// first. BLOCK=500 sends 500 in a row to each instead of alternating every
// interaction; MIXED=1 warms both up on the three commands in turn. Each bot's
// CPU is also given by thread: the main thread's and the others' (V8's helpers,
// mostly the garbage collector), user and system time apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord, type GuildSeed } from '../../test/fakes/discord/index.ts';
import { median, percentile, startChild, threadsLine, untilQuiet } from './processes.ts';
import { seedStore } from './seed.ts';

const COMMANDS = {
  streak: { name: 'streak' },
  progress: { name: 'roadmap', subcommand: 'progress' },
  answer: { name: 'challenge', subcommand: 'answer' },
} as const;
const which = (process.argv[2] ?? 'answer') as keyof typeof COMMANDS;
if (!(which in COMMANDS)) throw new Error(`usage: tsx bench/e2e/turns.ts <${Object.keys(COMMANDS).join('|')}> [A] [B]`);
const entries = [process.argv[3] ?? 'dist/main.js', process.argv[4] ?? 'bare'];
const WARM_UP = 1_500;
const TURNS = 4_000;
/**
 * BLOCK=n sends n in a row to each bot in turn instead of one: bench:e2e's
 * blocks, where work a bot leaves after its answer meets its next interaction.
 * Each block ends, as bench:e2e's do, once its bot has been quiet for a second:
 * without that, Cohort drew its cards during the other bot's block.
 */
const BLOCK = Number(process.env.BLOCK ?? 1);
if (!Number.isInteger(TURNS / BLOCK)) throw new Error(`BLOCK must divide ${TURNS}, e.g. 500`);
const learners = WARM_UP + TURNS;

/** An entry's words: `NAME=value` ones are its environment, the rest node's arguments. */
function words(entry: string): { env: Record<string, string>; args: string[] } {
  const env: Record<string, string> = {};
  const args: string[] = [];
  for (const w of entry.split(' ').filter(Boolean)) {
    const setting = /^([A-Z_]+)=(.*)$/.exec(w);
    if (setting) env[setting[1]!] = setting[2]!;
    else args.push(w);
  }
  return { env, args };
}

const dir = mkdtempSync(join(tmpdir(), 'cohort-turns-'));
const world: GuildSeed[] = [{ name: 'bench', owner: 'owner', channels: [{ name: 'study' }], members: [{ username: 'owner' }, ...Array.from({ length: learners }, (_, k) => ({ username: `l${k}` }))] }];
// Both fakes exist before either bot starts: when each fake was made between the other bot's
// seeding and start, the second came out 10% slower for identical builds.
const fakes = [await FakeDiscord.start({ guilds: world }), await FakeDiscord.start({ guilds: world })];
const bots = await Promise.all(
  entries.map(async (entry, k) => {
    const fake = fakes[k]!;
    const guild = [...fake.world.guilds.keys()][0]!;
    const channel = fake.world.textChannel(guild, 'study').id;
    const users = [...fake.world.users.values()].filter((u) => u.username.startsWith('l')).map((u) => u.id);
    const db = join(dir, `${k}.db`);
    const { rightAnswer } = await seedStore({ path: db, platform: 'discord', study: { community: guild, channel, members: users.map((id) => ({ id, name: fake.world.users.get(id)!.username })) }, fanOut: [] });
    const settings = words(entry);
    const child =
      entry === 'bare'
        ? startChild(['bench/e2e/bare-discord.mjs'], { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restUrl })
        : startChild(settings.args, { ...settings.env, DATABASE_PATH: db, LOG_LEVEL: 'info', DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.world.application.id, DISCORD_API_URL: fake.restUrl });
    return { entry, fake, guild, channel, users, rightAnswer, child, turns: 0, times: [] as number[] };
  }),
);
try {
  await Promise.all(bots.map((b) => b.child.line('connected to Discord')));
  const turn = async (b: (typeof bots)[number], timed: boolean) => {
    const k = b.turns++;
    const t0 = performance.now();
    // MIXED=1: the warm-up sends the three commands in turn, as a bot in use gets them; the timed turns only `which`.
    const now = !timed && process.env.MIXED ? (Object.keys(COMMANDS) as (keyof typeof COMMANDS)[])[k % 3]! : which;
    // Each learner once, so every answer is someone's first of the day (a scored write).
    const sent = b.fake.sendCommand({ ...COMMANDS[now], ...(now === 'answer' && { options: { answer: b.rightAnswer } }), guildId: b.guild, channel: b.channel, user: b.users[k]! });
    await b.fake.waitForCallback(sent, { timeoutMs: 10_000 });
    if (timed) b.times.push(performance.now() - t0);
    // The fake's log grows with every answer and its waits scan it.
    if (k % 200 === 199) (b.fake.requests as unknown[]).length = 0;
  };
  for (let k = 0; k < WARM_UP; k++) for (const b of bots) await turn(b, false);
  const cpu0 = bots.map((b) => b.child.cpuMs());
  const threads0 = bots.map((b) => b.child.threadsCpuMs());
  // Which goes first alternates, so neither always runs straight after the other.
  // With BLOCK, each block's own CPU per interaction, per bot: whether a bot's cost drifts from block to block.
  const blockCpu = bots.map(() => [] as number[]);
  for (let k = 0; k < TURNS / BLOCK; k++) {
    for (const b of k % 2 ? [...bots].reverse() : bots) {
      const cpu = b.child.cpuMs();
      for (let j = 0; j < BLOCK; j++) await turn(b, true);
      blockCpu[bots.indexOf(b)]!.push((b.child.cpuMs() - cpu) / BLOCK);
      // As bench:e2e does: what a bot does once quiet (Cohort's cards) ends before the other's block.
      if (BLOCK > 1) await untilQuiet(b.fake, 1_000);
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  for (const [k, b] of bots.entries()) {
    const slow = b.times.filter((t) => t > 10);
    console.log(`${b.entry}: p50 ${median(b.times).toFixed(3)} ms, p90 ${percentile(b.times, 90).toFixed(3)} ms, ${(1000 / mean(b.times)).toFixed(0)}/s; own CPU ${((b.child.cpuMs() - cpu0[k]!) / TURNS).toFixed(3)} ms per interaction`);
    console.log(`  by thread, user + system ms per interaction: ${threadsLine(threads0[k]!, b.child.threadsCpuMs(), TURNS)}`);
    // Stalls (a checkpoint's fsync, a full collection) apart from the rest: they move the rate most.
    if (BLOCK > 1) console.log(`  CPU per interaction, block by block: ${blockCpu[k]!.map((c) => c.toFixed(2)).join(' · ')} ms`);
    console.log(`  over 10 ms: ${slow.length} (${slow.map((t) => t.toFixed(0)).join(', ') || 'none'}), ${mean(b.times.filter((t) => t <= 10)).toFixed(3)} ms on average without them`);
  }
  const [a, b] = bots as [(typeof bots)[number], (typeof bots)[number]];
  console.log(`/${which}: ${a.entry} at ${(mean(b.times) / mean(a.times)).toFixed(3)} of ${b.entry}'s rate (p50s: ${(median(b.times) / median(a.times)).toFixed(3)})`);
} finally {
  for (const b of bots) await b.child.stop();
  for (const f of fakes) await f.close();
  rmSync(dir, { recursive: true, force: true });
}
