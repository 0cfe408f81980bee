// Discord, end to end: Cohort (`node dist/main.js`) and a bare discord.js bot,
// each logged in to its own fake Discord (the same fake, the same world) in
// this process. Interactions go out over the gateway one at a time; each is
// timed from dispatch to the interaction callback arriving at the fake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord, type GuildSeed, type OptionInput } from '../../test/fakes/discord/index.ts';
import { gc } from '../gc.ts';
import { freePort, median, percentile, startChild, threadsLine, untilQuiet, type Child } from './processes.ts';
import { seedStore } from './seed.ts';

export interface DiscordFigures {
  startMs: { dist: number; npmStart: number; bare: number };
  commands: { command: string; bare: { perSec: number; p50: number; fakeCpuMs: number; botCpuMs: number }; cohort: { perSec: number; p50: number; fakeCpuMs: number; botCpuMs: number }; ratio: number; ratioRange: [number, number]; cards: { added: number; answers: number } }[];
  fanOut: { groups: number; seconds: number };
  rssMiB: { cohort: number; bare: number; renderer: number; heapUsed: number; heapTotal: number; external: number };
}

/**
 * The warm-up block, for each bot, before each command's pairs: 3,000, so
 * that both are measured warm. Each bot's own CPU per interaction keeps
 * falling for thousands of interactions (V8 compiling the hot code, and the
 * machine itself): in blocks of 500 after 1,500 each (turns.ts, BLOCK=500),
 * Cohort's went from 1.08 to 0.50 ms per answer and the bare bot's from 0.72
 * to 0.30, so with 1,000 the first pairs timed both still warming, Cohort's
 * larger code the more.
 */
const WARM_UP = 3_000;

/**
 * Learners in the study group: one per /challenge answer of the run, so
 * every answer is someone's first of the day (a scored write), never the
 * "you already answered" refusal.
 */
const learnersFor = (opts: { blocks: number; blockSize: number }) => Math.max(3_000, WARM_UP + opts.blocks * opts.blockSize);

function world(fanOut: number, learners: number): GuildSeed[] {
  return [
    {
      name: 'bench',
      owner: 'owner',
      channels: [{ name: 'study' }],
      members: [{ username: 'owner' }, ...Array.from({ length: learners }, (_, k) => ({ username: `learner-${k}` }))],
    },
    ...Array.from({ length: fanOut }, (_, k) => ({ name: `g${k}`, owner: `o${k}`, channels: [{ name: 'study' }], members: [{ username: `o${k}` }] })),
  ];
}

const cohortEnv = (fake: FakeDiscord, db: string): Record<string, string> => ({
  DATABASE_PATH: db,
  LOG_LEVEL: 'info',
  DISCORD_TOKEN: fake.token,
  DISCORD_APPLICATION_ID: fake.world.application.id,
  DISCORD_API_URL: fake.restUrl,
});

