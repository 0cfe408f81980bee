// Several bot processes splitting one sharded bot, on one shared store: the
// scenario, written once so it runs with any process count, any shard split
// and any database the processes can share (an SQLite file today; PostgreSQL,
// by DATABASE_URL, once the store speaks it). Each process is `src/main.ts`
// as admins run it, configured by the environment, pointed at the fake Discord.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { App } from '../../../src/app.ts';
import { resolveCommunity } from '../../../src/domain/community.ts';
import { setupGroup } from '../../../src/domain/groups.ts';
import { FakeDiscord, guildsOverShards, shardOf } from '../../fakes/discord/index.ts';
import { FIXTURE_ROADMAPS } from '../../helpers/app.ts';
import { textOf } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface SharedStore {
  /** What points a process at the store, e.g. `{ DATABASE_PATH }` or `{ DATABASE_URL }`. */
  env: Record<string, string>;
  /** Opens the store in this (the test's) process, to seed it before the bots start. */
  open(): App | Promise<App>;
}

export interface ShardedScenario {
  /** The shards each process runs (its DISCORD_SHARDS), e.g. `[[0], [1, 2]]`; together, every shard once. */
  splits: number[][];
  /** DISCORD_SHARD_COUNT, and the count the fake Discord recommends. */
  shardCount: number;
  /** How many guilds, spread evenly over the shards; each has a study group whose daily post is due. */
  guilds: number;
  store: SharedStore;
}

export interface BotProcess {
  child: ChildProcess;
  shards: number[];
  exited: Promise<number | null>;
  log(): string;
}

/** Starts `src/main.ts` as one process of a sharded bot. */
export function startShardProcess(fake: FakeDiscord, shards: number[], shardCount: number, store: SharedStore): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...store.env,
      ROADMAPS_DIR: FIXTURE_ROADMAPS,
      LOG_LEVEL: 'info',
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.world.application.id,
      DISCORD_API_URL: fake.restUrl,
      DISCORD_SHARDS: shards.join(','),
      DISCORD_SHARD_COUNT: String(shardCount),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, shards, exited, log: () => log };
}

/** The JSON log lines of a process. */
export const logLines = (p: BotProcess): Record<string, unknown>[] =>
  p
    .log()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Waits until `done`, failing after `timeoutMs`, or at once when `broken` names a reason to stop waiting. */
