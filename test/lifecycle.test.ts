// The process as supervisors run it (src/lifecycle.ts, src/main.ts); engine-independent, so SQLite only.
// `npm start` as a supervisor runs it: SIGTERM or SIGINT to npm's PID alone
// (what systemd and Docker send) stops the bot cleanly, though npm does not
// pass the signal on to its child.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fakes/discord/index.ts';
import { FIXTURE_ROADMAPS, tempDir } from './helpers/app.ts';
import { discordEnv, ROOT, spawnBot } from './helpers/bot-process.ts';


/** Every process below `pid`. */
function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)]).toString();
  } catch {
    return []; // ps exits 1 when there are none
  }
  const children = out.split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops the bot when %s is sent to npm’s PID alone, closing the store', async (signal) => {
    const db = join(tempDir(), 'cohort.db');
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      // No tokens: the local shell, on a terminal-less stdin that stays open.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: db, LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let log = '';
    npm.stderr.on('data', (d: Buffer) => (log += d.toString()));
    npm.stdout.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 20_000;
    while (!log.includes('"msg":"ready"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(log).toContain('"msg":"ready"');
    const below = descendants(npm.pid!);
    expect(below.length).toBeGreaterThan(0);

    process.kill(npm.pid!, signal);
    const stopBy = Date.now() + 10_000;
    while (below.some(alive) && Date.now() < stopBy) await new Promise((r) => setTimeout(r, 100));
    expect(below.filter(alive), log).toEqual([]);
    // A clean close checkpoints SQLite's WAL into the database file.
    expect(existsSync(`${db}-wal`)).toBe(false);
    npm.stdin.end();
  }, 40_000);
});

describe('node dist/main.js (the production entry)', () => {
  // The same build `npm run build` makes; dist/ sits beside migrations/, as in production.
  beforeAll(() => void execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe' }), 120_000);

  it('runs the compiled build and exits 0 on SIGTERM within 10 s, closing the store', async () => {
    const db = join(tempDir(), 'cohort.db');
    // No tokens: the local shell, on a stdin that stays open.
    const bot = spawnBot('dist', { DATABASE_PATH: db, LOG_LEVEL: 'info' }, 'pipe');
    const deadline = Date.now() + 20_000;
    while (!bot.log().includes('"msg":"ready"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(bot.log()).toContain('"msg":"ready"');
    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(existsSync(`${db}-wal`)).toBe(false);
  }, 120_000);

  it('serves Discord from the bundle: answers commands and adds a card drawn by the renderer process in dist/', async () => {
    // The build bundles src/main.ts into dist/chunks/ (scripts/bundle.mjs); files found beside
    // a module (migrations, the renderer's own entry) must still be found from there.
    const fake = await FakeDiscord.start();
    const bot = spawnBot('dist', { DATABASE_PATH: join(tempDir(), 'cohort.db'), ROADMAPS_DIR: FIXTURE_ROADMAPS, ...discordEnv(fake) });
    try {
      await fake.waitForSessions(1, { timeoutMs: 20_000 });
      const setup = await fake.waitForCallback(fake.sendCommand({ name: 'group', subcommand: 'setup', options: { roadmap: 'mini' }, user: 'alice' }), { timeoutMs: 10_000 });
      expect(JSON.stringify(setup.body), bot.log()).toContain('Mini Backend');
      await fake.waitForCallback(fake.sendCommand({ name: 'roadmap', subcommand: 'start', user: 'alice' }), { timeoutMs: 10_000 });
      const card = await fake.waitForCallback(fake.sendCommand({ name: 'roadmap', subcommand: 'card', user: 'alice' }), { timeoutMs: 20_000 });
      expect(card.files, bot.log()).toEqual([expect.objectContaining({ filename: 'progress.png', contentType: 'image/png' })]);
    } finally {
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      await fake.close();
    }
  }, 120_000);

  it('keeps the Discord chunk one byte per character in memory (no comments in the bundle)', () => {
    // V8 holds a module's source for the life of the process, and at two bytes a character if any is beyond Latin-1.
    const chunks = readdirSync(join(ROOT, 'dist/chunks')).filter((n) => n.endsWith('.js'));
    const discord = chunks.map((n) => readFileSync(join(ROOT, 'dist/chunks', n), 'latin1')).find((text) => text.includes('WebSocketShard'));
    expect(discord, 'no chunk holds discord.js').toBeDefined();
    expect(Buffer.from(discord!, 'latin1').toString('utf8')).not.toMatch(/[^\x00-\xff]/);
    // Our own chunks whose code needs them (curly quotes in a regular expression) keep them.
    const parser = chunks.map((n) => readFileSync(join(ROOT, 'dist/chunks', n), 'utf8')).find((text) => /var TOKEN ?= ?\//.test(text));
    expect(parser).toMatch(/“\(\[\^”\]\*\)”/);
  });
});