/** Where Cohort's memory is, from its own /metrics (prom-client's process metrics), in MiB. */
async function heapOf(port: number): Promise<{ heapUsed: number; heapTotal: number; external: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const mib = (name: string) => Number(new RegExp(`^cohort_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  return { heapUsed: mib('nodejs_heap_size_used_bytes'), heapTotal: mib('nodejs_heap_size_total_bytes'), external: mib('nodejs_external_memory_bytes') };
}

/** The fake's request log grows with every answer; waits scan it, so it is emptied between blocks. */
const forget = (fake: FakeDiscord) => ((fake.requests as unknown[]).length = 0);

/** Spawn → the first slash command answered: sends /help every 50 ms from the moment a session is live. */
async function startUp(args: string[], env: (fake: FakeDiscord) => Record<string, string>): Promise<number> {
  const fake = await FakeDiscord.start({ guilds: world(0, 2) });
  const child = startChild(args, env(fake));
  try {
    await fake.waitForSessions(1, { timeoutMs: 60_000 });
    const guildId = [...fake.world.guilds.keys()][0]!;
    for (;;) {
      const sent = fake.sendCommand({ name: 'help', guildId, user: 'owner' });
      // Any answer counts: one sent before the bot was ready may be answered late.
      void sent;
      const answered = await fake.waitFor((r) => r.method === 'POST' && r.path.endsWith('/callback'), { timeoutMs: 50 }).then(
        () => true,
        () => false,
      );
      if (answered) return performance.now() - child.started;
      if (performance.now() - child.started > 60_000) throw new Error(`no answer within 60 s:\n${child.output().slice(-2000)}`);
    }
  } finally {
    await child.stop();
    await fake.close();
  }
}

async function block(fake: FakeDiscord, bot: Child, guildId: string, channel: string, users: string[], from: number, n: number, command: { name: string; subcommand?: string; options?: Record<string, OptionInput> }): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  const botCpu = bot.cpuMs();
  const threads = bot.threadsCpuMs();
  let refused: unknown;
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    const sent = fake.sendCommand({ ...command, guildId, channel, user: users[(from + k) % users.length]! });
    const answer = await fake.waitForCallback(sent, { timeoutMs: 10_000 });
    times.push(performance.now() - t0);
    refused ??= refusal(answer.body);
  }
  // Timing refusals would time another path than the one named: the run stops instead.
  if (refused) throw new Error(`/${command.name}${command.subcommand ? ` ${command.subcommand}` : ''} was refused or failed, so the bench would not time what it says:\n${JSON.stringify(refused)}`);
  const used = process.cpuUsage(cpu);
  // BENCH_BLOCKS=1 prints every block as it ends, for either bot (where a run's CPU went, block by block).
  // Cards added while the block still ran: each was drawn in a gap of the block (see QuietLane).
  // When it ran is in ms since the bot was spawned, as V8's own traces count (--trace-gc in BENCH_COHORT_ARGS).
  if (process.env.BENCH_BLOCKS) console.log(`block /${command.name} at ${(started - bot.started).toFixed(0)}–${(performance.now() - bot.started).toFixed(0)} ms n=${n} bot cpu ${((bot.cpuMs() - botCpu) / n).toFixed(3)} ms each, p50 ${percentile(times, 50).toFixed(3)}, mean ${(times.reduce((a, x) => a + x, 0) / n).toFixed(3)}, cards during it ${cardsAdded(fake)}; by thread, user + system: ${threadsLine(threads, bot.threadsCpuMs(), n)}`);
  fakeCpuMs.set(fake, [...(fakeCpuMs.get(fake) ?? []), (used.user + used.system) / 1000 / n]);
  botCpuMs.set(fake, [...(botCpuMs.get(fake) ?? []), (bot.cpuMs() - botCpu) / n]);
  return times;
}

/** Answers the fake has seen given a card since its log was last emptied: each is an edit with a file. */
const cardsAdded = (fake: FakeDiscord) => fake.requests.filter((r) => r.method === 'PATCH' && r.files.length > 0).length;

/** Cohort's error tone (render.ts): a refusal (UserError) or a failure. */
const ERROR_COLOR = 0xed4245;
const refusal = (body: unknown) => {
  const embeds = (body as { data?: { embeds?: { color?: number }[] } } | null)?.data?.embeds;
  return embeds?.some((e) => e.color === ERROR_COLOR) ? embeds : undefined;
};

/**
 * The fakes run in this process: its CPU time per interaction is what the
 * fake Discord itself spends (gateway frames, parsing and storing the answer).
 * Both sides' round trips include it, so it is printed beside the ratios.
 */
const fakeCpuMs = new Map<FakeDiscord, number[]>();
/** The bot process's own CPU time per interaction over a block (all its threads, GC included). */
const botCpuMs = new Map<FakeDiscord, number[]>();

/**
 * Ends a block, for either bot: waits until the bot has finished what it does
 * after its answers (Cohort's cards, added by editing the answers once it is
 * quiet), so the next block does not share the machine with it; then empties
 * the fake's log and collects this process's garbage (both fakes live here),
 * so neither bot's block pays for collecting the other's. Returns how many
 * answers got their card.
 */
async function settle(fake: FakeDiscord): Promise<number> {
  await untilQuiet(fake, 1_500);
  const cards = cardsAdded(fake);
  forget(fake);
  gc();
  return cards;
}

export async function benchDiscord(opts: { blocks: number; blockSize: number; fanOut: number }): Promise<DiscordFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cohort-e2e-'));
  const children: Child[] = [];
  const fakes: FakeDiscord[] = [];
  try {
    // Start-up, three times each; a fresh store every time (migrations included).
    const starts = async (args: string[], env: (fake: FakeDiscord) => Record<string, string>) => {
      const ms: number[] = [];
      for (let k = 0; k < 3; k++) ms.push(await startUp(args, env));
      return median(ms);
    };
    let n = 0;
    const fresh = (fake: FakeDiscord) => cohortEnv(fake, join(dir, `start-${n++}.db`));
    const startMs = {
      dist: await starts(['dist/main.js'], fresh),
      npmStart: await starts(['--import', 'tsx', 'src/main.ts'], fresh),
      bare: await starts(['bench/e2e/bare-discord.mjs'], (fake) => ({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restUrl })),
    };

    const learners = learnersFor(opts);
    const seeds = world(opts.fanOut, learners);
    const cohortFake = await FakeDiscord.start({ guilds: seeds });
    const bareFake = await FakeDiscord.start({ guilds: seeds });
    fakes.push(cohortFake, bareFake);
    const place = (fake: FakeDiscord) => {
      const ids = [...fake.world.guilds.keys()];
      const users = new Map([...fake.world.users.values()].map((u) => [u.username, u.id]));
      return {
        guild: ids[0]!,
        channel: fake.world.textChannel(ids[0]!, 'study').id,
        learners: Array.from({ length: learners }, (_, k) => users.get(`learner-${k}`)!),
        others: ids.slice(1).map((id) => ({ community: id, channel: fake.world.textChannel(id, 'study').id })),
      };
    };
    const c = place(cohortFake);
    const b = place(bareFake);
    const db = join(dir, 'cohort.db');
    const { rightAnswer } = await seedStore({ path: db, platform: 'discord', study: { community: c.guild, channel: c.channel, members: c.learners.map((id) => ({ id, name: cohortFake.world.users.get(id)!.global_name ?? cohortFake.world.users.get(id)!.username })) }, fanOut: c.others });

    const metricsPort = await freePort();
    // BENCH_COHORT_ARGS: node options for Cohort's process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`;
    // BENCH_COHORT_LOG: a file for all it writes, e.g. with `--trace-gc` (a block's line says when it ran).
    const cohort = startChild([...(process.env.BENCH_COHORT_ARGS ?? '').split(' ').filter(Boolean), 'dist/main.js'], { ...cohortEnv(cohortFake, db), METRICS_PORT: String(metricsPort) }, { logTo: process.env.BENCH_COHORT_LOG });
    const bare = startChild(['bench/e2e/bare-discord.mjs'], { DISCORD_TOKEN: bareFake.token, DISCORD_API_URL: bareFake.restUrl });
    children.push(cohort, bare);
    await Promise.all([cohort.line('connected to Discord'), bare.line('connected to Discord')]);

    // The fan-out: every other group's daily post is due at start. A scheduled post carries a nonce
    // (enforce_nonce), which tells it from the welcome each new server gets at the same time.
    const fanStart = performance.now();
    const posted = () => new Set(cohortFake.requests.filter((r) => r.method === 'POST' && (r.body as { enforce_nonce?: unknown } | null)?.enforce_nonce === true).map((r) => r.path)).size;
    while (posted() < opts.fanOut) {
      if (performance.now() - fanStart > 600_000) throw new Error(`fan-out stalled at ${posted()} of ${opts.fanOut}:\n${cohort.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const fanOut = { groups: opts.fanOut, seconds: (performance.now() - fanStart) / 1000 };
    forget(cohortFake);

    const commands = [
      { label: '/streak', command: { name: 'streak' } },
      { label: '/roadmap progress', command: { name: 'roadmap', subcommand: 'progress' } },
      // Answered right: the fuller write (the attempt, points in the ledger, the streak's day).
      { label: '/challenge answer', command: { name: 'challenge', subcommand: 'answer', options: { answer: rightAnswer } } },
    ];
    const results: DiscordFigures['commands'] = [];
    let answered = 0; // each learner answers once: the answer blocks walk the learners in order
    for (const { label, command } of commands) {
      const bareTimes: number[][] = [];
      const cohortTimes: number[][] = [];
      const from = () => (command.name === 'challenge' ? answered : 0);
      let cards = 0;
      const bareBlock = async (n: number) => {
        const times = await block(bareFake, bare, b.guild, b.channel, b.learners, 0, n, command);
        await settle(bareFake);
        return times;
      };
      const cohortBlock = async (n: number) => {
        const times = await block(cohortFake, cohort, c.guild, c.channel, c.learners, from(), n, command);
        cards += await settle(cohortFake);
        if (command.name === 'challenge') answered += n;
        return times;
      };
      // A warm-up block each, then the pairs. Which bot goes first alternates (bare then Cohort, then
      // Cohort then bare, …), so neither always runs straight after the other or after a rest.
      await bareBlock(WARM_UP);
      await cohortBlock(WARM_UP);
      cards = 0;
      for (let k = 0; k < opts.blocks; k++) {
        if (k % 2 === 0) {
          bareTimes.push(await bareBlock(opts.blockSize));
          cohortTimes.push(await cohortBlock(opts.blockSize));
        } else {
          cohortTimes.push(await cohortBlock(opts.blockSize));
          bareTimes.push(await bareBlock(opts.blockSize));
        }
      }
      const perSec = (blocks: number[][]) => median(blocks.map((t) => (t.length * 1000) / t.reduce((a, x) => a + x, 0)));
      const lastBlocks = (m: Map<FakeDiscord, number[]>, fake: FakeDiscord) => median(m.get(fake)!.slice(-opts.blocks));
      const bareFig = { perSec: perSec(bareTimes), p50: percentile(bareTimes.flat(), 50), fakeCpuMs: lastBlocks(fakeCpuMs, bareFake), botCpuMs: lastBlocks(botCpuMs, bareFake) };
      const cohortFig = { perSec: perSec(cohortTimes), p50: percentile(cohortTimes.flat(), 50), fakeCpuMs: lastBlocks(fakeCpuMs, cohortFake), botCpuMs: lastBlocks(botCpuMs, cohortFake) };
      // Each Cohort block against the bare block of its pair: the two ran side by side on a shared
      // machine (whose speed drifts by up to 2x over a run), so their ratio is what is compared.
      const pairs = cohortTimes.map((t, k) => perSec([t]) / perSec([bareTimes[k]!]));
      results.push({ command: label, bare: bareFig, cohort: cohortFig, ratio: median(pairs), ratioRange: [Math.min(...pairs), Math.max(...pairs)], cards: { added: cards, answers: opts.blocks * opts.blockSize } });
    }
    const rssMiB = { cohort: cohort.rssMiB(), bare: bare.rssMiB(), renderer: cohort.childrenRssMiB(), ...(await heapOf(metricsPort)) };
    return { startMs, commands: results, fanOut, rssMiB };
  } finally {
    for (const ch of children) await ch.stop();
    for (const f of fakes) await f.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
