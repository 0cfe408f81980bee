// Reading request bodies the way Slack's Web API does.
//
// @slack/web-api (v7+, fetch based) POSTs `application/x-www-form-urlencoded`
// by default: every argument that is not a string/number/boolean (blocks,
// attachments, view, metadata, ...) is JSON.stringify'd into its form field,
// and scalars arrive as strings ("true", "42"). Other clients POST
// `application/json`, where values keep their JSON types. File uploads are
// `multipart/form-data`. Slack also reads arguments from the query string.
import type { IncomingMessage } from 'node:http';

export type SlackArgs = Record<string, unknown>;

/** Form fields Slack itself decodes as JSON when they arrive form-encoded. */
const JSON_FIELDS = new Set(['attachments', 'blocks', 'metadata', 'unfurls', 'user_auth_blocks', 'view', 'chunks']);

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The media type without parameters, lower-cased: "application/json; charset=utf-8" → "application/json". */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A form field as Slack reads it: JSON-bearing fields are decoded when they
 * parse; anything that does not parse stays a string, so a handler can answer
 * `invalid_blocks_format` the way Slack does.
 */
export function decodeFormField(name: string, value: string): unknown {
  if (!JSON_FIELDS.has(name)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export class BodyParseError extends Error {}

/** Web API arguments from the query string and the body, body winning. */
export async function parseApiArgs(raw: Buffer, contentType: string | undefined, query: URLSearchParams): Promise<SlackArgs> {
  const args: SlackArgs = {};
  for (const [k, v] of query) args[k] = decodeFormField(k, v);
  const type = mediaType(contentType);
  if (raw.length === 0) return args;
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      throw new BodyParseError(`invalid JSON body: ${(e as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BodyParseError('JSON body is not an object');
    return { ...args, ...(parsed as SlackArgs) };
  }
  if (type === 'multipart/form-data') {
    // Let the WHATWG Response parse multipart; files become a small summary.
    const form = await new Response(raw, { headers: { 'content-type': contentType ?? '' } }).formData();
    for (const [k, v] of form) {
      args[k] = typeof v === 'string' ? decodeFormField(k, v) : { filename: v.name, size: v.size, type: v.type };
    }
    return args;
  }
  // application/x-www-form-urlencoded, and Slack's lenient default for anything else.
  for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) args[k] = decodeFormField(k, v);
  return args;
}
