// Starting and stopping: Slack refusing a token or not answering stops
// start-up with the setting to fix; a stop closes the socket or the port.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, type SlackConfig } from '../../../src/config.ts';
import { startSlack } from '../../../src/platforms/slack/start.ts';
import { testApp } from '../../helpers/app.ts';
import { formBody, signedRequest, startFakeSlack, withTimeout, type FakeSlack } from '../../fakes/slack/index.ts';
import { MODES, silent, SIGNING_SECRET, startHarness, type Mode } from './harness.ts';

const config = (mode: Mode, fake: FakeSlack, change: Partial<{ botToken: string; appToken: string; port: number }> = {}): SlackConfig =>
  mode === 'http'
    ? { mode, botToken: change.botToken ?? fake.botToken, signingSecret: SIGNING_SECRET, host: '127.0.0.1', port: change.port ?? 0, apiUrl: fake.apiUrl }
    : { mode, botToken: change.botToken ?? fake.botToken, appToken: change.appToken ?? fake.appToken, apiUrl: fake.apiUrl };

async function problems(mode: Mode, fake: FakeSlack, change: Parameters<typeof config>[2], listen?: { host: string; port: number }): Promise<string[]> {
  const failed = await startSlack({ app: await testApp(), log: silent(), config: config(mode, fake, change), ...(listen && { listen }) }).catch((e: unknown) => e);
  expect(failed).toBeInstanceOf(ConfigError);
  return (failed as ConfigError).problems;
}

describe.each(MODES)('starting Slack over %s', (mode) => {
  it('names SLACK_BOT_TOKEN when Slack refuses it', async () => {
    const fake = await startFakeSlack();
    try {
      expect(await problems(mode, fake, { botToken: 'xoxb-revoked-long-ago' })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: Slack refused it \(invalid_auth\) — copy the Bot User OAuth Token/)]);
      expect(fake.socket.connections.all).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('names SLACK_API_URL when nothing answers there', async () => {
    const fake = await startFakeSlack();
    await fake.close();
    expect(await problems(mode, fake, {})).toEqual([expect.stringContaining(`SLACK_API_URL: no Slack Web API answered at ${fake.apiUrl}`)]);
  });

  it('stops cleanly: the socket is closed or the port released', async () => {
    const h = await startHarness(mode);
    await h.slack.stop();
    if (mode === 'socket') {
      const { ws } = await h.fake.socket.waitForConnection(1);
      await withTimeout(new Promise((resolve) => (ws.readyState === ws.CLOSED ? resolve(undefined) : ws.once('close', resolve))), 1_000, 'the socket to close');
    } else await expect(signedRequest(h.slack.url!, formBody({ command: '/help' }), SIGNING_SECRET)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('starting Slack', () => {
  it('names SLACK_APP_TOKEN when Slack refuses it in Socket Mode', async () => {
    const fake = await startFakeSlack();
    try {
      expect(await problems('socket', fake, { appToken: 'xapp-not-the-right-one' })).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN: Slack refused it \(invalid_auth\)/)]);
    } finally {
      await fake.close();
    }
  });

  it('serves HTTP on HOST only, not on every interface', async () => {
    const fake = await startFakeSlack();
    const slack = await startSlack({ app: await testApp(), log: silent(), config: config('http', fake) });
    try {
      const url = new URL(slack.url!);
      expect(url.hostname).toBe('127.0.0.1');
      // 127.0.0.2 reaches this machine too, but only a listener on every interface answers there.
      const elsewhere = `http://127.0.0.2:${url.port}${url.pathname}`;
      await expect(signedRequest(elsewhere, formBody({ command: '/help' }), SIGNING_SECRET)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await slack.stop();
      await fake.close();
    }
  });

  it('names PORT when it is taken', async () => {
    const fake = await startFakeSlack();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      expect(await problems('http', fake, {}, { host: '127.0.0.1', port })).toEqual([`PORT: ${port} is already in use — stop what listens there, or choose another PORT`]);
    } finally {
      taken.close();
      await fake.close();
    }
  });
});
