// The fake Slack: one HTTP server on 127.0.0.1 and an ephemeral port serving
//   /api/<method>     the Web API             (apiUrl → clientOptions.slackApiUrl)
//   /response/<id>    response_url sink        (responseUrl(id))
//   /upload/v1/<id>   file bytes               (files.getUploadURLExternal's upload_url)
//   /link/?ticket=…   Socket Mode WebSocket    (handed out by apps.connections.open)
// Nothing here ever reaches the real Slack.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { payloadBuilders, type PayloadBuilders } from './payloads.ts';
import type { WaitOptions } from './recorder.ts';
import { ResponseUrlSink, type ResponseMatcher, type ResponseUrlPost } from './response-url.ts';
import { SocketModeServer } from './socket-mode.ts';
import { WebApi, type CallMatcher, type WebApiCall } from './web-api.ts';
import { FileStore } from './files.ts';
import { postableChannel, type MethodHandler } from './methods.ts';
import { DEFAULT_BOT, DEFAULT_TEAM, Workspace, type FakeBot, type FakeChannel, type FakeChannelInit, type FakeTeam, type FakeUserInit, type StoredMessage } from './workspace.ts';

export interface FakeSlackOptions {
  /** The bot token the fake accepts (default "xoxb-fake-bot-token"). */
  botToken?: string;
  /** The app-level token for Socket Mode (default "xapp-fake-app-token"). */
  appToken?: string;
  team?: Partial<FakeTeam>;
  bot?: Partial<FakeBot>;
  users?: FakeUserInit[];
  channels?: FakeChannelInit[];
}

/** The test-facing part of the Socket Mode server. */
export type FakeSocketMode = Pick<SocketModeServer, 'send' | 'disconnect' | 'waitForConnection' | 'received' | 'connections' | 'openConnections'>;

export class FakeSlack {
  readonly botToken: string;
  readonly appToken: string;
  readonly workspace: Workspace;
  readonly socket: FakeSocketMode;
  /** Payload builders whose response_urls point at this fake and whose block_actions messages exist here. */
  readonly payloads: PayloadBuilders;
  /** Files uploaded through files.getUploadURLExternal → upload URL → files.completeUploadExternal. */
  readonly files: FileStore;
  /** Errors thrown inside the fake itself (answered as HTTP 500); a test can assert this stays empty. */
  readonly internalErrors: Error[] = [];

  readonly #server: Server;
  readonly #webApi: WebApi;
  readonly #sink: ResponseUrlSink;
  readonly #socket: SocketModeServer;
  #port = 0;
  #closing: Promise<void> | undefined;

