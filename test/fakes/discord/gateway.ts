// The gateway: a WebSocket server speaking Discord's v10 JSON protocol, the
// way @discordjs/ws 1.x (discord.js 14) drives it:
//
// - It GETs /gateway/bot, then connects to `${url}?v=10&encoding=json`. It
//   adds `&compress=zlib-stream` only when the optional `zlib-sync` package is
//   installed (it is not here), so frames are plain JSON text both ways.
// - The server speaks first: HELLO (op 10) with `heartbeat_interval`. The
//   client waits `interval * random()` before its first HEARTBEAT (op 1), then
//   beats every interval; an unacknowledged beat makes it reconnect, so every
//   op 1 gets a HEARTBEAT_ACK (op 11). A server-sent op 1 asks for a beat now.
// - With no stored session it sends IDENTIFY (op 2) and waits for the READY
//   dispatch; it keeps `session_id`, `resume_gateway_url` and the last `s`.
//   discord.js then waits for a GUILD_CREATE for every guild READY listed as
//   unavailable before it emits `clientReady`.
// - RECONNECT (op 7): it closes with code 4200 (its own "resuming" code),
//   waits 500 ms, connects to `resume_gateway_url` and sends RESUME (op 6)
//   with the session id and last sequence. The server replays every dispatch
//   after that sequence, then sends the RESUMED dispatch.
//   This fake holds back dispatches from op 7 until the RESUME, so a test can
//   prove the replay deterministically.
// - INVALID_SESSION (op 9): `d: true` makes it send RESUME on the same
//   connection; `d: false` makes it drop
//   the session and IDENTIFY again, after the identify throttle (5 s after the
//   previous identify, so avoid that path in fast tests).
// - Closing with 1000/1001 ends a session for good (the client does that on
//   `destroy()`); other close codes leave it resumable.
// - Sharding: /gateway/bot recommends `shards` (a fake option) and gives
//   `session_start_limit.max_concurrency`; @discordjs/ws identifies shard i
//   after the previous identify of bucket `i % max_concurrency`, 5 s apart, so
//   the fake's default of 16 lets a test's shards identify at once. IDENTIFY
//   `shard: [i, n]` opens a session for that shard: READY and GUILD_CREATE list
//   only the guilds with `(guild_id >> 22) % n == i`, and every later dispatch
//   about a guild goes to the (newest) session of the shard holding it; DMs
//   and other guild-less dispatches go to shard 0, as on Discord. A shard id
//   outside 0..n-1 is closed with 4010; a shard that would hold more than
//   `maxGuildsPerShard` guilds (Discord: 2,500) with 4011, "sharding
//   required". Sessions of several shards (and of several processes) are live
//   at once; `dispatches` records which shard and connection each went to.
// - Not modelled: heartbeat deadlines (Discord closes a silent client with
//   4009), gateway rate limits (identify pacing is the client's), zlib/etf.

