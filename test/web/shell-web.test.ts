// The README's way in: `:web` in the local shell prints a one-time link; the
// link signs the local admin in, and the seeded #study group is there.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testStore } from '../helpers/app.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the shell’s :web', () => {
  it('prints a one-time sign-in link that opens the dashboard on #study as its admin', async () => {
    const store = (await testStore()).env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--shell'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'Europe/Lisbon', ...store },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const link = new Promise<string>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/signin\/link\?token=\S+)/.exec(stdout);
        if (m) resolve(m[1]!);
      }),
    );
    child.stdin.write('@alice /roadmap start backend\n:web\n');
    const url = await link;
    expect(stdout).toContain('it works once, for 10 minutes');
    const signedIn = await fetch(url, { redirect: 'manual' });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const origin = new URL(url).origin;
    const home = await (await fetch(`${origin}/`, { headers: { cookie } })).text();
    expect(home).toContain('You are an admin here.');
    const community = /href="(\/c\/\d+)"/.exec(home)![1]!;
    const overview = await (await fetch(`${origin}${community}`, { headers: { cookie } })).text();
    const group = /href="(\/c\/\d+\/g\/\d+)"/.exec(overview)![1]!;
    const page = await fetch(`${origin}${group}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('#study');
    expect(html).toContain('Backend Developer');
    expect(html).toContain('alice');
    // The link was spent.
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(403);
    child.stdin.end();
    expect(await closed).toBe(0);
  });
});
