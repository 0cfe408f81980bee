// One request over a kept-alive connection, tried again as the platform asks.
// Used on the few calls that run for nearly every command (Discord's
// interaction callback, Slack's response_url and users.info), where the
// platform libraries' own clients (queues, retry wrappers, axios, fetch) cost
// more CPU than the work; and for adding a card to an answer, where their
// multipart encoders copy the picture twice more (see discord/callback.ts).
import { Readable } from 'node:stream';
import { Agent, errors } from 'undici';

// undici, the HTTP client discord.js itself sends with (the same copy), keeps connections
// alive and reuses them. Its request() costs less CPU than node:http's: 120–185 against
// 195–210 µs a request against a local server, sending and reading. Against the fake Discord,
// two Cohort builds answering /challenge answer turn by turn, this one's p50 was 4–5% lower.
const agent = new Agent();

export interface Answer {
  status: number;
  /** Lower-cased names, as undici gives them. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** What `judge` returns to have the request tried again after `afterMs` (`error` is thrown if it can't be). */
export class TryAgain {
  constructor(
    readonly afterMs: number,
    readonly error: Error,
  ) {}
}

/** A body in pieces, written one after the other: a picture goes out as the Buffer it is, never copied into one body. */
export type Body = string | readonly (string | Buffer)[];

export interface RequestOptions<T> {
  /** POST unless said. */
  method?: 'POST' | 'PATCH';
  headers: Record<string, string>;
  timeoutMs: number;
  /** Tries in all. */
  attempts: number;
  /** A wait asked for longer than this is not waited for: `error` is thrown at once. */
  maxWaitMs?: number;
  /** Turns an answer into the result, throws, or asks to try again. */
  judge(answer: Answer): T | TryAgain;
}

export async function requestKeptAlive<T>(url: URL, body: Body, opts: RequestOptions<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const judged = opts.judge(await sendOnce(url, body, opts));
    if (!(judged instanceof TryAgain)) return judged;
    if (attempt >= opts.attempts || judged.afterMs > (opts.maxWaitMs ?? Infinity)) throw judged.error;
    await new Promise((r) => setTimeout(r, judged.afterMs));
  }
}

async function sendOnce(url: URL, body: Body, opts: Pick<RequestOptions<unknown>, 'method' | 'headers' | 'timeoutMs'>): Promise<Answer> {
  // The answer's hot path sends one string: no array is made for it.
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.reduce((sum, p) => sum + Buffer.byteLength(p), 0);
  try {
    const res = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: opts.method ?? 'POST',
      headers: { ...opts.headers, 'content-length': String(length) },
      // Pieces are streamed one after the other, each as it is: a picture is never copied into one body.
      body: typeof body === 'string' ? body : Readable.from(body.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))),
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  } catch (err) {
    if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError) {
      throw new Error(`${url.host} did not answer within ${opts.timeoutMs / 1000} s`, { cause: err });
    }
    throw err;
  }
}
