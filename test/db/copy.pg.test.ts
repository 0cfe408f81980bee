// Moving up from SQLite to PostgreSQL: `npm run db:copy -- --to postgres://…`
// copies every row exactly, checks counts and ledger sums, can run twice, and
// leaves the bot answering on PostgreSQL as it did on SQLite.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ROADMAPS, tempDir, testApp, testStore } from '../helpers/app.ts';
import { chat } from '../helpers/chat.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

async function copy(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/db/copy-cli.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('npm run db:copy', () => {
  it('copies a lived-in SQLite store exactly, twice without doubling, and the bot answers the same on PostgreSQL', async () => {
    const path = join(tempDir(), 'cohort.db');
    const lite = await chat({ app: await testApp({ store: { target: { databasePath: path }, env: { DATABASE_PATH: path }, drop: async () => undefined }, roadmapsDir: FIXTURE_ROADMAPS }) });
    await lite.say('/group setup roadmap:mini timezone:Europe/Berlin');
    await lite.say('/group mentor add @maya');
    for (const who of ['alice', 'bob', 'carol']) await lite.say(`@${who} /roadmap start`);
    await lite.say('@alice /challenge answer PUT');
    await lite.say('@bob /roadmap done http');
    await lite.say('@carol /remind off');
    await lite.say('@alice /challenge submit task:basics-project https://github.com/alice/x');
    await lite.say('@maya /review approve 1 lovely');
    const before = { board: (await lite.say('@alice /leaderboard week')).text, progress: (await lite.say('@bob /roadmap progress')).text };
    await lite.app.close();

    const target = await testStore();
    const url = (target.target as { databaseUrl: string }).databaseUrl;
    const first = await copy(['--from', path, '--to', url]);
    expect(first.out).toMatch(/row counts and ledger sums \(65 points\) match/);
    expect(first.code).toBe(0);
    const again = await copy(['--from', path, '--to', url]);
    expect(again.out).toMatch(/\(0 copied now, \d+ already there\)/);
    expect(again.code).toBe(0);

    const onPostgres = await chat({ app: await testApp({ store: target, roadmapsDir: FIXTURE_ROADMAPS, now: lite.app.clock.now().toISOString() }) });
    expect((await onPostgres.say('@alice /leaderboard week')).text).toBe(before.board);
    expect((await onPostgres.say('@bob /roadmap progress')).text).toBe(before.progress);
    expect(await onPostgres.app.count('SELECT count(*) AS n FROM enrolments WHERE reminders_on = false')).toBe(1);
    // New rows get ids after the copied ones.
    expect((await onPostgres.say('@dave /roadmap start')).error).toBe(false);
  });

  it('refuses a target that holds other data, and changes nothing', async () => {
    const path = join(tempDir(), 'cohort.db');
    const lite = await chat({ app: await testApp({ store: { target: { databasePath: path }, env: {}, drop: async () => undefined } }) });
    await lite.say('/group setup roadmap:mini');
    await lite.app.close();
    const target = await testStore();
    const other = await chat({ app: await testApp({ store: target }), community: 'someone-else' });
    await other.say('/group setup roadmap:mini');
    const r = await copy(['--from', path, '--to', (target.target as { databaseUrl: string }).databaseUrl]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('nothing was changed');
    expect(r.out).toMatch(/already holds 1 other community .*copy into an empty database/);
    expect(await other.app.count('SELECT count(*) AS n FROM groups')).toBe(1);
  });

  it('says what it needs when the target is missing or not PostgreSQL', async () => {
    const r = await copy(['--to', 'mysql://x']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('--to must be the PostgreSQL URL');
  });
});