import type { IncomingMessage, Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import type { GatewayReadyDispatchData } from 'discord.js';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { asObject, optNumber, optString } from './json.ts';
import type { Recorder } from './recorder.ts';
import { shardOf } from './snowflake.ts';
import type { DispatchRecord, GatewayConnectionRecord, GatewayFrame, GatewayRecord, ShardId } from './types.ts';
import type { World } from './world.ts';

// Gateway close codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway).
export const CloseCodes = {
  unknownError: 4000,
  unknownOpcode: 4001,
  decodeError: 4002,
  notAuthenticated: 4003,
  authenticationFailed: 4004,
  alreadyAuthenticated: 4005,
  invalidSeq: 4007,
  invalidShard: 4010,
  shardingRequired: 4011,
  invalidApiVersion: 4012,
  invalidIntents: 4013,
} as const;

export interface GatewayOptions {
  token: string;
  world: World;
  heartbeatIntervalMs: number;
  /** ws:// origin of the fake, e.g. `ws://127.0.0.1:1234`. */
  origin: () => string;
  log: Recorder<GatewayRecord>;
  connections: Recorder<GatewayConnectionRecord>;
  dispatches: Recorder<DispatchRecord>;
  /** The shard count /gateway/bot recommends. */
  shards: number;
  /** /gateway/bot's `session_start_limit.max_concurrency`. */
  maxConcurrency: number;
  /** A shard holding more guilds than this is refused with 4011. */
  maxGuildsPerShard: number;
}

interface Connection {
  id: number;
  socket: WebSocket;
  record: GatewayConnectionRecord;
  session: Session | null;
  /** Set once op 7 went out: the client is about to leave, so dispatches wait for its RESUME. */
  leaving: boolean;
}

interface Session {
  id: string;
  /** `[shard id, shard count]` from IDENTIFY; `[0, 1]` when it named none. */
  shard: ShardId;
  intents: number;
  seq: number;
  /** Every dispatch of the session, kept for replay on RESUME. */
  history: GatewayFrame[];
  connection: Connection | null;
  ended: boolean;
}

export class Gateway {
  readonly #wss: WebSocketServer;
  readonly #sessions: Session[] = [];
  readonly #connections = new Set<Connection>();
  #nextConnection = 1;

  constructor(
    server: Server,
    private readonly options: GatewayOptions,
  ) {
    // Shares the REST server's port: ws takes the HTTP upgrade requests, on any path.
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket, req) => this.#accept(socket, req));
  }

  /** The URL GET /gateway/bot hands out (Discord's is `wss://gateway.discord.gg`, no path). */
  get url(): string {
    return this.options.origin();
  }

  /** READY's `resume_gateway_url`: a different path, so a test can see the client used it. */
  get resumeUrl(): string {
    return `${this.options.origin()}/resume`;
  }

  get recommendedShards(): number {
    return this.options.shards;
  }

  get maxConcurrency(): number {
    return this.options.maxConcurrency;
  }

  /** The newest session that can still receive dispatches (of shard `shard`, when given). */
  session(shard?: number): Session | undefined {
    return this.#sessions.filter((s) => !s.ended && (shard === undefined || s.shard[0] === shard)).at(-1);
  }

  /** Every session so far, oldest first: its shard, the connection it is on (if any), and whether it ended. */
  get sessions(): { id: string; shard: ShardId; connection: number | null; ended: boolean }[] {
    return this.#sessions.map((s) => ({ id: s.id, shard: s.shard, connection: s.connection?.id ?? null, ended: s.ended }));
  }

  /**
   * The session that receives a dispatch about `guildId`: the newest live
   * session of the shard holding the guild. Guild-less dispatches (DMs) go to shard 0.
   */
  sessionFor(guildId: string | null): Session | undefined {
    return this.#sessions.filter((s) => !s.ended && s.shard[0] === (guildId === null ? 0 : shardOf(guildId, s.shard[1]))).at(-1);
  }

  /** Sends a dispatch (op 0) to the shard it belongs to; returns its sequence number. */
  dispatch(t: string, d: unknown): number {
    const guildId = guildOf(t, d);
    const session = this.sessionFor(guildId);
    if (session === undefined) {
      const live = this.#sessions.filter((s) => !s.ended).map((s) => `[${s.shard.join(', ')}]`);
      const why = live.length === 0 ? 'no gateway session (has the client logged in?)' : `no live session holds ${guildId === null ? 'shard 0' : `guild ${guildId}`}; live shards: ${live.join(' ')}`;
      throw new Error(`fake Discord: cannot dispatch ${t}: ${why}`);
    }
    return this.#dispatch(session, t, d, guildId);
  }

  /**
   * A dispatch Discord sends only to sessions that asked for `intent`, e.g.
   * MESSAGE_CREATE needs GUILD_MESSAGES. Returns whether it was sent.
   */
  dispatchIfIntended(t: string, d: unknown, intent: number): boolean {
    const guildId = guildOf(t, d);
    const session = this.sessionFor(guildId);
    if (session === undefined || (session.intents & intent) === 0) return false;
    this.#dispatch(session, t, d, guildId);
    return true;
  }

  /** Op 7: the client closes, reconnects to `resume_gateway_url` and RESUMEs. */
  requestReconnect(shard?: number): void {
    const connection = this.#live(shard);
    this.#send(connection, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
    connection.leaving = true;
  }

  /** Op 9. `resumable: false` also ends the session, as Discord does. */
  invalidateSession(resumable: boolean, shard?: number): void {
    const connection = this.#live(shard);
    const session = connection.session;
    // The connection is no longer authenticated: the client answers on it with
    // RESUME (d: true) or closes and IDENTIFYs again (d: false).
    if (session !== null) {
      session.connection = null;
      session.ended = !resumable;
    }
    connection.session = null;
    this.#send(connection, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
  }

  /** Op 1 from the server: the client must heartbeat at once. */
  requestHeartbeat(shard?: number): void {
    this.#send(this.#live(shard), { op: GatewayOpcodes.Heartbeat, d: null, s: null, t: null });
  }

  /** Drops the current connection with a close code, as a network failure or a Discord restart would. */
  disconnect(code: number = CloseCodes.unknownError, shard?: number): void {
    this.#live(shard).socket.close(code, 'fake Discord disconnect');
  }

  async close(): Promise<void> {
    for (const connection of this.#connections) connection.socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  /** The connection of the newest session (of `shard`, when given). */
  #live(shard?: number): Connection {
    const connection = this.session(shard)?.connection;
    if (connection === null || connection === undefined) throw new Error(`fake Discord: no live gateway connection${shard === undefined ? '' : ` for shard ${shard}`}`);
    return connection;
  }

  #accept(socket: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'ws://fake');
    const record: GatewayConnectionRecord = { id: this.#nextConnection++, url: req.url ?? '/', query: Object.fromEntries(url.searchParams), shard: null, closeCode: null };
    const connection: Connection = { id: record.id, socket, record, session: null, leaving: false };
    this.#connections.add(connection);
    this.options.connections.push(record);

    socket.on('message', (data, isBinary) => this.#receive(connection, data, isBinary));
    socket.on('close', (code) => {
      record.closeCode = code;
      this.#connections.delete(connection);
      const session = connection.session;
      if (session !== null && session.connection === connection) {
        session.connection = null;
        // A clean close (1000/1001) ends the session; anything else may be resumed.
        if (code === 1000 || code === 1001) session.ended = true;
      }
    });

    if (url.searchParams.get('v') !== '10') {
      socket.close(CloseCodes.invalidApiVersion, 'Invalid API version');
      return;
    }
    if (url.searchParams.get('encoding') !== 'json') {
      socket.close(CloseCodes.decodeError, 'fake Discord speaks encoding=json only');
      return;
    }
    if (url.searchParams.has('compress')) {
      // discord.js asks for zlib-stream only with zlib-sync installed; fail loudly rather than send what it cannot read.
      socket.close(CloseCodes.unknownError, 'fake Discord does not implement transport compression');
      return;
    }
    this.#send(connection, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["fake-gateway",{"micros":0}]'] }, s: null, t: null });
  }

  #receive(connection: Connection, data: RawData, isBinary: boolean): void {
    let frame: GatewayFrame;
    try {
      if (isBinary) throw new Error('binary');
      const parsed = asObject(JSON.parse(rawText(data)));
      const op = optNumber(parsed.op);
      if (op === undefined) throw new Error('no op');
      frame = { op, d: parsed.d ?? null, s: optNumber(parsed.s) ?? null, t: optString(parsed.t) ?? null };
    } catch {
      connection.socket.close(CloseCodes.decodeError, 'Error while decoding payload.');
      return;
    }
    this.options.log.push({ direction: 'in', connection: connection.id, frame, at: Date.now() });

    switch (frame.op) {
      case GatewayOpcodes.Heartbeat:
        this.#send(connection, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        this.#identify(connection, asObject(frame.d));
        return;
      case GatewayOpcodes.Resume:
        this.#resume(connection, asObject(frame.d));
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        // Recorded above; the fake has nothing to say back.
        if (connection.session === null) connection.socket.close(CloseCodes.notAuthenticated, 'Not authenticated.');
        return;
      default:
        connection.socket.close(CloseCodes.unknownOpcode, 'Unknown opcode.');
    }
  }

  #identify(connection: Connection, d: Record<string, unknown>): void {
    if (connection.session !== null) return connection.socket.close(CloseCodes.alreadyAuthenticated, 'Already authenticated.');
    if (d.token !== this.options.token) return connection.socket.close(CloseCodes.authenticationFailed, 'Authentication failed.');
    const intents = optNumber(d.intents);
    if (intents === undefined || !Number.isInteger(intents) || intents < 0) return connection.socket.close(CloseCodes.invalidIntents, 'Invalid intent(s).');
    const shard = parseShard(d.shard);
    if (shard === undefined) return connection.socket.close(CloseCodes.invalidShard, 'Invalid shard.');

    const session: Session = { id: randomBytes(16).toString('hex'), shard, intents, seq: 0, history: [], connection, ended: false };
    connection.session = session;
    connection.record.shard = shard;
    this.#sessions.push(session);

    const { world } = this.options;
    // A shard gets only its own guilds.
    const guildIds = [...world.guilds.keys()].filter((id) => shardOf(id, shard[1]) === shard[0]);
    if (guildIds.length > this.options.maxGuildsPerShard) return connection.socket.close(CloseCodes.shardingRequired, 'Sharding required.');
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: world.bot,
      // Guilds start unavailable; each is filled in by its GUILD_CREATE.
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.resumeUrl,
      shard,
      application: { id: world.application.id, flags: world.application.flags, flags_new: world.application.flags_new },
    };
    this.#dispatch(session, GatewayDispatchEvents.Ready, ready, null);
    // Without the privileged GUILD_MEMBERS intent, GUILD_CREATE lists only the bot's own member.
    const allMembers = (intents & GatewayIntentBits.GuildMembers) !== 0;
    for (const id of guildIds) this.#dispatch(session, GatewayDispatchEvents.GuildCreate, world.guildCreate(id, allMembers), id);
  }

  #resume(connection: Connection, d: Record<string, unknown>): void {
    if (connection.session !== null) return connection.socket.close(CloseCodes.alreadyAuthenticated, 'Already authenticated.');
    if (d.token !== this.options.token) return connection.socket.close(CloseCodes.authenticationFailed, 'Authentication failed.');
    const session = this.#sessions.find((s) => s.id === d.session_id);
    const seq = optNumber(d.seq);
    if (session === undefined || session.ended) {
      // Not resumable: the client must IDENTIFY afresh.
      this.#send(connection, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (seq === undefined || seq > session.seq) return connection.socket.close(CloseCodes.invalidSeq, 'Invalid seq.');
    const previous = session.connection;
    session.connection = connection;
    connection.session = session;
    connection.record.shard = session.shard;
    if (previous !== null && previous !== connection) previous.socket.close(CloseCodes.unknownError, 'Session resumed elsewhere');
    // Replay what the client missed, in order and with the original sequence numbers.
    for (const frame of session.history.filter((f) => (f.s ?? 0) > seq)) this.#send(connection, frame);
    this.#dispatch(session, GatewayDispatchEvents.Resumed, { _trace: ['["fake-gateway",{"micros":0}]'] }, null);
  }

  #dispatch(session: Session, t: string, d: unknown, guildId: string | null): number {
    session.seq += 1;
    // A snapshot: a replay must carry the event as it was, not as the fake's state is now.
    const frame: GatewayFrame = { op: GatewayOpcodes.Dispatch, d: JSON.parse(JSON.stringify(d)) as unknown, s: session.seq, t };
    session.history.push(frame);
    const connection = session.connection;
    // While the client is reconnecting the dispatch waits in the history for RESUME's replay.
    const live = connection !== null && !connection.leaving;
    this.options.dispatches.push({ t, s: session.seq, d: frame.d, guildId, shard: session.shard, session: session.id, connection: live ? connection.id : null, at: Date.now() });
    if (live) this.#send(connection, frame);
    return session.seq;
  }

  #send(connection: Connection, frame: GatewayFrame): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    this.options.log.push({ direction: 'out', connection: connection.id, frame, at: Date.now() });
    connection.socket.send(JSON.stringify(frame));
  }
}

/** IDENTIFY's `shard`: `[id, count]` with 0 <= id < count; absent means `[0, 1]`. Undefined when invalid. */
function parseShard(raw: unknown): ShardId | undefined {
  if (raw === undefined) return [0, 1];
  if (!Array.isArray(raw) || raw.length !== 2) return undefined;
  const [id, count] = raw as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return undefined;
  const [i, n] = [id as number, count as number];
  return n >= 1 && i >= 0 && i < n ? [i, n] : undefined;
}

/** The guild a dispatch is about: GUILD_CREATE/UPDATE/DELETE carry it as `id`, the others as `guild_id`; null for none (DMs). */
function guildOf(t: string, d: unknown): string | null {
  if (typeof d !== 'object' || d === null) return null;
  const o = d as Record<string, unknown>;
  const id = t === GatewayDispatchEvents.GuildCreate || t === GatewayDispatchEvents.GuildUpdate || t === GatewayDispatchEvents.GuildDelete ? o.id : o.guild_id;
  return typeof id === 'string' ? id : null;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}
