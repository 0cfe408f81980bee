// The fake Slack, proven against the real @slack/bolt App in both transports:
// HTTP (signed requests to bolt's HTTPReceiver) and Socket Mode (bolt's
// SocketModeClient on the fake's WebSocket). No mocks; nothing leaves 127.0.0.1.
import { App, ErrorCode, LogLevel, SocketModeReceiver, webApi, type BlockAction, type Logger, type ButtonAction, type SlashCommand } from '@slack/bolt';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deferred,
  formBody,
  inputValue,
  interactiveBody,
  receiverUrl,
  selectValue,
  signedRequest,
  startFakeSlack,
  withTimeout,
  type FakeSlack,
  type FakeSlackOptions,
} from './slack/index.ts';

const SIGNING_SECRET = 'fake-signing-secret';
const HANDLER_WAIT_MS = 2_000;

// Guard: every HTTP request made through undici (global fetch, which the Web
// API client and respond() use; socket-mode's WebSocket) must stay on loopback.
const origins = new Set<string>();
const onUndiciRequest = (message: unknown): void => {
  const origin = (message as { request?: { origin?: unknown } }).request?.origin;
  if (typeof origin === 'string') origins.add(origin);
};
beforeAll(() => subscribe('undici:request:create', onUndiciRequest));
afterAll(() => {
  unsubscribe('undici:request:create', onUndiciRequest);
  expect(origins.size).toBeGreaterThan(0); // the guard did see the traffic
});
afterEach(() => {
  expect([...origins].filter((o) => !o.startsWith('http://127.0.0.1:'))).toEqual([]);
});

// Cleanup in reverse order of creation: apps stop before the fake they talk to closes.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  const errors: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((e: unknown) => errors.push(e));
  }
  if (errors.length > 0) throw new AggregateError(errors, 'cleanup failed');
});

async function fakeSlack(options?: FakeSlackOptions): Promise<FakeSlack> {
  const fake = await startFakeSlack(options);
  cleanups.push(async () => {
    await fake.close();
    expect(fake.internalErrors).toEqual([]);
  });
  return fake;
}

/**
 * Web API client options pointing at the fake. The default retryConfig retries
 * for ~30 minutes; with no retries a broken fake fails the test at once.
 */
