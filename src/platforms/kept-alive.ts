// One request over a kept-alive connection, tried again as the platform asks.
// Used on the few calls that run for nearly every command (Discord's
// interaction callback, Slack's response_url and users.info), where the
// platform libraries' own clients (queues, retry wrappers, axios, fetch) cost
// more CPU than the work; and for adding a card to an answer, where their
// multipart encoders copy the picture twice more (see discord/callback.ts).
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
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

function sendOnce(url: URL, body: Body, opts: Pick<RequestOptions<unknown>, 'method' | 'headers' | 'timeoutMs'>): Promise<Answer> {
  const secure = url.protocol === 'https:';
  // The answer's hot path sends one string: no array is made for it.
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.reduce((sum, p) => sum + Buffer.byteLength(p), 0);
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      { method: opts.method ?? 'POST', agent: secure ? agents.https : agents.http, headers: { ...opts.headers, 'content-length': length }, timeout: opts.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url.host} did not answer within ${opts.timeoutMs / 1000} s`)));
    req.on('error', reject);
    // One string goes out with the headers in one write; pieces are written one after the other.
    if (typeof body === 'string') {
      req.end(body);
    } else {
      for (const p of body) req.write(p);
      req.end();
    }
  });
}
