// The Web API endpoint: `POST <apiUrl><method>`.
//
// @slack/web-api joins `slackApiUrl` and the method by plain concatenation
// after making sure the base ends in "/" (`${slackApiUrl}${method}`), so the
// fake serves `/api/<method>` and hands out `apiUrl` = "http://127.0.0.1:<port>/api/".
//
// Protocol facts kept here:
//  - Slack answers HTTP 200 for platform errors: `{ ok: false, error }`.
//    The client turns that into a WebAPIPlatformError whose `data` is the body.
//  - Rate limits are HTTP 429 with a `Retry-After` header in seconds. The
//    client pauses its queue that long and retries (per its retryConfig), or
//    throws WebAPIRateLimitedError with `rejectRateLimitedCalls: true`.
//  - The token arrives as `Authorization: Bearer <token>`; older clients put
//    it in a `token` argument. No token → `not_authed`, unknown → `invalid_auth`,
//    an app-level token (xapp-) on a bot method, or the reverse, → `not_allowed_token_type`.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { BodyParseError, mediaType, parseApiArgs, readBody, type SlackArgs } from './body.ts';
import { builtInMethods, SlackApiError, type MethodHandler, type StoredView, type TokenKind } from './methods.ts';
import { Recorder, type WaitOptions } from './recorder.ts';
import type { Workspace } from './workspace.ts';

export type SlackResponseBody = { ok: boolean; error?: string } & Record<string, unknown>;

export interface WebApiCall {
  /** 1-based order of arrival. */
  seq: number;
  method: string;
  /** Arguments with JSON-bearing form fields (blocks, view, ...) decoded; form scalars stay strings. */
  args: SlackArgs;
  headers: IncomingHttpHeaders;
  /** From `Authorization: Bearer …`, else the `token` argument. */
  token: string | undefined;
  /** Media type of the request body, e.g. "application/x-www-form-urlencoded". */
  contentType: string;
  rawBody: string;
  /** The HTTP status the fake answered (200, or 429 when rate limited). */
  status: number;
  /** The JSON body the fake answered. */
  response: SlackResponseBody;
}

export type CallMatcher = string | ((call: WebApiCall) => boolean);

type Scripted = { kind: 'error'; error: string; extra: Record<string, unknown> } | { kind: 'rate_limited'; retryAfterSeconds: number };

/** Methods that take the app-level token; `auth.test` takes either kind. */
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);
const ANY_TOKEN_METHODS = new Set(['auth.test']);

export interface Tokens {
  bot: string;
  app: string;
}

export class WebApi {
  readonly calls = new Recorder<WebApiCall>('Web API call', describeCall);
  readonly views = new Map<string, StoredView>();
  readonly #handlers = builtInMethods(this.views);
  readonly #script = new Map<string, Scripted[]>();
  #seq = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly tokens: Tokens,
    private readonly openSocketUrl: () => string,
  ) {}

  /** The next call to `method` answers HTTP 200 `{ ok: false, error, ...extra }`. Queue several by calling again. */
  failNext(method: string, error: string, extra: Record<string, unknown> = {}): void {
    this.#enqueue(method, { kind: 'error', error, extra });
  }

  /** The next call to `method` answers HTTP 429 with `Retry-After: <seconds>`. */
  rateLimitNext(method: string, retryAfterSeconds = 1): void {
    this.#enqueue(method, { kind: 'rate_limited', retryAfterSeconds });
  }

  /** Adds or replaces a method. Throw `SlackApiError` for `{ ok: false }` answers. */
  handle(method: string, handler: MethodHandler): void {
    this.#handlers.set(method, handler);
  }

  waitFor(matcher: CallMatcher, options?: WaitOptions): Promise<WebApiCall> {
    return typeof matcher === 'string'
      ? this.calls.waitFor((c) => c.method === matcher, options, `method ${matcher}`)
      : this.calls.waitFor(matcher, options);
  }

  async serve(method: string, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const raw = await readBody(req);
    const contentType = mediaType(req.headers['content-type']);
    let args: SlackArgs = {};
    let status = 200;
    let response: SlackResponseBody;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    let token = bearer(req.headers.authorization);
    try {
      args = await parseApiArgs(raw, req.headers['content-type'], query);
      token ??= typeof args.token === 'string' ? args.token : undefined;
      const scripted = this.#script.get(method)?.shift();
      if (scripted?.kind === 'rate_limited') {
        status = 429;
        headers['retry-after'] = String(scripted.retryAfterSeconds);
        response = { ok: false, error: 'ratelimited' };
      } else if (scripted?.kind === 'error') {
        response = { ok: false, error: scripted.error, ...scripted.extra };
      } else {
        response = await this.#answer(method, args, token);
      }
    } catch (e) {
      if (!(e instanceof BodyParseError)) throw e;
      response = { ok: false, error: contentType === 'application/json' ? 'invalid_json' : 'invalid_form_data' };
    }
    this.#seq += 1;
    // Recorded before answering, so a test awaiting the client's promise finds the call already here.
    this.calls.push({
      seq: this.#seq,
      method,
      args,
      headers: req.headers,
      token,
      contentType,
      rawBody: raw.toString('utf8'),
      status,
      response,
    });
    res.writeHead(status, headers).end(JSON.stringify(response));
  }

  async #answer(method: string, args: SlackArgs, token: string | undefined): Promise<SlackResponseBody> {
    const handler = this.#handlers.get(method);
    if (handler === undefined) return { ok: false, error: 'unknown_method' };
    if (token === undefined) return { ok: false, error: 'not_authed' };
    const tokenKind: TokenKind | undefined = token === this.tokens.bot ? 'bot' : token === this.tokens.app ? 'app' : undefined;
    if (tokenKind === undefined) return { ok: false, error: 'invalid_auth' };
    if (!ANY_TOKEN_METHODS.has(method) && (tokenKind === 'app') !== APP_TOKEN_METHODS.has(method)) {
      return { ok: false, error: 'not_allowed_token_type' };
    }
    try {
      const result = await handler({ method, args, token, tokenKind, workspace: this.workspace, openSocketUrl: this.openSocketUrl });
      return { ok: true, ...result };
    } catch (e) {
      if (e instanceof SlackApiError) return { ok: false, error: e.error, ...e.extra };
      throw e;
    }
  }

  #enqueue(method: string, step: Scripted): void {
    const queue = this.#script.get(method) ?? [];
    queue.push(step);
    this.#script.set(method, queue);
  }
}

function bearer(authorization: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return m?.[1];
}

function describeCall(c: WebApiCall): string {
  const shown = Object.entries(c.args)
    .filter(([k]) => k !== 'token')
    .map(([k, v]) => `${k}=${truncate(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join(' ');
  const outcome = c.status === 429 ? '429' : c.response.ok ? 'ok' : `error=${c.response.error ?? '?'}`;
  return `${c.method} ${shown} → ${outcome}`;
}

function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}
