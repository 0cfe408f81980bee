// HTTP plumbing for the REST side: reading and parsing bodies the way
// @discordjs/rest sends them, and Discord's error answers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UploadedFile } from './messages.ts';

export interface ParsedBody {
  /** JSON body, or the JSON in the multipart `payload_json` part; null if none. */
  body: unknown;
  files: UploadedFile[];
}

export function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * @discordjs/rest sends `application/json`, except when files are attached:
 * then `multipart/form-data` with the JSON in a `payload_json` part and each
 * file in a `files[n]` part. Node's built-in (undici) `Response#formData()`
 * parses multipart, so no parser is hand-rolled here.
 */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { body: null, files: [] };
  if (contentType?.startsWith('multipart/form-data') === true) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: UploadedFile[] = [];
    let body: unknown = null;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, filename: value.name, contentType: value.type || 'application/octet-stream', data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    throw new HttpError(400, { message: '400: Bad Request', code: 0 });
  }
}

/** An answer a route gives by throwing: status plus Discord's JSON error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message: string; code: number; errors?: unknown },
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${body.message}`);
  }
}

// Discord's JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json).
export const DiscordErrors = {
  unauthorized: () => new HttpError(401, { message: '401: Unauthorized', code: 0 }),
  notFound: () => new HttpError(404, { message: '404: Not Found', code: 0 }),
  methodNotAllowed: () => new HttpError(405, { message: '405: Method Not Allowed', code: 0 }),
  unknownChannel: () => new HttpError(404, { message: 'Unknown Channel', code: 10003 }),
  unknownGuild: () => new HttpError(404, { message: 'Unknown Guild', code: 10004 }),
  unknownMember: () => new HttpError(404, { message: 'Unknown Member', code: 10007 }),
  unknownMessage: () => new HttpError(404, { message: 'Unknown Message', code: 10008 }),
  unknownUser: () => new HttpError(404, { message: 'Unknown User', code: 10013 }),
  unknownWebhook: () => new HttpError(404, { message: 'Unknown Webhook', code: 10015 }),
  unknownApplication: () => new HttpError(404, { message: 'Unknown Application', code: 10002 }),
  unknownInteraction: () => new HttpError(404, { message: 'Unknown interaction', code: 10062 }),
  alreadyAcknowledged: () => new HttpError(400, { message: 'Interaction has already been acknowledged.', code: 40060 }),
  nonTextChannel: () => new HttpError(400, { message: 'Cannot send messages in a non-text channel', code: 50008 }),
  emptyMessage: () => new HttpError(400, { message: 'Cannot send an empty message', code: 50006 }),
  wrongChannelType: () => new HttpError(400, { message: 'Cannot execute action on this channel type', code: 50024 }),
  threadExists: () => new HttpError(400, { message: 'A thread has already been created for this message', code: 160004 }),
  invalidFormBody: (errors: unknown) => new HttpError(400, { message: 'Invalid Form Body', code: 50035, errors }),
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === null || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Node gives repeated headers as arrays; the log keeps one string per name. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
