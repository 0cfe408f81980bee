// The `response_url` sink.
//
// Slash commands and interactions carry a `response_url`; the app answers by
// POSTing JSON there (bolt's `respond()` does `fetch(response_url, { method:
// 'POST', headers: { 'Content-Type': 'application/json' }, body })`), with
// `text`/`blocks`, `response_type: 'ephemeral' | 'in_channel'`,
// `replace_original`, `delete_original`, `thread_ts`. bolt only checks the
// HTTP status: anything but 2xx makes `respond()` throw a RespondError.
//
// The fake's URLs are `http://127.0.0.1:<port>/response/<id>`, so every post
// is recorded under the id the test chose (or a generated one).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { mediaType, readBody } from './body.ts';
import { Recorder, type WaitOptions } from './recorder.ts';

export interface ResponseUrlPost {
  seq: number;
  /** The id in `/response/<id>`. */
  id: string;
  url: string;
  /** The parsed JSON body (`{}` if it was not a JSON object: see `rawBody`). */
  body: Record<string, unknown>;
  rawBody: string;
  contentType: string;
  headers: IncomingHttpHeaders;
  /** The HTTP status the fake answered. */
  status: number;
}

export type ResponseMatcher = string | ((post: ResponseUrlPost) => boolean);

interface ScriptedFailure {
  status: number;
  error: string;
}

export class ResponseUrlSink {
  readonly posts = new Recorder<ResponseUrlPost>('response_url post', describePost);
  readonly #failures = new Map<string, ScriptedFailure[]>();
  #seq = 0;

  constructor(private readonly baseUrl: () => string) {}

  /** A response_url the app can POST to; pass an id to find its posts easily. */
  url(id: string = randomUUID()): string {
    return `${this.baseUrl()}/response/${encodeURIComponent(id)}`;
  }

  /** The next post to `id` answers `status` with `{ ok: false, error }`, e.g. 404 `expired_url`. */
  failNext(id: string, status = 404, error = 'expired_url'): void {
    const queue = this.#failures.get(id) ?? [];
    queue.push({ status, error });
    this.#failures.set(id, queue);
  }

  /** The first post to the id (string), or matching the predicate. */
  waitFor(matcher: ResponseMatcher, options?: WaitOptions): Promise<ResponseUrlPost> {
    return typeof matcher === 'string'
      ? this.posts.waitFor((p) => p.id === matcher || p.url === matcher, options, `id ${matcher}`)
      : this.posts.waitFor(matcher, options);
  }

  async serve(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = (await readBody(req)).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      // Kept as rawBody; Slack itself would answer invalid_payload.
    }
    const failure = this.#failures.get(id)?.shift();
    const status = failure?.status ?? 200;
    this.#seq += 1;
    this.posts.push({
      seq: this.#seq,
      id,
      url: this.url(id),
      body,
      rawBody: raw,
      contentType: mediaType(req.headers['content-type']),
      headers: req.headers,
      status,
    });
    const answer = failure === undefined ? { ok: true } : { ok: false, error: failure.error };
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  }
}

function describePost(p: ResponseUrlPost): string {
  return `${p.id} → ${p.status} ${p.rawBody.length > 100 ? `${p.rawBody.slice(0, 97)}...` : p.rawBody}`;
}
