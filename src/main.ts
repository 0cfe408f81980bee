// The one entry point: read and validate config, load roadmaps, open the
// store (migrating it), then start what is configured: Discord and/or Slack
// when their tokens are set, otherwise the local shell (and it says so).
// First, before anything allocates: how V8 sizes the heap.
import './main-first.ts';
import { collectGarbage } from './heap.ts';
import { dirname, join } from 'node:path';
import { createApp, type App } from './app.ts';
import { SettableClock } from './clock.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { ContentError } from './content/load.ts';
import { StoreOpenError } from './db/open.ts';
import { onStopSignal } from './lifecycle.ts';
import { botChecks } from './ops/checks.ts';
import { startStatusServer, type StatusServer } from './ops/status-server.ts';
import { createLogger, readableLines, type Logger } from './log.ts';
import type { RunningPlatform } from './platforms/running.ts';
import { shellPoster } from './platforms/shell/poster.ts';
import { runShell, SHELL_ADMIN, SHELL_COMMUNITY } from './platforms/shell/shell.ts';
import { createScheduler } from './scheduler/scheduler.ts';
import type { RunningWeb } from './web/server.tsx';

async function main(): Promise<number> {
  const config = loadConfig();
  const useShell = process.argv.includes('--shell') || (!config.discord && !config.slack);
  // The shell shares the terminal with the log, so it only logs warnings unless asked.
  // A person reading the shell's terminal gets one readable line per warning; pipes and services keep JSON.
  const log = createLogger(process.env.LOG_LEVEL || !useShell ? config.LOG_LEVEL : 'warn', useShell && process.stderr.isTTY ? readableLines(process.stderr) : undefined);
  const started = performance.now();
  // Real time, until the shell's `:clock` sets it.
  const clock = new SettableClock();
  const app = await createApp({ store: config.store, roadmapsDir: config.ROADMAPS_DIR, clock, log, metrics: config.METRICS_PORT !== undefined });
  log.info({ ms: Math.round(performance.now() - started), roadmaps: app.deps.roadmaps.all.map((r) => r.id), db: app.store.where }, 'ready');
  // The shell writes reply cards beside the SQLite file (./data/cards by default).
  const cardsDir = join(dirname(config.DATABASE_PATH), 'cards');
  return useShell ? shell(app, clock, log, process.argv.includes('--shell'), cardsDir, config) : platforms(app, config, log);
}

/** Discord and/or Slack in one process, with the scheduler posting through both. */
async function platforms(app: App, config: Config, log: Logger): Promise<number> {
  // Listened for before anything starts: a SIGTERM that arrives while the bot is still
  // starting (connecting, catching up) waits for start-up to finish, then stops it cleanly,
  // instead of killing the process with the store open.
  const stopRequested = new Promise<string>((resolve) => onStopSignal(resolve));
  const running: RunningPlatform[] = [];
  const stopAll = async () => {
    for (const p of running.reverse()) await p.stop().catch((err: unknown) => log.error({ err, platform: p.name }, 'stop failed'));
  };
  try {
    if (config.discord) {
      const { startDiscord } = await import('./platforms/discord/start.ts');
      running.push(await startDiscord({ app, config: config.discord, log }));
    }
    if (config.slack) {
      const { startSlack } = await import('./platforms/slack/start.ts');
      running.push(await startSlack({ app, config: config.slack, log }));
    }
  } catch (err) {
    await stopAll();
    await app.close();
    throw err;
  }
  const scheduler = createScheduler({ deps: app.deps, log, posters: running.map((p) => p.poster), metrics: app.metrics });
  let status: StatusServer | undefined;
  if (config.METRICS_PORT !== undefined && app.metrics) {
    status = await startStatusServer({
      host: config.HOST,
      port: config.METRICS_PORT,
      metrics: app.metrics.withProcessMetrics(),
      log,
      checks: botChecks(app.store, running, app.health),
    }).catch(async (err: unknown) => {
      await stopAll();
      await app.close();
      throw err;
    });
  }
  const web = config.web
    ? await startDashboard(app, config, running).catch(async (err: unknown) => {
        // A busy WEB_PORT stops start-up cleanly, like a busy METRICS_PORT.
        await stopAll();
        await status?.close();
        await app.close();
        throw err;
      })
    : undefined;
  await scheduler.catchUp();
  scheduler.start();
  log.info({ platforms: running.map((p) => p.name) }, 'Cohort is running');
  collectGarbage(); // start-up is over: see heap.ts

  log.info({ signal: await stopRequested }, 'stopping');
  // Ticks stop and in-flight posts finish first, then the platforms disconnect, then the store closes.
  await scheduler.stop();
  await web?.stop();
  await stopAll();
  await status?.close();
  await app.close();
  log.info('stopped');
  return 0;
}

/** The web dashboard, when WEB_PORT is set (or the shell's `:web` asks), posting through the running platforms. */
async function startDashboard(app: App, config: Config, platforms: readonly Pick<RunningPlatform, 'deliver' | 'isAdmin' | 'name'>[]): Promise<RunningWeb> {
  const { startWeb } = await import('./web/server.tsx');
  return startWeb({
    rt: app,
    host: config.HOST,
    port: config.web?.port ?? 0,
    publicUrl: config.web?.publicUrl,
    sessionSecret: config.web?.sessionSecret,
    discord: config.web?.discord,
    slack: config.web?.slack,
    platforms,
  });
}

async function shell(app: App, clock: SettableClock, log: Logger, asked: boolean, cardsDir: string, config: Config): Promise<number> {
  const print = (text: string) => process.stdout.write(`${text}\n`);
  const poster = shellPoster(print, cardsDir);
  const scheduler = createScheduler({ deps: app.deps, log, posters: [poster] });
  // The dashboard starts on the first `:web` (or at once with WEB_PORT); decisions taken there print here.
  let web: Promise<RunningWeb> | undefined;
  const dashboard = () =>
    (web ??= startDashboard(app, config, [{ name: 'shell', deliver: async (to, reply) => void (await poster.post(to, reply, { nonce: 'web' })) }]));
  if (config.web) await dashboard();
  const interactive = Boolean(process.stdin.isTTY);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await scheduler.stop();
    await (await web)?.stop();
    await app.close();
    process.exit(0);
  };
  onStopSignal(() => void stop());

  if (!asked && interactive) {
    console.log('No chat platform is configured, so Cohort starts the local shell on the embedded store.');
  }
  await runShell(app, {
    input: process.stdin,
    output: process.stdout,
    interactive,
    cardsDir,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    webLink: async () => (await dashboard()).signInLink({ platform: 'shell', userId: SHELL_ADMIN, name: SHELL_ADMIN, communities: [{ externalId: SHELL_COMMUNITY, admin: true }] }),
    setClock: async (to) => {
      clock.set(to);
      await scheduler.catchUp();
      await scheduler.idle();
    },
    // On a terminal the day runs in real time: what is due now, then a tick a minute.
    onReady: interactive
      ? async () => {
          await scheduler.catchUp();
          scheduler.start();
        }
      : undefined,
  });
  await scheduler.stop();
  await (await web)?.stop();
  await app.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof ContentError || err instanceof StoreOpenError) {
      console.error(err.message);
      return process.exit(1);
    }
    console.error('Cohort failed to start:', err);
    process.exit(1);
  },
);