function clientOptions(fake: FakeSlack): { slackApiUrl: string; retryConfig: { retries: number } } {
  return { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
}

/** A real bolt App in HTTP mode, listening on 127.0.0.1 on an OS-chosen port. */
async function httpApp(fake: FakeSlack, register: (app: App) => void): Promise<{ app: App; url: string }> {
  const app = new App({
    token: fake.botToken,
    signingSecret: SIGNING_SECRET,
    clientOptions: clientOptions(fake),
    logLevel: LogLevel.ERROR,
  });
  register(app);
  // start() takes net.ListenOptions: host pins the loopback interface, port 0 an ephemeral port.
  const server = await withTimeout(app.start({ host: '127.0.0.1', port: 0 }), 5_000, 'app.start() in HTTP mode');
  cleanups.push(() => app.stop());
  return { app, url: receiverUrl(server) };
}

/** For tests whose errors are the point: keeps expected error logs out of the output. */
function silentLogger(): Logger {
  let level = LogLevel.ERROR;
  const noop = (): void => {};
  return { debug: noop, info: noop, warn: noop, error: noop, setName: noop, setLevel: (l) => (level = l), getLevel: () => level };
}

describe('fake Slack, HTTP mode with the real bolt App', () => {
  it('delivers a signed slash command: ack() answers the request, respond() reaches response_url, chat.postMessage is recorded', async () => {
    const fake = await fakeSlack();
    const seen = deferred<SlashCommand>();
    const { url } = await httpApp(fake, (app) => {
      app.command('/roadmap', async ({ command, ack, respond, client }) => {
        seen.resolve(command);
        await ack();
        await respond({ response_type: 'ephemeral', text: 'Only you can see this' });
        await client.chat.postMessage({
          channel: command.channel_id,
          text: `${command.user_name} started`,
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*started*' } }],
        });
      });
    });

    const cmd = fake.payloads.slashCommand({ command: '/roadmap', text: 'start backend', response_url: fake.responseUrl('cmd-1') });
    const res = await signedRequest(url, formBody(cmd), SIGNING_SECRET);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');

    const command = await withTimeout(seen.promise, HANDLER_WAIT_MS, 'the /roadmap listener');
    expect(command).toMatchObject({ command: '/roadmap', text: 'start backend', user_id: cmd.user_id, team_id: fake.workspace.team.id });

    const ephemeral = await fake.waitForResponse('cmd-1');
    expect(ephemeral.body).toEqual({ response_type: 'ephemeral', text: 'Only you can see this' });
    expect(ephemeral.contentType).toBe('application/json');

    const post = await fake.waitFor('chat.postMessage');
    expect(post.args).toMatchObject({ channel: cmd.channel_id, text: 'fake.user started' });
    // Form-encoded by the client, `blocks` arrives as a JSON string and is decoded by the fake.
    expect(post.contentType).toBe('application/x-www-form-urlencoded');
    expect(post.args.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '*started*' } }]);
    expect(post.headers.authorization).toBe(`Bearer ${fake.botToken}`);
    expect(post.response).toMatchObject({ ok: true, channel: cmd.channel_id, message: { text: 'fake.user started', bot_id: fake.workspace.bot.botId } });
    expect(fake.message(cmd.channel_id, String(post.response.ts))?.text).toBe('fake.user started');
    // bolt verified its token at construction.
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('returns the ack body as the HTTP response', async () => {
    const fake = await fakeSlack();
    const { url } = await httpApp(fake, (app) => {
      app.command('/roadmap', async ({ ack }) => ack({ response_type: 'ephemeral', text: 'Usage: /roadmap start' }));
    });
    const res = await signedRequest(url, formBody(fake.payloads.slashCommand({ command: '/roadmap', text: 'help' })), SIGNING_SECRET);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ response_type: 'ephemeral', text: 'Usage: /roadmap start' });
  });

  it('rejects a bad signature and a stale timestamp with 401, without running the listener', async () => {
    const fake = await fakeSlack();
    let calls = 0;
    const { url } = await httpApp(fake, (app) => {
      app.command('/roadmap', async ({ ack }) => {
        calls += 1;
        await ack();
      });
    });
    const body = formBody(fake.payloads.slashCommand({ command: '/roadmap' }));
    expect((await signedRequest(url, body, 'not-the-secret')).status).toBe(401);
    expect((await signedRequest(url, body, SIGNING_SECRET, { signature: 'v0=deadbeef' })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await signedRequest(url, body, SIGNING_SECRET, { timestamp: sixMinutesAgo })).status).toBe(401);
    expect(calls).toBe(0);
    expect((await signedRequest(url, body, SIGNING_SECRET)).status).toBe(200);
    expect(calls).toBe(1);
  });

  it('passes retry headers through to the listener context', async () => {
    const fake = await fakeSlack();
    const retry = deferred<{ num: number | undefined; reason: string | undefined }>();
    const { url } = await httpApp(fake, (app) => {
      app.command('/roadmap', async ({ ack, context }) => {
        retry.resolve({ num: context.retryNum, reason: context.retryReason });
        await ack();
      });
    });
    const body = formBody(fake.payloads.slashCommand({ command: '/roadmap' }));
    expect((await signedRequest(url, body, SIGNING_SECRET, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    expect(await withTimeout(retry.promise, HANDLER_WAIT_MS, 'the listener')).toEqual({ num: 1, reason: 'http_timeout' });
  });

  it('delivers block_actions to app.action(); views.open, chat.update and respond() land in the fake', async () => {
    const fake = await fakeSlack();
    const { url } = await httpApp(fake, (app) => {
      app.action<BlockAction<ButtonAction>>('enrol', async ({ ack, body, action, client, respond }) => {
        await ack();
        await client.views.open({
          trigger_id: body.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'enrol-modal',
            private_metadata: JSON.stringify({ track: action.value }),
            title: { type: 'plain_text', text: 'Enrol' },
            blocks: [],
          },
        });
        await client.chat.update({ channel: body.channel!.id, ts: body.message!.ts, text: 'Enrolled!' });
        await respond({ replace_original: false, response_type: 'ephemeral', text: 'Opening…' });
      });
    });

    const payload = fake.payloads.blockActions({ action_id: 'enrol', value: 'python', message: { text: 'Join?' } });
    const res = await signedRequest(url, interactiveBody(payload), SIGNING_SECRET);
    expect(res.status).toBe(200);

    const open = await fake.waitFor('views.open');
    expect(open.args.trigger_id).toBe(payload.trigger_id);
    expect(open.args.view).toMatchObject({ type: 'modal', callback_id: 'enrol-modal', private_metadata: '{"track":"python"}' });
    const opened = open.response.view as { id: string };
    expect(fake.view(opened.id)).toMatchObject({ callback_id: 'enrol-modal', state: { values: {} } });

    const update = await fake.waitFor('chat.update');
    expect(update.response).toMatchObject({ ok: true, ts: payload.message!.ts });
    expect(fake.message(payload.channel!.id, payload.message!.ts)).toMatchObject({ text: 'Enrolled!', edited: { user: fake.workspace.bot.userId } });

    const reply = await fake.waitForResponse(payload.response_url);
    expect(reply.body).toMatchObject({ replace_original: false, text: 'Opening…' });
  });

  it('delivers view_submission with private_metadata and state values; the ack body answers the request', async () => {
    const fake = await fakeSlack();
    const { url } = await httpApp(fake, (app) => {
      app.view('enrol-modal', async ({ ack, view }) => {
        const goal = view.state.values.goal?.goal_input?.value;
        const track = view.state.values.track?.track_select?.selected_option?.value;
        const { group } = JSON.parse(view.private_metadata) as { group: string };
        await ack({ response_action: 'errors', errors: { goal: `${group}/${track}: "${goal}" is too short` } });
      });
    });
    const payload = fake.payloads.viewSubmission({
      callback_id: 'enrol-modal',
      private_metadata: JSON.stringify({ group: 'study' }),
      values: { goal: { goal_input: inputValue('x') }, track: { track_select: selectValue('python', 'Python') } },
    });
    const res = await signedRequest(url, interactiveBody(payload), SIGNING_SECRET);
    expect(res.json()).toEqual({ response_action: 'errors', errors: { goal: 'study/python: "x" is too short' } });
  });

  it("surfaces a scripted not_in_channel as the client's platform error, and answers users.info / conversations.* from the workspace", async () => {
    const fake = await fakeSlack({
      users: [{ id: 'U0ADMIN', name: 'ana', real_name: 'Ana Admin', display_name: 'ana', is_admin: true, is_owner: false }],
      channels: [{ id: 'C0STUDY', name: 'study' }, { id: 'C0OUTSIDE', name: 'outside', is_member: false }],
    });
    const outcome = deferred<{ scripted: unknown; natural: unknown; admin: unknown; dm: string | undefined; info: unknown }>();
    const { url } = await httpApp(fake, (app) => {
      app.command('/roadmap', async ({ ack, client, command }) => {
        await ack();
        const attempt = (p: Promise<unknown>): Promise<unknown> => p.then(() => undefined, (e: unknown) => e);
        const scripted = await attempt(client.chat.postMessage({ channel: 'C0STUDY', text: 'hi' }));
        const natural = await attempt(client.chat.postMessage({ channel: 'C0OUTSIDE', text: 'hi' }));
        const admin = (await client.users.info({ user: command.user_id })).user;
        const dm = (await client.conversations.open({ users: command.user_id })).channel?.id;
        const info = (await client.conversations.info({ channel: 'C0STUDY' })).channel;
        outcome.resolve({ scripted, natural, admin, dm, info });
      });
    });
    fake.failNext('chat.postMessage', 'not_in_channel');
    const cmd = fake.payloads.slashCommand({ command: '/roadmap', user_id: 'U0ADMIN', user_name: 'ana' });
    expect((await signedRequest(url, formBody(cmd), SIGNING_SECRET)).status).toBe(200);

    const { scripted, natural, admin, dm, info } = await withTimeout(outcome.promise, HANDLER_WAIT_MS, 'the listener');
    for (const error of [scripted, natural]) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code: webApi.ErrorCode.PlatformError, data: { ok: false, error: 'not_in_channel' } });
    }
    expect(admin).toMatchObject({ id: 'U0ADMIN', is_admin: true, is_owner: false, real_name: 'Ana Admin', profile: { display_name: 'ana' } });
    expect(dm).toMatch(/^D/);
    expect(info).toMatchObject({ id: 'C0STUDY', name: 'study', is_member: true, is_private: false });
    expect(fake.callsTo('chat.postMessage').map((c) => c.response.error)).toEqual(['not_in_channel', 'not_in_channel']);
  });

  it('answers 429 with Retry-After: the client retries after it, or rejects with rejectRateLimitedCalls', async () => {
    const fake = await fakeSlack({ users: [{ id: 'U0A', name: 'a' }] });
    const patient = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 }, logLevel: webApi.LogLevel.ERROR });
    fake.rateLimitNext('users.info', 0);
    expect((await patient.users.info({ user: 'U0A' })).ok).toBe(true);
    expect(fake.callsTo('users.info').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.callsTo('users.info')[0]?.response).toEqual({ ok: false, error: 'ratelimited' });

    const strict = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, logLevel: webApi.LogLevel.ERROR });
    fake.rateLimitNext('users.info', 30);
    await expect(strict.users.info({ user: 'U0A' })).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 30 });
  });

  it('refuses unknown tokens and app-level tokens on bot methods, as Slack does', async () => {
    const fake = await fakeSlack();
    const call = (token: string, method: string): Promise<unknown> =>
      new webApi.WebClient(token, { ...clientOptions(fake), logLevel: webApi.LogLevel.ERROR }).apiCall(method, { channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    expect(await call('xoxb-wrong', 'chat.postMessage')).toMatchObject({ data: { error: 'invalid_auth' } });
    expect(await call(fake.appToken, 'chat.postMessage')).toMatchObject({ data: { error: 'not_allowed_token_type' } });
    expect(await call(fake.botToken, 'apps.connections.open')).toMatchObject({ data: { error: 'not_allowed_token_type' } });
    expect(await call(fake.botToken, 'no.such.method')).toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('accepts JSON bodies as well as form-encoded ones, and script-fails a response_url', async () => {
    const fake = await fakeSlack();
    const json = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C1', text: 'hi', unfurl_links: false, blocks: [{ type: 'divider' }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: 'C1' });
    const form = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: fake.botToken, channel: 'C1', text: 'hi', unfurl_links: 'false', blocks: 'not json' }).toString(),
    });
    expect(await form.json()).toEqual({ ok: false, error: 'invalid_blocks_format' });
    const [first, second] = fake.callsTo('chat.postMessage');
    // JSON keeps types; form fields are strings, except JSON-bearing ones that parse.
    expect(first?.args).toEqual({ channel: 'C1', text: 'hi', unfurl_links: false, blocks: [{ type: 'divider' }] });
    expect(second?.args).toMatchObject({ unfurl_links: 'false', blocks: 'not json' });
    expect(second?.token).toBe(fake.botToken);

    fake.failNextResponse('gone', 404, 'expired_url');
    const outcome = deferred<unknown>();
    const { url } = await httpApp(fake, (app) => {
      app.command('/roadmap', async ({ ack, respond }) => {
        await ack();
        outcome.resolve(await respond('late').then(() => undefined, (e: unknown) => e));
      });
    });
    await signedRequest(url, formBody(fake.payloads.slashCommand({ command: '/roadmap', response_url: fake.responseUrl('gone') })), SIGNING_SECRET);
    expect(await withTimeout(outcome.promise, HANDLER_WAIT_MS, 'respond()')).toMatchObject({ code: ErrorCode.RespondError, statusCode: 404 });
    expect(fake.responses.map((r) => [r.id, r.status, r.body])).toEqual([['gone', 404, { text: 'late' }]]);
  });

  it('fails a wait clearly instead of hanging', async () => {
    const fake = await fakeSlack();
    await expect(fake.waitFor('chat.postMessage', { timeoutMs: 50 })).rejects.toThrow(/Timed out after 50ms waiting for a Web API call matching method chat.postMessage/);
  });
});

