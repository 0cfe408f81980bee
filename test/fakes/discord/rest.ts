// The REST side: one node:http handler that parses, authenticates, records
// and routes every request. discord.js builds URLs as
// `${rest.api}/v${version}${route}`; the fake hands out `rest.api` as
// `http://127.0.0.1:<port>/api`, so routes arrive under `/api/v10`.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from './gateway.ts';
import { DiscordErrors, flatHeaders, HttpError, parseBody, readRaw, sendJson } from './http.ts';
import type { Interactions } from './interactions.ts';
import type { MessageStore } from './messages.ts';
import type { Recorder } from './recorder.ts';
import { Router, type RouteResult } from './router.ts';
import { addChannelRoutes } from './routes-channels.ts';
import { addCoreRoutes } from './routes-core.ts';
import { addInteractionRoutes } from './routes-interactions.ts';
import type { SnowflakeGenerator } from './snowflake.ts';
import type { RecordedRequest, ScriptedResponse } from './types.ts';
import type { World } from './world.ts';

export const API_PREFIX = '/api/v10';

/** What route handlers work with. */
export interface RestDeps {
  token: string;
  world: World;
  messages: MessageStore;
  interactions: Interactions;
  gateway: Gateway;
  ids: SnowflakeGenerator;
}

interface Script {
  method: string;
  path: RegExp | string;
  response: ScriptedResponse;
  remaining: number;
}

export class RestApi {
  readonly #router = new Router();
  readonly #scripts: Script[] = [];
  #seq = 0;

  constructor(
    private readonly deps: RestDeps,
    private readonly log: Recorder<RecordedRequest>,
  ) {
    addCoreRoutes(this.#router, deps);
    addChannelRoutes(this.#router, deps);
    addInteractionRoutes(this.#router, deps);
  }

  /**
   * Answers the next `times` requests matching method and path with
   * `response` instead of the route. A string path must equal the route path
   * (`/channels/1/messages`); a RegExp is tested against it.
   */
  script(method: string, path: RegExp | string, response: ScriptedResponse, times: number): void {
    this.#scripts.push({ method: method.toUpperCase(), path, response, remaining: times });
  }

  /** Matching requests are handled `ms` later, as over a slow network (the request is already received). */
  slowDown(method: string, path: RegExp, ms: number): void {
    this.#delays.push({ method: method.toUpperCase(), path, ms });
  }

  readonly #delays: { method: string; path: RegExp; ms: number }[] = [];

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.#handle(req, res).catch((error: unknown) => {
      // A bug in the fake itself: answer 500 so the client fails instead of hanging.
      sendJson(res, 500, { message: `fake Discord crashed: ${String(error)}`, code: 0 });
    });
  };

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readRaw(req);

    // Uploaded files are served back where attachment URLs point (never Discord's CDN).
    const attachment = /^\/attachments\/\d+\/(\d+)\/[^/]+$/.exec(url.pathname);
    if (method === 'GET' && attachment !== null) {
      const file = this.deps.messages.files.get(attachment[1] ?? '');
      if (file === undefined) return sendJson(res, 404, { message: '404: Not Found', code: 0 });
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.data.length) });
      res.end(file.data);
      return;
    }

    // discord.js percent-encodes some segments (`@original` arrives as `%40original`); routes, scripts and the log see them decoded.
    const decoded = url.pathname.split('/').map(safeDecode).join('/');
    const path = decoded.startsWith(`${API_PREFIX}/`) ? decoded.slice(API_PREFIX.length) : decoded;
    const headers = flatHeaders(req);
    const record: RecordedRequest = {
      seq: ++this.#seq,
      method,
      path,
      url: `${url.pathname}${url.search}`,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: null,
      files: [],
      status: 0,
      response: null,
      scripted: false,
      at: Date.now(),
    };

    let result: RouteResult;
    try {
      const parsed = await parseBody(raw, headers['content-type']);
      record.body = parsed.body;
      record.files = parsed.files.map((f) => ({ field: f.field, filename: f.filename, contentType: f.contentType, size: f.data.length }));
      const delay = this.#delays.find((d) => d.method === method && d.path.test(path));
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
      const script = this.#takeScript(method, path);
      if (script !== undefined) {
        record.scripted = true;
        result = { status: script.status, body: script.body, headers: script.headers ?? {} };
      } else if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
        throw DiscordErrors.notFound();
      } else {
        const match = this.#router.match(method, path);
        if (match.kind === 'none') throw DiscordErrors.notFound();
        if (match.kind === 'wrong-method') throw DiscordErrors.methodNotAllowed();
        if (match.route.auth && headers.authorization !== `Bot ${this.deps.token}`) throw DiscordErrors.unauthorized();
        result = await match.route.handler({ method, path, params: match.params, query: url.searchParams, headers, body: parsed.body, files: parsed.files });
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = { status: error.status, body: error.body, headers: error.headers };
    }

    record.status = result.status;
    record.response = result.body === undefined ? null : structuredClone(result.body);
    this.log.push(record);
    sendJson(res, result.status, result.body, result.headers);
  }

  #takeScript(method: string, path: string): ScriptedResponse | undefined {
    const script = this.#scripts.find((s) => s.method === method && (typeof s.path === 'string' ? s.path === path : s.path.test(path)));
    if (script === undefined) return undefined;
    script.remaining -= 1;
    if (script.remaining <= 0) this.#scripts.splice(this.#scripts.indexOf(script), 1);
    return script.response;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
