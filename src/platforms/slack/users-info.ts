// users.info, called straight over a kept-alive connection. It runs for
// most commands (whoever has not been seen in the last minute), after the
// ack but while the next request is being acknowledged; through bolt's
// WebClient (its queue, retry wrapper, axios and response redaction) it cost
// about a millisecond of CPU each on the 2-core machine, which delayed the
// next ack. Rate limits and server errors are handled as the WebClient
// would: a 429 waits as long as Slack says, a 5xx is tried again.
import { requestKeptAlive, TryAgain, type Answer } from '../kept-alive.ts';

/** What Cohort reads of a user (see users.ts). */
export interface SlackUserInfo {
  name?: string;
  real_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

const TIMEOUT_MS = 10_000;
/** Tries in all (the WebClient's replies are configured with 2 retries). */
const ATTEMPTS = 3;
/** A 429 asking for longer than this is not waited for: the caller falls back (users.ts). */
const MAX_WAIT_MS = 5_000;

/** Slack said `ok: false` (or answered with an HTTP error): `code` is Slack's error string. */
export class SlackUsersInfoError extends Error {
  constructor(readonly code: string) {
    super(`users.info failed: ${code}`);
  }
}

/** `apiUrl` ends with a slash, as SLACK_API_URL is kept (https://slack.com/api/). */
export function usersInfo(apiUrl: string, token: string, userId: string): Promise<SlackUserInfo> {
  return requestKeptAlive(new URL('users.info', apiUrl), new URLSearchParams({ user: userId }).toString(), {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    timeoutMs: TIMEOUT_MS,
    attempts: ATTEMPTS,
    maxWaitMs: MAX_WAIT_MS,
    judge,
  });
}

function judge({ status, headers, text }: Answer): SlackUserInfo | TryAgain {
  if (status === 429) return new TryAgain(Number(headers['retry-after'] ?? 1) * 1000, new SlackUsersInfoError('ratelimited'));
  if (status >= 500) return new TryAgain(250, new SlackUsersInfoError(`http_${status}`));
  let data: { ok?: boolean; error?: string; user?: SlackUserInfo };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    throw new SlackUsersInfoError(`http_${status}`);
  }
  if (data.ok && data.user) return data.user;
  throw new SlackUsersInfoError(data.error ?? `http_${status}`);
}
