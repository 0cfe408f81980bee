// The first answer to an interaction, posted straight to Discord's callback
// endpoint over a kept-alive connection. This is the one request on every
// command's answering path: through discord.js it passed its message builder
// and @discordjs/rest's queue, about 0.3 ms of CPU per answer on the 2-core
// machine, more than Cohort's own command work. The callback needs no bot
// token and is not under the global rate limit, so the queue guards nothing
// here. Everything else (defers, follow-ups, uploads, posts) still goes
// through discord.js.
import { DiscordAPIError, InteractionResponseType, Routes, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { postKeptAlive, TryAgain, type Answer } from '../kept-alive.ts';

/** As long as discord.js gives a request before giving up on it. */
const TIMEOUT_MS = 15_000;
/** Tries in all, as discord.js's REST client: a 429 waits as long as Discord says, a 5xx is tried again at once. */
const ATTEMPTS = 4;

/** Answers interaction `id` with a message, as discord.js's `reply()` would; fails with a DiscordAPIError as discord.js would. */
export async function replyToInteraction(apiUrl: string, id: string, token: string, message: RESTPostAPIChannelMessageJSONBody & { flags?: number }): Promise<void> {
  const url = new URL(`${apiUrl.replace(/\/+$/, '')}/v10${Routes.interactionCallback(id, token)}`);
  const body = JSON.stringify({ type: InteractionResponseType.ChannelMessageWithSource, data: message });
  await postKeptAlive(url, body, {
    headers: { 'content-type': 'application/json', 'user-agent': 'DiscordBot (https://github.com/cohort, 1) Cohort' },
    timeoutMs: TIMEOUT_MS,
    attempts: ATTEMPTS,
    judge: (answer) => judge(answer, url, message),
  });
}

function judge({ status, headers, text }: Answer, url: URL, message: unknown): void | TryAgain {
  if (status >= 200 && status < 300) return;
  let raw: { code?: number; message?: string; retry_after?: number } = { message: text || 'no body' };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    // Not JSON (a proxy's error page): the text is the message.
  }
  const error = new DiscordAPIError({ code: raw.code ?? status, message: raw.message ?? '' }, raw.code ?? status, status, 'POST', url.toString(), { body: message });
  if (status === 429) return new TryAgain(Math.max(0, Number(raw.retry_after ?? headers['retry-after'] ?? 1) * 1000), error);
  if (status >= 500) return new TryAgain(0, error);
  throw error;
}
