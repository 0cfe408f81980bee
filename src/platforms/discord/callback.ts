// The first answer to an interaction, posted straight to Discord's callback
// endpoint over a kept-alive connection. This is the one request on every
// command's answering path: through discord.js it passed its message builder
// and @discordjs/rest's queue, about 0.3 ms of CPU per answer on the 2-core
// machine, more than Cohort's own command work. The callback needs no bot
// token and is not under the global rate limit, so the queue guards nothing
// here. Everything else (defers, follow-ups, uploads, posts) still goes
// through discord.js.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { DiscordAPIError, InteractionResponseType, Routes, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';

/** As long as discord.js gives a request before giving up on it. */
const TIMEOUT_MS = 15_000;

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** Tries in all, as discord.js's REST client: a 429 waits as long as Discord says, a 5xx is tried again at once. */
const ATTEMPTS = 4;

/** Asked to wait again (429) or a server error (5xx): tried again as discord.js would. */
class Retry extends Error {
  constructor(readonly afterMs: number, readonly last: Error) {
    super(last.message);
  }
}

/** Answers interaction `id` with a message, as discord.js's `reply()` would; fails with a DiscordAPIError as discord.js would. */
export async function replyToInteraction(apiUrl: string, id: string, token: string, message: RESTPostAPIChannelMessageJSONBody & { flags?: number }): Promise<void> {
  const url = new URL(`${apiUrl.replace(/\/+$/, '')}/v10${Routes.interactionCallback(id, token)}`);
  const body = JSON.stringify({ type: InteractionResponseType.ChannelMessageWithSource, data: message });
  for (let attempt = 1; ; attempt++) {
    try {
      return await post(url, body, message);
    } catch (err) {
      if (!(err instanceof Retry)) throw err;
      if (attempt >= ATTEMPTS) throw err.last;
      await new Promise((r) => setTimeout(r, err.afterMs));
    }
  }
}

function post(url: URL, body: string, message: unknown): Promise<void> {
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'DiscordBot (https://github.com/cohort, 1) Cohort' },
        timeout: TIMEOUT_MS,
      },
      (res) => void settle(res, url, message).then(resolve, reject),
    );
    req.on('timeout', () => req.destroy(new Error(`Discord did not answer the interaction callback within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function settle(res: IncomingMessage, url: URL, message: unknown): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return;
  const text = Buffer.concat(chunks).toString('utf8');
  let raw: { code?: number; message?: string } = { message: text || res.statusMessage || 'no body' };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    // Not JSON (a proxy's error page): the text is the message.
  }
  const error = new DiscordAPIError({ code: raw.code ?? status, message: raw.message ?? '' }, raw.code ?? status, status, 'POST', url.toString(), { body: message });
  if (status === 429) {
    const seconds = Number((raw as { retry_after?: number }).retry_after ?? res.headers['retry-after'] ?? 1);
    throw new Retry(Math.max(0, seconds * 1000), error);
  }
  if (status >= 500) throw new Retry(0, error);
  throw error;
}
