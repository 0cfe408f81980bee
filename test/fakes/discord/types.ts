// Public shapes of what the fake records and what a test may script.

/** One HTTP request the REST side received, with the answer it gave. */
export interface RecordedRequest {
  /** Order of arrival, from 1. */
  seq: number;
  method: string;
  /** The route without the `/api/v10` prefix and without the query, e.g. `/channels/1/messages`. */
  path: string;
  /** The path as requested, with prefix and query. */
  url: string;
  query: Record<string, string>;
  /** Lower-cased header names, as Node gives them. */
  headers: Record<string, string>;
  /** Parsed JSON, or the parsed `payload_json` part of a multipart body; null when there was none. */
  body: unknown;
  /** File parts of a multipart body (discord.js names them `files[n]`). */
  files: RecordedFile[];
  /** The status the fake answered with. */
  status: number;
  /** The JSON the fake answered with (null for 204). */
  response: unknown;
  /** True when the answer came from `failNext` rather than the route. */
  scripted: boolean;
  at: number;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/** A canned answer for `failNext`. */
export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A gateway frame, as sent or received: `{ op, d, s, t }`. */
export interface GatewayFrame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface GatewayRecord {
  /** `in`: the client sent it; `out`: the fake sent it. */
  direction: 'in' | 'out';
  /** Which WebSocket connection (from 1) carried it. */
  connection: number;
  frame: GatewayFrame;
  at: number;
}

/** `[shard id, shard count]`, as IDENTIFY and READY carry it. */
export type ShardId = [id: number, count: number];

export interface GatewayConnectionRecord {
  id: number;
  /** The path and query the client connected with, e.g. `/?v=10&encoding=json`. */
  url: string;
  query: Record<string, string>;
  /** The shard whose session this connection IDENTIFYed or RESUMEd; null before that. */
  shard: ShardId | null;
  /** Close code once closed (the client's, or the fake's), else null. */
  closeCode: number | null;
}

/** One dispatch (op 0) the fake sent, and where it went. */
export interface DispatchRecord {
  t: string;
  s: number;
  /** The frame's data as sent. */
  d: unknown;
  /** The guild it was about (routing it to a shard); null for DMs and READY. */
  guildId: string | null;
  /** The shard of the session it went to. */
  shard: ShardId;
  /** The session's id. */
  session: string;
  /** The connection it went out on; null when it was held for a RESUME's replay. */
  connection: number | null;
  at: number;
}
