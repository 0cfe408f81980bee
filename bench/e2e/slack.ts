// Slack over HTTP, end to end: Cohort (`node dist/main.js`, Slack's HTTP
// receiver) and a bare bolt app that acks and answers "ok" through
// response_url, as Cohort does. Signed slash commands go out back to back
// (the next when the previous was acknowledged) in interleaved blocks; the
// ack time is the HTTP round trip of one command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TEAM, formBody, signedRequest, startFakeSlack, type FakeSlack } from '../../test/fakes/slack/index.ts';
import { gc } from '../gc.ts';
import { freePort, median, percentile, startChild, type Child } from './processes.ts';
import { seedStore } from './seed.ts';

const SECRET = 'e2eb0000e2eb0000e2eb0000e2eb0000';
const CHANNEL = 'C0BENCHSTUDY';

export interface SlackFigures {
  ackP50: { bare: number; cohort: number };
  ackP99: { bare: number; cohort: number };
  /** The median over block pairs of Cohort's ack p50 against the bare app's in the block beside it. */
  ratio: number;
  ratioRange: [number, number];
  /** Each app's own CPU time per command while its blocks run, median over the blocks. */
  cpuMs: { bare: number; cohort: number };
}

/**
 * Ends a block, for either app: waits until the fake has heard nothing from
 * it (Web API calls, response_url posts) for a second and a half (Cohort's
 * card renderer may be starting), then collects this process's garbage (both
 * fakes live here), so neither app's block pays for collecting the other's.
 */
async function settle(fake: FakeSlack): Promise<void> {
  let seen = -1;
  let quietSince = performance.now();
  while (performance.now() - quietSince < 1_500) {
    const now = fake.calls.length + fake.responses.length;
    if (now !== seen) {
      seen = now;
      quietSince = performance.now();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  gc();
}

/**
 * `learners` send the measured commands; `warmUp` commands come first from as
 * many other learners, so the measured ones find the same (cold) users.info
 * cache as before the warm-up and only the code is warm.
 */
export async function benchSlack(opts: { commands: number; blockSize: number; learners: number; warmUp: number }): Promise<SlackFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cohort-e2e-slack-'));
  const users = Array.from({ length: opts.learners + opts.warmUp }, (_, k) => ({ id: `U0LEARN${String(k).padStart(5, '0')}`, name: `learner${k}`, display_name: `Learner ${k}` }));
  const children: Child[] = [];
  const fakes: FakeSlack[] = [];
  try {
    const cohortFake = await startFakeSlack({ users, channels: [{ id: CHANNEL, name: 'study' }] });
    const bareFake = await startFakeSlack({ users, channels: [{ id: CHANNEL, name: 'study' }] });
    fakes.push(cohortFake, bareFake);
    const db = join(dir, 'cohort.db');
    await seedStore({ path: db, platform: 'slack', study: { community: DEFAULT_TEAM.id, channel: CHANNEL, members: users.map((u) => ({ id: u.id, name: u.display_name })) }, fanOut: [] });
    const env = async (fake: FakeSlack) => ({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(await freePort()), HOST: '127.0.0.1' });
    const cohort = startChild(['dist/main.js'], { ...(await env(cohortFake)), DATABASE_PATH: db, LOG_LEVEL: 'info' });
    const bare = startChild(['bench/e2e/bare-slack.mjs'], await env(bareFake));
    children.push(cohort, bare);
    const cohortUrl = String((await cohort.line('slack: connected')).url);
    const bareUrl = String((await bare.line('slack: connected')).url);

    const cpu = { bare: [] as number[], cohort: [] as number[] };
    const run = async (url: string, fake: FakeSlack, n: number, offset: number, app?: { child: Child; cpu: number[] }) => {
      const times: number[] = [];
      const cpu0 = app?.child.cpuMs() ?? 0;
      for (let k = 0; k < n; k++) {
        const user = users[offset + k]!;
        const body = formBody(fake.payloads.slashCommand({ command: '/streak', user_id: user.id, user_name: user.name, channel_id: CHANNEL, channel_name: 'study' }) as unknown as Record<string, string>);
        const t0 = performance.now();
        const res = await signedRequest(url, body, SECRET);
        times.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${url}`);
      }
      // While the block runs: acks, answers, and whatever else the app does meanwhile (not its cards, added once it is quiet).
      if (app) app.cpu.push((app.child.cpuMs() - cpu0) / n);
      return times;
    };
    // A warm-up each, then interleaved blocks.
    await run(bareUrl, bareFake, opts.warmUp, opts.learners);
    await run(cohortUrl, cohortFake, opts.warmUp, opts.learners);
    const bareTimes: number[][] = [];
    const cohortTimes: number[][] = [];
    // Cohort shares a card after each answer once it is quiet (files.* calls): each block starts with both settled.
    await settle(bareFake);
    await settle(cohortFake);
    const bareBlock = async (done: number) => {
      bareTimes.push(await run(bareUrl, bareFake, opts.blockSize, done, { child: bare, cpu: cpu.bare }));
      await settle(bareFake);
    };
    const cohortBlock = async (done: number) => {
      cohortTimes.push(await run(cohortUrl, cohortFake, opts.blockSize, done, { child: cohort, cpu: cpu.cohort }));
      await settle(cohortFake);
    };
    // Which app goes first in a pair alternates, as on Discord (see discord.ts).
    for (let done = 0, k = 0; done < opts.commands; done += opts.blockSize, k++) {
      if (k % 2 === 0) {
        await bareBlock(done);
        await cohortBlock(done);
      } else {
        await cohortBlock(done);
        await bareBlock(done);
      }
    }
    const ackP50 = { bare: percentile(bareTimes.flat(), 50), cohort: percentile(cohortTimes.flat(), 50) };
    // Each Cohort block against the bare block of its pair, as on Discord (see discord.ts).
    const pairs = cohortTimes.map((t, k) => percentile(t, 50) / percentile(bareTimes[k]!, 50));
    return {
      ackP50,
      ackP99: { bare: percentile(bareTimes.flat(), 99), cohort: percentile(cohortTimes.flat(), 99) },
      ratio: median(pairs),
      ratioRange: [Math.min(...pairs), Math.max(...pairs)],
      cpuMs: { bare: median(cpu.bare), cohort: median(cpu.cohort) },
    };
  } finally {
    for (const c of children) await c.stop();
    for (const f of fakes) await f.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