describe('fake Slack, Socket Mode with the real bolt App', () => {
  /**
   * Socket Mode: the app's clientOptions (slackApiUrl) reach the
   * SocketModeClient's own WebClient through installerOptions.clientOptions,
   * so apps.connections.open goes to the fake too.
   */
  async function socketApp(fake: FakeSlack, register: (app: App) => void, receiver?: SocketModeReceiver): Promise<App> {
    const app = new App({
      token: fake.botToken,
      ...(receiver === undefined ? { appToken: fake.appToken } : { receiver }),
      socketMode: true,
      clientOptions: clientOptions(fake),
      logLevel: LogLevel.ERROR,
    });
    register(app);
    cleanups.push(() => app.stop());
    // Resolves once the fake's hello arrived over the WebSocket.
    await withTimeout(app.start(), 5_000, "app.start() in Socket Mode (the fake's hello)");
    return app;
  }

  it('connects through apps.connections.open and acks a slash_commands envelope with its envelope_id', async () => {
    const fake = await fakeSlack();
    await socketApp(fake, (app) => {
      app.command('/roadmap', async ({ command, ack, respond, client }) => {
        await ack();
        await respond({ response_type: 'in_channel', text: `hello ${command.user_name}` });
        await client.chat.postMessage({ channel: command.channel_id, text: 'from socket mode' });
      });
    });

    const connect = await fake.waitFor('apps.connections.open');
    expect(connect.headers.authorization).toBe(`Bearer ${fake.appToken}`);
    expect(fake.socket.openConnections).toBe(1);

    const cmd = fake.payloads.slashCommand({ command: '/roadmap', text: 'start', response_url: fake.responseUrl('sock-1') });
    const ack = await fake.socket.send('slash_commands', cmd, { envelopeId: 'env-1' });
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });

    expect((await fake.waitForResponse('sock-1')).body).toEqual({ response_type: 'in_channel', text: 'hello fake.user' });
    expect((await fake.waitFor('chat.postMessage')).args).toMatchObject({ channel: cmd.channel_id, text: 'from socket mode' });
  });

  it('carries the ack response payload back, and delivers interactive envelopes to app.action()', async () => {
    const fake = await fakeSlack();
    await socketApp(fake, (app) => {
      app.command('/roadmap', async ({ ack }) => ack({ response_type: 'ephemeral', text: 'Usage: /roadmap start' }));
      app.action('enrol', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: (body as BlockAction).trigger_id, view: { type: 'modal', callback_id: 'm', title: { type: 'plain_text', text: 'Enrol' }, blocks: [] } });
      });
    });

    const usage = await fake.socket.send('slash_commands', fake.payloads.slashCommand({ command: '/roadmap', text: 'help' }));
    expect(usage.payload).toEqual({ response_type: 'ephemeral', text: 'Usage: /roadmap start' });

    const click = fake.payloads.blockActions({ action_id: 'enrol', value: 'python' });
    const ack = await fake.socket.send('interactive', click);
    expect(ack.payload).toEqual({});
    expect((await fake.waitFor('views.open')).args.trigger_id).toBe(click.trigger_id);
  });

  it('reconnects after a disconnect message, with a fresh apps.connections.open', async () => {
    const fake = await fakeSlack();
    // The client waits clientPingTimeout ms before reconnecting (5 s by default);
    // only a SocketModeReceiver of one's own takes that option.
    const receiver = new SocketModeReceiver({
      appToken: fake.appToken,
      clientPingTimeout: 1_000,
      logLevel: LogLevel.ERROR,
      installerOptions: { clientOptions: clientOptions(fake) },
    });
    await socketApp(fake, (app) => app.command('/roadmap', async ({ ack }) => ack('still here')), receiver);

    fake.socket.disconnect('refresh_requested');
    await fake.socket.waitForConnection(2, { timeoutMs: 5_000 });
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    const ack = await fake.socket.send('slash_commands', fake.payloads.slashCommand({ command: '/roadmap' }));
    expect(ack.payload).toEqual({ text: 'still here' });
  });

  it('makes app.start() fail when the app-level token is invalid', async () => {
    const fake = await fakeSlack();
    const app = new App({ token: fake.botToken, appToken: 'xapp-wrong', socketMode: true, clientOptions: clientOptions(fake), logger: silentLogger() });
    cleanups.push(() => app.stop());
    await expect(app.start()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('times out clearly when the app never acks', async () => {
    const fake = await fakeSlack();
    await socketApp(fake, (app) => app.command('/roadmap', async () => {}));
    await expect(fake.socket.send('slash_commands', fake.payloads.slashCommand({ command: '/roadmap' }), { timeoutMs: 200 })).rejects.toThrow(/an ack for slash_commands envelope/);
  });
});
