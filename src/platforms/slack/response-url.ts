// Answers through an interaction's response_url, straight over a kept-alive
// connection. Every command's answer goes this way, after the ack but while
// the next request may be waiting for its own: bolt's respond() is a fetch()
// each time (undici's web streams), about 0.4 ms of CPU per answer in a
// profile of 2,000 commands on the 2-core machine, more than the rest of the
// answer's sending. Like respond(), anything but a 2xx fails; a 429 waits as
// long as Slack says (a response_url takes five answers in 30 minutes, so
// it is worth one wait), and a 5xx is tried once more.
import { requestKeptAlive, TryAgain, type Answer } from '../kept-alive.ts';

const TIMEOUT_MS = 10_000;
const ATTEMPTS = 2;
/** A 429 asking for longer than this is not waited for. */
const MAX_WAIT_MS = 5_000;

/** Slack refused the answer; `status` is its HTTP status (404 once the URL has expired, after 30 minutes). */
export class ResponseUrlError extends Error {
  constructor(readonly status: number) {
    super(`Failed to respond to the response_url: HTTP ${status}`);
  }
}

/** The message as respond() takes it: text or blocks, with response_type, replace_original and the like. */
export function postToResponseUrl(responseUrl: string, message: Record<string, unknown>): Promise<void> {
  return requestKeptAlive(new URL(responseUrl), JSON.stringify(message), {
    headers: { 'content-type': 'application/json' },
    timeoutMs: TIMEOUT_MS,
    attempts: ATTEMPTS,
    maxWaitMs: MAX_WAIT_MS,
    judge,
  });
}

function judge({ status, headers }: Answer): void | TryAgain {
  if (status >= 200 && status < 300) return;
  if (status === 429) return new TryAgain(Number(headers['retry-after'] ?? 1) * 1000, new ResponseUrlError(status));
  if (status >= 500) return new TryAgain(250, new ResponseUrlError(status));
  throw new ResponseUrlError(status);
}
