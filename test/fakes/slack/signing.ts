// Requests as Slack sends them to an app's HTTP endpoint (bolt's HTTPReceiver,
// default path /slack/events), signed with the app's signing secret.
//
// Protocol facts (and what bolt 5 checks):
//  - Signature v0: `x-slack-signature: v0=` + hex HMAC-SHA256(signingSecret,
//    `v0:${timestamp}:${rawBody}`), with `x-slack-request-timestamp: <unix seconds>`.
//    bolt rejects a bad signature, a missing header or a timestamp more than
//    5 minutes old with HTTP 401 and an empty body.
//  - Slash commands are `application/x-www-form-urlencoded` fields.
//    Interactions (block_actions, view_submission, ...) are form-encoded with a
//    single `payload` field holding the JSON. Events API bodies are JSON.
//    bolt compares the content-type with `===`, so no "; charset" suffix.
//  - A retry carries `x-slack-retry-num` (1, 2, 3) and `x-slack-retry-reason`
//    (e.g. `http_timeout`); bolt exposes them as `context.retryNum` / `retryReason`.
//  - bolt answers as soon as the listener calls `ack()` (unless
//    processBeforeResponse), with the ack's argument as the body: none → 200
//    and an empty body, a string → that text, an object → JSON. Without an ack
//    within ~3 s it answers 404.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

export interface SlackHttpBody {
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  text: string;
}

/** Form fields, e.g. a slash command. */
export function formBody(fields: Record<string, string | undefined>): SlackHttpBody {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) params.append(k, v);
  return { contentType: 'application/x-www-form-urlencoded', text: params.toString() };
}

/** An interaction payload: form-encoded `payload=<json>`. */
export function interactiveBody(payload: object): SlackHttpBody {
  return formBody({ payload: JSON.stringify(payload) });
}

/** An Events API request body (JSON). */
export function jsonBody(body: object): SlackHttpBody {
  return { contentType: 'application/json', text: JSON.stringify(body) };
}

export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequestOptions {
  /** Unix seconds; default now. More than 5 minutes old → bolt answers 401. */
  timestamp?: number;
  /** Adds `x-slack-retry-num` and `x-slack-retry-reason`. */
  retryNum?: number;
  retryReason?: string;
  /** Overrides the computed signature (to test rejection). */
  signature?: string;
  /** Fails the request after this long; default 5 s (bolt answers un-acked requests after ~3 s). */
  timeoutMs?: number;
}

export interface SlackHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON; throws if it is not JSON. */
  json(): unknown;
}

/**
 * POSTs `body` to `url` signed like Slack does. Uses node:http with a fresh
 * connection per request (no keep-alive agent), so stopping the app's server
 * never waits on an idle socket from the test.
 */
export function signedRequest(url: string, body: SlackHttpBody, signingSecret: string, options: SignedRequestOptions = {}): Promise<SlackHttpResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': body.contentType,
    'content-length': String(Buffer.byteLength(body.text)),
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(signingSecret, timestamp, body.text),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  const timeoutMs = options.timeoutMs ?? 5_000;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`No answer from ${url} within ${timeoutMs}ms`)));
    req.on('error', reject);
    req.end(body.text);
  });
}

/**
 * The URL Slack would POST to for an app's server started with
 * `app.start({ host: '127.0.0.1', port: 0 })`: the OS-chosen port is read back
 * from `server.address()`. bolt's HTTPReceiver listens on `/slack/events` by default.
 */
export function receiverUrl(server: Server, path = '/slack/events'): string {
  const address = server.address() as AddressInfo | null;
  if (address === null) throw new Error('the app server is not listening');
  return `http://127.0.0.1:${address.port}${path}`;
}