async function until(what: string, done: () => boolean, timeoutMs: number, detail: () => string = () => '', broken: () => string | undefined = () => undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    const reason = broken();
    if (reason !== undefined) throw new Error(`gave up waiting for ${what}: ${reason}\n${detail()}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs the scenario and checks it: every guild's interaction is answered by
 * exactly one process (the one running the guild's shard), and every group's
 * daily post is sent exactly once although every process runs the scheduler.
 * `processes` receives the running processes (for the caller's cleanup).
 */
export async function runShardedProcesses(s: ShardedScenario, processes: BotProcess[], fakes: FakeDiscord[]): Promise<void> {
  const all = s.splits.flat().sort((a, b) => a - b);
  expect(all, 'the splits must name every shard exactly once').toEqual(Array.from({ length: s.shardCount }, (_, i) => i));
  const fake = await FakeDiscord.start({ shards: s.shardCount, guilds: guildsOverShards({ count: s.guilds, shards: s.shardCount }) });
  fakes.push(fake);
  const guilds = [...fake.world.guilds.keys()].map((id, k) => ({ id, k, study: fake.world.textChannel(id, 'study').id, shard: shardOf(id, s.shardCount) }));

  // Every group's post time has passed today: all are due the moment the processes start.
  const app = await s.store.open();
  for (const g of guilds) await setupGroup(app.deps, (await resolveCommunity(app.deps, 'discord', g.id)).id, g.study, { roadmap: 'mini', timezone: 'UTC', postTime: '00:00' });
  await app.close();

  const bots = s.splits.map((shards) => startShardProcess(fake, shards, s.shardCount, s.store));
  processes.push(...bots);
  const logs = () => bots.map((b, i) => `--- process ${i} (shards ${b.shards.join(',')}):\n${b.log()}`).join('\n');
  const connected = (b: BotProcess) => logLines(b).find((l) => l.msg === 'connected to Discord');
  await until('every process to connect to Discord', () => bots.every((b) => connected(b) !== undefined), 60_000, logs);
  for (const b of bots) expect(connected(b)).toMatchObject({ shards: b.shards, shardCount: s.shardCount });
  // Each shard was identified once, by one session: no shard runs twice.
  expect(fake.sessions.map((x) => x.shard[0]).sort((a, b) => a - b)).toEqual(all);
  expect(fake.sessions.every((x) => x.shard[1] === s.shardCount)).toBe(true);

  // Every guild's command is answered, exactly once, by the process running its shard.
  const processOf = (shard: number) => s.splits.findIndex((split) => split.includes(shard));
  const answered = s.splits.map(() => 0);
  for (const g of guilds) {
    const sent = fake.sendCommand({ name: 'roadmap', subcommand: 'start', user: `member-${g.k}`, guildId: g.id, channel: g.study });
    await fake.waitForCallback(sent, { timeoutMs: 10_000 });
    const deliveries = fake.deliveriesOf(sent.id);
    expect(deliveries.map((d) => d.shard)).toEqual([[g.shard, s.shardCount]]);
    expect(fake.connections.find((c) => c.id === deliveries[0]!.connection)?.shard).toEqual([g.shard, s.shardCount]);
    answered[processOf(g.shard)]! += 1;
  }
  // The answers arrive (a public join may be deferred, then edited in): each says the member joined.
  await until(
    'every join to be answered',
    () => guilds.every((g) => fake.messagesIn(g.study).some((m) => m.interaction_metadata !== undefined && textOf(m).includes('joined Mini Backend'))),
    15_000,
    logs,
  );
  const callbacks = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/callback'));
  expect(callbacks).toHaveLength(guilds.length);
  expect(callbacks.every((r) => r.status === 204)).toBe(true);
  expect(answered).toEqual(s.splits.map((split) => guilds.filter((g) => split.includes(g.shard)).length));

  // Every group's daily post goes out, whichever process claims it.
  const posts = (channelId: string) => fake.messagesIn(channelId).filter((m) => typeof m.nonce === 'string' && m.nonce.startsWith('cohort-run-'));
  const paused = () => (bots.some((b) => logLines(b).some((l) => l.msg === 'scheduled posts paused for this group')) ? 'a process paused a group' : undefined);
  await until('every daily post', () => guilds.every((g) => posts(g.study).length > 0), 60_000, logs, paused);

  // A clean stop lets any send in flight finish; only then is the count final.
  for (const b of bots) b.child.kill('SIGTERM');
  expect(await Promise.all(bots.map((b) => b.exited))).toEqual(bots.map(() => 0));
  for (const g of guilds) {
    const sent = posts(g.study);
    // One run, one message (a long post may be several messages: `nonce`, `nonce.1`, …).
    expect(new Set(sent.map((m) => String(m.nonce).replace(/\.\d+$/, ''))).size, `daily posts in guild ${g.k}`).toBe(1);
    expect(sent.filter((m) => !String(m.nonce).includes('.'))).toHaveLength(1);
    expect(textOf(sent[0]!)).toMatch(/daily/i);
  }
  // Each post was sent by one process; some went to guilds that process's shards do not hold, by REST.
  const sentBy = bots.map((b) => logLines(b).filter((l) => l.msg === 'scheduled post sent').map((l) => String(l.channel)));
  for (const g of guilds) expect(sentBy.flat().filter((c) => c === g.study), `"scheduled post sent" logs for guild ${g.k}`).toHaveLength(1);
  const crossShard = sentBy.flatMap((channels, i) => channels.filter((c) => !bots[i]!.shards.includes(guilds.find((g) => g.study === c)!.shard)));
  expect(crossShard.length, 'posts a process sent to a guild on another process’s shards').toBeGreaterThan(0);
  // Nobody was paused or failed: no error in any log.
  for (const b of bots) expect(logLines(b).filter((l) => Number(l.level) >= 50 || l.msg === 'scheduled posts paused for this group'), b.log()).toEqual([]);
}

/**
 * Every group's daily post is due; the processes fan out against a slow
 * Discord, and one is killed with SIGKILL mid fan-out. Its claimed runs are
 * taken over by the others once their lease runs out, and resent with the
 * same nonce: every channel ends with exactly one post, none lost or doubled.
 */
export async function runKillMidFanOut(s: ShardedScenario, processes: BotProcess[], fakes: FakeDiscord[]): Promise<void> {
  const fake = await FakeDiscord.start({ shards: s.shardCount, guilds: guildsOverShards({ count: s.guilds, shards: s.shardCount }) });
  fakes.push(fake);
  const studies = [...fake.world.guilds.keys()].map((id) => ({ guild: id, study: fake.world.textChannel(id, 'study').id }));
  const app = await s.store.open();
  for (const g of studies) await setupGroup(app.deps, (await resolveCommunity(app.deps, 'discord', g.guild)).id, g.study, { roadmap: 'mini', timezone: 'UTC', postTime: '00:00' });
  await app.close();

  // A slow Discord, so the kill lands with posts claimed but not yet sent.
  const post = /^\/channels\/\d+\/messages$/;
  fake.slowDown('POST', post, 400);
  const bots = s.splits.map((shards) => startShardProcess(fake, shards, s.shardCount, s.store));
  processes.push(...bots);
  const logs = () => bots.map((b, i) => `--- process ${i} (shards ${b.shards.join(',')}):\n${b.log()}`).join('\n');
  const sentBy = (b: BotProcess) => logLines(b).filter((l) => l.msg === 'scheduled post sent').length;
  // The victim is whichever process is sending first: it holds claimed runs still to send
  // (which process wins the claims at start is a race, so it is not fixed in advance).
  await until('a process to be sending', () => bots.some((b) => sentBy(b) >= 1), 60_000, logs);
  const victim = bots.find((b) => sentBy(b) >= 1)!;
  const survivors = bots.filter((b) => b !== victim);
  victim.child.kill('SIGKILL');
  await victim.exited;

  const posts = (channelId: string) => fake.messagesIn(channelId).filter((m) => typeof m.nonce === 'string' && m.nonce.startsWith('cohort-run-'));
  await until('every daily post, after the takeover', () => studies.every((g) => posts(g.study).length > 0), 90_000, logs);
  for (const b of survivors) b.child.kill('SIGTERM');
  expect(await Promise.all(survivors.map((b) => b.exited))).toEqual(survivors.map(() => 0));

  for (const g of studies) expect(posts(g.study).filter((m) => !String(m.nonce).includes('.')), `daily posts in ${g.study}`).toHaveLength(1);
  // The killed process had runs in hand that another process resent.
  const adopted = survivors.flatMap((b) => logLines(b).filter((l) => l.msg === 'resending posts a stopped process left unfinished'));
  expect(adopted.length, logs()).toBeGreaterThan(0);
}