  private constructor(options: FakeSlackOptions) {
    this.botToken = options.botToken ?? 'xoxb-fake-bot-token';
    this.appToken = options.appToken ?? 'xapp-fake-app-token';
    this.workspace = new Workspace({ ...DEFAULT_TEAM, ...options.team }, { ...DEFAULT_BOT, ...options.bot });
    for (const user of options.users ?? []) this.workspace.addUser(user);
    for (const channel of options.channels ?? []) this.workspace.addChannel(channel);

    this.#socket = new SocketModeServer(() => `ws://127.0.0.1:${this.#port}`, this.workspace.bot.appId);
    this.socket = this.#socket;
    this.#webApi = new WebApi(this.workspace, { bot: this.botToken, app: this.appToken }, () => this.#socket.issueUrl());
    this.#sink = new ResponseUrlSink(() => this.baseUrl);
    this.files = new FileStore(this.workspace, () => this.baseUrl);
    for (const [method, handler] of Object.entries(this.files.handlers((c) => postableChannel(this.workspace, c)))) this.#webApi.handle(method, handler);
    this.payloads = payloadBuilders({
      team: this.workspace.team,
      bot: this.workspace.bot,
      responseUrl: () => this.#sink.url(),
      nextTs: () => this.workspace.nextTs(),
      onSourceMessage: (m) => {
        if (this.workspace.message(m.channel, m.ts) === undefined) this.workspace.storeMessage(m);
      },
    });

    this.#server = createServer((req, res) => {
      this.#route(req, res).catch((e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        this.internalErrors.push(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake Slack failed: ${error.message}`);
      });
    });
    this.#server.on('upgrade', (req, socket, head: Buffer) => this.#socket.handleUpgrade(req, socket, head));
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await new Promise<void>((resolve, reject) => {
      fake.#server.once('error', reject);
      // Loopback only, port 0: the OS picks a free port; read it back from address().
      fake.#server.listen({ host: '127.0.0.1', port: 0 }, () => {
        fake.#server.off('error', reject);
        resolve();
      });
    });
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get port(): number {
    return this.#port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** For `clientOptions.slackApiUrl`; the trailing slash matters (the client appends the method name). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  // --- Web API -------------------------------------------------------------

  /** Every Web API call so far, oldest first. */
  get calls(): readonly WebApiCall[] {
    return this.#webApi.calls.all;
  }

  callsTo(method: string): WebApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The first call to `method` (string) or matching the predicate, recorded or yet to come. */
  waitFor(matcher: CallMatcher, options?: WaitOptions): Promise<WebApiCall> {
    return this.#webApi.waitFor(matcher, options);
  }

  /** The next call to `method` answers `{ ok: false, error, ...extra }` (HTTP 200, as Slack does). */
  failNext(method: string, error: string, extra?: Record<string, unknown>): void {
    this.#webApi.failNext(method, error, extra);
  }

  /** The next call to `method` answers HTTP 429 with `Retry-After: <seconds>`. */
  rateLimitNext(method: string, retryAfterSeconds?: number): void {
    this.#webApi.rateLimitNext(method, retryAfterSeconds);
  }

  /** Adds or overrides a Web API method. */
  handle(method: string, handler: MethodHandler): void {
    this.#webApi.handle(method, handler);
  }

  addUser(user: FakeUserInit): void {
    this.workspace.addUser(user);
  }

  addChannel(channel: FakeChannelInit): FakeChannel {
    return this.workspace.addChannel(channel);
  }

  /** A message as it stands now (after chat.update), or undefined. */
  message(channel: string, ts: string): StoredMessage | undefined {
    return this.workspace.message(channel, ts);
  }

  /** A view opened with views.open (as updated since). */
  view(id: string): Record<string, unknown> | undefined {
    return this.#webApi.views.get(id);
  }

  // --- response_url ----------------------------------------------------------

  /** A response_url on this fake; posts to it are recorded under `id`. */
  responseUrl(id?: string): string {
    return this.#sink.url(id);
  }

  get responses(): readonly ResponseUrlPost[] {
    return this.#sink.posts.all;
  }

  waitForResponse(matcher: ResponseMatcher, options?: WaitOptions): Promise<ResponseUrlPost> {
    return this.#sink.waitFor(matcher, options);
  }

  /** The next post to response_url `id` answers `status` `{ ok: false, error }`. */
  failNextResponse(id: string, status?: number, error?: string): void {
    this.#sink.failNext(id, status, error);
  }

  // --- lifecycle -------------------------------------------------------------

  /** Fails pending waits, drops sockets and stops listening. Stop the bolt app first. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#webApi.calls.close('the fake Slack closed');
      this.#sink.posts.close('the fake Slack closed');
      await this.#socket.close();
      // Keep-alive connections from the app's fetch would otherwise hold close() open.
      this.#server.closeAllConnections();
      await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    })();
    return this.#closing;
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (api !== null) return this.#webApi.serve(api[1]!, req, res, url.searchParams);
    const upload = /^\/upload\/v1\/([\w]+)$/.exec(url.pathname);
    if (upload !== null) return this.files.serveUpload(upload[1]!, req, res);
    const response = /^\/response\/([^/]+)$/.exec(url.pathname);
    if (response !== null && req.method === 'POST') return this.#sink.serve(decodeURIComponent(response[1]!), req, res);
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ ok: false, error: 'fake_slack_no_such_route', path: url.pathname }));
  }
}

export function startFakeSlack(options?: FakeSlackOptions): Promise<FakeSlack> {
  return FakeSlack.start(options);
}
