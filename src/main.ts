// The one entry point: read and validate config, load roadmaps, open the
// store (migrating it), then start what is configured. With no chat platform
// configured it starts the local shell, and says so.
import { createApp } from './app.ts';
import { SettableClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { ContentError } from './content/load.ts';
import { createLogger } from './log.ts';
import { shellPoster } from './platforms/shell/poster.ts';
import { runShell } from './platforms/shell/shell.ts';
import { createScheduler } from './scheduler/scheduler.ts';

async function main(): Promise<number> {
  const forceShell = process.argv.includes('--shell');
  const config = loadConfig();
  // The shell shares the terminal with the log, so it only logs warnings unless asked.
  const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
  const started = performance.now();
  // Real time, until the shell's `:clock` sets it.
  const clock = new SettableClock();
  const app = createApp({ databasePath: config.DATABASE_PATH, roadmapsDir: config.ROADMAPS_DIR, clock, log });
  log.info({ ms: Math.round(performance.now() - started), roadmaps: app.deps.roadmaps.all.map((r) => r.id), db: config.DATABASE_PATH }, 'ready');

  const print = (text: string) => process.stdout.write(`${text}\n`);
  const scheduler = createScheduler({ deps: app.deps, log, posters: [shellPoster(print)] });
  const interactive = Boolean(process.stdin.isTTY);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await scheduler.stop();
    app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  if (!forceShell && interactive) {
    console.log('No chat platform is configured, so Cohort starts the local shell on the embedded store.');
  }
  await runShell(app, {
    input: process.stdin,
    output: process.stdout,
    interactive,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    setClock: async (to) => {
      clock.set(to);
      scheduler.catchUp();
      await scheduler.idle();
    },
    // On a terminal the day runs in real time: what is due now, then a tick a minute.
    onReady: interactive
      ? () => {
          scheduler.catchUp();
          scheduler.start();
        }
      : undefined,
  });
  await scheduler.stop();
  app.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof ContentError) {
      console.error(err.message);
      return process.exit(1);
    }
    console.error('Cohort failed to start:', err);
    process.exit(1);
  },
);
