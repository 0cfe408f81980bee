// `npm start` with Slack configured, as an admin runs it: the real entry point
// as a child process, pointed at the fake Slack through SLACK_API_URL. It
// answers in Socket Mode or over HTTP, and SIGTERM stops it cleanly (exit 0).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_ROADMAPS, tempDir } from '../../helpers/app.ts';
import { formBody, signedRequest, startFakeSlack, withTimeout, type FakeSlack } from '../../fakes/slack/index.ts';
import { admin, SIGNING_SECRET, study } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const fakes: FakeSlack[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  // A test that failed half-way leaves no process behind.
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const f of fakes.splice(0)) await f.close();
});

async function fakeSlack(): Promise<FakeSlack> {
  const fake = await startFakeSlack({ users: [{ id: admin.id, name: admin.name, is_admin: true }], channels: [study] });
  fakes.push(fake);
  return fake;
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: join(tempDir(), 'cohort.db'), ROADMAPS_DIR: FIXTURE_ROADMAPS, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  children.push(child);
  return { child, exited };
}

const setup = (fake: FakeSlack) =>
  fake.payloads.slashCommand({ command: '/group', text: 'setup roadmap:mini', user_id: admin.id, user_name: admin.name, channel_id: study.id, channel_name: study.name });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start with Slack', () => {
  it('connects in Socket Mode, answers a slash command, and stops on SIGTERM', async () => {
    const fake = await fakeSlack();
    const { child, exited } = start({ SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl });
    await fake.socket.waitForConnection(1, { timeoutMs: 15_000 });
    expect(await fake.socket.send('slash_commands', setup(fake))).toMatchObject({ payload: {} });
    expect((await fake.waitFor('chat.postMessage')).args.text).toContain('Study group created · Mini Backend');
    child.kill('SIGTERM');
    expect(await withTimeout(exited, 10_000, 'the process to exit')).toEqual({ code: 0, stderr: '' });
  });

  it('serves HTTP on PORT at /slack/events, and stops on SIGINT', async () => {
    const fake = await fakeSlack();
    const port = await freePort();
    const { child, exited } = start({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: String(port), SLACK_API_URL: fake.apiUrl });
    const url = `http://127.0.0.1:${port}/slack/events`;
    // Listening once the token is checked: retry until the port answers.
    const answered = async (): Promise<number> => {
      for (;;) {
        const res = await signedRequest(url, formBody(setup(fake)), SIGNING_SECRET).catch(() => undefined);
        if (res) return res.status;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    expect(await withTimeout(answered(), 15_000, 'the HTTP endpoint')).toBe(200);
    expect((await fake.waitFor('chat.postMessage')).args.text).toContain('Study group created · Mini Backend');
    child.kill('SIGINT');
    expect(await withTimeout(exited, 10_000, 'the process to exit')).toEqual({ code: 0, stderr: '' });
  });

  it('stops at boot naming SLACK_BOT_TOKEN when Slack refuses it', async () => {
    const fake = await fakeSlack();
    const { exited } = start({ SLACK_BOT_TOKEN: 'xoxb-not-a-real-token', SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl });
    const { code, stderr } = await withTimeout(exited, 15_000, 'the process to exit');
    expect(code).toBe(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN: Slack refused it (invalid_auth)');
  });
});
