// users.info, called straight over a kept-alive connection. It runs for
// most commands (whoever has not been seen in the last minute), after the
// ack but while the next request is being acknowledged; through bolt's
// WebClient (its queue, retry wrapper, axios and response redaction) it cost
// about a millisecond of CPU each on the 2-core machine, which delayed the
// next ack. Rate limits and server errors are handled as the WebClient
// would: a 429 waits as long as Slack says, a 5xx is tried again.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

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

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** Slack said `ok: false` (or answered with an HTTP error): `code` is Slack's error string. */
export class SlackUsersInfoError extends Error {
  constructor(readonly code: string) {
    super(`users.info failed: ${code}`);
  }
}

class Retry extends Error {
  constructor(readonly afterMs: number, readonly last: Error) {
    super(last.message);
  }
}

/** `apiUrl` ends with a slash, as SLACK_API_URL is kept (https://slack.com/api/). */
export async function usersInfo(apiUrl: string, token: string, userId: string): Promise<SlackUserInfo> {
  const url = new URL('users.info', apiUrl);
  const body = new URLSearchParams({ user: userId }).toString();
  for (let attempt = 1; ; attempt++) {
    try {
      return await post(url, token, body);
    } catch (err) {
      if (!(err instanceof Retry)) throw err;
      if (attempt >= ATTEMPTS || err.afterMs > MAX_WAIT_MS) throw err.last;
      await new Promise((r) => setTimeout(r, err.afterMs));
    }
  }
}

function post(url: URL, token: string, body: string): Promise<SlackUserInfo> {
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status === 429) return reject(new Retry(Number(res.headers['retry-after'] ?? 1) * 1000, new SlackUsersInfoError('ratelimited')));
          if (status >= 500) return reject(new Retry(250, new SlackUsersInfoError(`http_${status}`)));
          try {
            const data = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok?: boolean; error?: string; user?: SlackUserInfo };
            if (data.ok && data.user) resolve(data.user);
            else reject(new SlackUsersInfoError(data.error ?? `http_${status}`));
          } catch {
            reject(new SlackUsersInfoError(`http_${status}`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`Slack did not answer users.info within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}
