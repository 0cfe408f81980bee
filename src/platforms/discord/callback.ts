// The requests on an interaction's own endpoints, sent straight to Discord
// over a kept-alive connection rather than through discord.js:
// - the first answer (the interaction callback), the one request on every
//   command's answering path. Through discord.js it passed its message builder
//   and @discordjs/rest's queue, about 0.3 ms of CPU per answer on the 2-core
//   machine, more than Cohort's own command work.
// - the edit that adds a card to an answer. @discordjs/rest copies the picture
//   into a Blob and again into its multipart stream; those copies live until
//   a full garbage collection, and 200 cards grew the allocator's arena by
//   14 MiB where it now grows by 6. Here the picture goes to the socket as the
//   Buffer it came in.
// Neither needs the bot token or is under the global rate limit, so the queue
// guards nothing here. Everything else (defers, follow-ups, posts) still goes
// through discord.js.
import { randomBytes } from 'node:crypto';
import { DiscordAPIError, InteractionResponseType, Routes, type RESTPatchAPIWebhookWithTokenMessageJSONBody, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { requestKeptAlive, TryAgain, type Answer, type Body } from '../kept-alive.ts';

/** As long as discord.js gives a request before giving up on it. */
const TIMEOUT_MS = 15_000;
/** Tries in all, as discord.js's REST client: a 429 waits as long as Discord says, a 5xx is tried again at once. */
const ATTEMPTS = 4;
const USER_AGENT = 'DiscordBot (https://github.com/cohort, 1) Cohort';

/** Answers interaction `id` with a message, as discord.js's `reply()` would; fails with a DiscordAPIError as discord.js would. */
export async function replyToInteraction(apiUrl: string, id: string, token: string, message: RESTPostAPIChannelMessageJSONBody & { flags?: number }): Promise<void> {
  const body = JSON.stringify({ type: InteractionResponseType.ChannelMessageWithSource, data: message });
  await send('POST', endpoint(apiUrl, Routes.interactionCallback(id, token)), body, 'application/json', message);
}

/** A file sent with a message, as its bytes. */
export interface Upload {
  name: string;
  data: Buffer;
  contentType: string;
}

/**
 * Edits a message of the interaction's webhook (`@original`, or a follow-up's
 * id), as discord.js's `editReply()` would: the JSON in a `payload_json` part,
 * each file in a `files[n]` part, which the body's `attachments` refer to by n.
 */
export async function editInteractionMessage(apiUrl: string, applicationId: string, token: string, messageId: string, message: RESTPatchAPIWebhookWithTokenMessageJSONBody, files: readonly Upload[] = []): Promise<void> {
  const url = endpoint(apiUrl, Routes.webhookMessage(applicationId, token, messageId));
  if (files.length === 0) return send('PATCH', url, JSON.stringify(message), 'application/json', message);
  const boundary = `cohort-${randomBytes(12).toString('hex')}`;
  const part = (headers: string) => `--${boundary}\r\n${headers}\r\n\r\n`;
  const pieces: (string | Buffer)[] = [part('Content-Disposition: form-data; name="payload_json"\r\nContent-Type: application/json'), JSON.stringify(message), '\r\n'];
  for (const [n, f] of files.entries()) {
    pieces.push(part(`Content-Disposition: form-data; name="files[${n}]"; filename="${f.name.replace(/["\r\n\\]/g, '_')}"\r\nContent-Type: ${f.contentType}`), f.data, '\r\n');
  }
  pieces.push(`--${boundary}--\r\n`);
  await send('PATCH', url, pieces, `multipart/form-data; boundary=${boundary}`, message);
}

const endpoint = (apiUrl: string, route: string) => new URL(`${apiUrl.replace(/\/+$/, '')}/v10${route}`);

function send(method: 'POST' | 'PATCH', url: URL, body: Body, contentType: string, message: unknown): Promise<void> {
  return requestKeptAlive(url, body, {
    method,
    headers: { 'content-type': contentType, 'user-agent': USER_AGENT },
    timeoutMs: TIMEOUT_MS,
    attempts: ATTEMPTS,
    judge: (answer) => judge(answer, method, url, message),
  });
}

function judge({ status, headers, text }: Answer, method: string, url: URL, message: unknown): void | TryAgain {
  if (status >= 200 && status < 300) return;
  let raw: { code?: number; message?: string; retry_after?: number } = { message: text || 'no body' };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    // Not JSON (a proxy's error page): the text is the message.
  }
  const error = new DiscordAPIError({ code: raw.code ?? status, message: raw.message ?? '' }, raw.code ?? status, status, method, url.toString(), { body: message });
  if (status === 429) return new TryAgain(Math.max(0, Number(raw.retry_after ?? headers['retry-after'] ?? 1) * 1000), error);
  if (status >= 500) return new TryAgain(0, error);
  throw error;
}
