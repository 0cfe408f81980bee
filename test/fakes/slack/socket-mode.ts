// The Socket Mode WebSocket server.
//
// Protocol, as @slack/socket-mode 3.x implements the client side:
//  1. The app calls `apps.connections.open` with its app-level token (xapp-)
//     and gets `{ ok: true, url }`; Slack's URLs carry a one-use `ticket`.
//  2. The client opens a WebSocket (undici's) to that URL and waits for
//     `{ type: 'hello', num_connections, debug_info, connection_info: { app_id } }`:
//     only then does `SocketModeClient.start()` (and so `app.start()`) resolve.
//  3. Slack pushes envelopes `{ envelope_id, type, payload, accepts_response_payload }`
//     with type `slash_commands` (payload = the slash command's fields, as
//     strings), `interactive` (payload = the interaction JSON) or `events_api`
//     (+ `retry_attempt`, `retry_reason`).
//  4. The app acks each one by sending `{ envelope_id, payload }`; `payload`
//     is the object given to bolt's `ack()` (`{}` for a bare `ack()`, `{ text }`
//     for `ack('text')`). Slack expects it within 3 s.
//  5. `{ type: 'disconnect', reason }` asks the client to drop the socket; it
//     then reconnects (a new apps.connections.open) after `clientPingTimeout` ms
//     (5 s by default) unless it is shutting down.
// The client pings every clientPingTimeout/3 ms and drops the link after a few
// pings without pong; the `ws` server answers pings with pongs by itself.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { Recorder, type WaitOptions } from './recorder.ts';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: unknown;
  /** Whether the ack may carry a response (slash commands, view submissions, block suggestions). */
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** An ack as the app sent it. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** Any message the app sent over a socket. */
export interface SocketMessageFromApp {
  seq: number;
  connectionId: number;
  raw: string;
  /** The parsed message, undefined if it was not JSON. */
  data: Record<string, unknown> | undefined;
}

export interface SocketConnection {
  id: number;
  ticket: string;
  ws: WebSocket;
}

export interface SendOptions {
  /** How long to wait for the ack; default 3 s, Slack's own deadline. */
  timeoutMs?: number;
  envelopeId?: string;
  /** Default: true except for events_api. */
  acceptsResponsePayload?: boolean;
  /** events_api only. */
  retryAttempt?: number;
  retryReason?: string;
}

const ACK_DEADLINE_MS = 3_000;
const CLOSE_GRACE_MS = 250;

export class SocketModeServer {
  readonly received = new Recorder<SocketMessageFromApp>('Socket Mode message from the app', (m) => m.raw);
  /** Every connection that completed the upgrade (and got its hello), in order. */
  readonly connections = new Recorder<SocketConnection>('Socket Mode connection', (c) => `#${c.id} ticket=${c.ticket}`);
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #tickets = new Set<string>();
  readonly #open = new Set<SocketConnection>();
  #seq = 0;

  constructor(
    private readonly wsBaseUrl: () => string,
    private readonly appId: string,
  ) {}

  /** A new single-use URL, as apps.connections.open returns. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.#tickets.add(ticket);
    return `${this.wsBaseUrl()}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  get openConnections(): number {
    return this.#open.size;
  }

  /** Called by the HTTP server for `Upgrade: websocket` requests. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!/^\/link\/?$/.test(url.pathname) || !this.#tickets.delete(ticket)) {
      // A reused or unknown ticket: Slack refuses the upgrade.
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, ticket));
  }

  /**
   * Pushes an envelope to the newest open connection and resolves with the
   * app's ack; rejects if no ack arrives within `timeoutMs` (default 3 s).
   */
  send(type: EnvelopeType, payload: unknown, options: SendOptions = {}): Promise<SocketAck> {
    const connection = [...this.#open].at(-1);
    if (connection === undefined) {
      return Promise.reject(new Error(`Cannot send a ${type} envelope: no open Socket Mode connection (has app.start() resolved? ${this.connections.all.length} connection(s) so far)`));
    }
    const envelope: SocketEnvelope = {
      envelope_id: options.envelopeId ?? randomUUID(),
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' } : {}),
    };
    const timeoutMs = options.timeoutMs ?? ACK_DEADLINE_MS;
    const ack = this.received.waitFor((m) => m.data?.envelope_id === envelope.envelope_id, { timeoutMs }, `an ack for ${type} envelope ${envelope.envelope_id}`);
    connection.ws.send(JSON.stringify(envelope));
    return ack.then((m) => m.data as unknown as SocketAck);
  }

  /** Sends `{ type: 'disconnect', reason }` to every open connection; the client closes and reconnects. */
  disconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    for (const c of this.#open) c.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
  }

  /** Resolves once `count` connections in total have been accepted (the first is #1). */
  waitForConnection(count = 1, options?: WaitOptions): Promise<SocketConnection> {
    return this.connections.waitFor((c) => c.id >= count, options, `connection #${count}`);
  }

  async close(): Promise<void> {
    this.received.close('the fake Slack closed');
    this.connections.close('the fake Slack closed');
    const open = [...this.#open];
    // A close frame first (1001 "going away"), so the client sees a clean close; then no mercy.
    const closed = Promise.all(open.map((c) => new Promise<void>((resolve) => (c.ws.readyState === WebSocket.CLOSED ? resolve() : c.ws.once('close', () => resolve())))));
    for (const c of open) c.ws.close(1001, 'fake Slack closing');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
    clearTimeout(timer);
    for (const c of this.#open) c.ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(ws: WebSocket, ticket: string): void {
    const connection: SocketConnection = { id: this.connections.all.length + 1, ticket, ws };
    this.#open.add(connection);
    ws.on('close', () => this.#open.delete(connection));
    ws.on('error', () => this.#open.delete(connection));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const raw = isBinary ? '<binary>' : rawText(data);
      let parsed: Record<string, unknown> | undefined;
      try {
        const value: unknown = JSON.parse(raw);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) parsed = value as Record<string, unknown>;
      } catch {
        parsed = undefined;
      }
      this.#seq += 1;
      this.received.push({ seq: this.#seq, connectionId: connection.id, raw, data: parsed });
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#open.size,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.connections.push(connection);
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
