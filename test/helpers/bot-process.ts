// Cohort as a process of its own, as admins run it: the production build
// (`node dist/main.js`) or the sources through tsx (what `npm start` runs),
// in a clean environment, with what it writes kept for assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeDiscord } from '../fakes/discord/index.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Everything it has written, stdout and stderr interleaved. */
  log(): string;
  stderr(): string;
}

/** `env` comes on top of PATH and HOME only: nothing from the test's own environment leaks in. */
export function spawnBot(entry: 'dist' | 'sources', env: Record<string, string>, stdin: 'ignore' | 'pipe' = 'ignore'): BotProcess {
  const args = entry === 'dist' ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: [stdin, 'pipe', 'pipe'] });
  let log = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    log += d.toString();
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, log: () => log, stderr: () => stderr };
}

/** What Cohort needs to log in to a fake Discord. */
export const discordEnv = (fake: FakeDiscord): Record<string, string> => ({
  DISCORD_TOKEN: fake.token,
  DISCORD_APPLICATION_ID: fake.world.application.id,
  DISCORD_API_URL: fake.restUrl,
});
