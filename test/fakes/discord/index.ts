// A fake Discord for tests: REST (node:http) and gateway (ws) on one
// ephemeral port on 127.0.0.1, close enough to Discord that the real
// discord.js client logs in to it. Nothing here talks to the real Discord.
//
//   const fake = await FakeDiscord.start();
//   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } });
//   await client.login(fake.token);                     // GET /gateway/bot, IDENTIFY, READY, GUILD_CREATE
//   const i = fake.sendCommand({ name: 'ping' });        // INTERACTION_CREATE
//   const cb = await fake.waitForCallback(i);            // POST /interactions/:id/:token/callback
//   fake.failNext('POST', /\/channels\/\d+\/messages$/, { status: 429, ... });
//   fake.requestReconnect();                             // op 7 → client RESUMEs
//   await client.destroy(); await fake.close();
//
// Sharding: `FakeDiscord.start({ shards: 3, guilds: guildsOverShards({ count: 30, shards: 3 }) })`
// recommends 3 shards; each IDENTIFY [i, 3] gets the guilds of shard i, and
// every guild's dispatches go to its shard's session (`fake.dispatches` says
// which shard and connection each went to).
//
// Modules: world (guilds, users, commands), messages (store + Discord's
// limits), interactions (INTERACTION_CREATE builders + answer state),
// rest/router/http + routes-* (REST), gateway (WebSocket), recorder (awaitable
// logs), loopback-only (a guard that refuses non-loopback sockets).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayDispatchEvents } from 'discord.js';
import type { APIMessage, APIUser } from 'discord.js';
import { Gateway } from './gateway.ts';
import {
  Interactions,
  type CommandInput,
  type ComponentInput,
  type GuildInteractionPayload,
  type InteractionState,
  type ModalSubmitInput,
} from './interactions.ts';
import { MessageStore } from './messages.ts';
import { Recorder, type WaitOptions } from './recorder.ts';
import { RestApi } from './rest.ts';
import { shardOf } from './snowflake.ts';
import type { DispatchRecord, GatewayConnectionRecord, GatewayFrame, GatewayRecord, RecordedRequest, ScriptedResponse, ShardId } from './types.ts';
import { World, type FakeGuild, type GuildSeed, type WorldOptions } from './world.ts';

export type { CommandInput, ComponentInput, ModalSubmitInput, OptionInput, InteractionState, GuildInteractionPayload } from './interactions.ts';
export type { DispatchRecord, GatewayConnectionRecord, GatewayFrame, GatewayRecord, RecordedFile, RecordedRequest, ScriptedResponse, ShardId } from './types.ts';
export type { GuildSeed, ChannelSeed, MemberSeed, RoleSeed, FakeGuild } from './world.ts';
export { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, DEFAULT_GUILD_SEED, guildsOverShards } from './world.ts';
export { shardOf } from './snowflake.ts';
export { CloseCodes } from './gateway.ts';
export type { WaitOptions } from './recorder.ts';
export { allowLoopbackOnly, type LoopbackGuard } from './loopback-only.ts';

export interface FakeDiscordOptions extends WorldOptions {
  /** The bot token the fake accepts; a token-shaped fake one by default. */
  token?: string;
  /** HELLO's heartbeat interval; Discord's is about 41 s. */
  heartbeatIntervalMs?: number;
  /** The shard count GET /gateway/bot recommends (what `shards: 'auto'` runs). Default 1. */
  shards?: number;
  /**
   * GET /gateway/bot's `session_start_limit.max_concurrency`: how many shards
   * may IDENTIFY at once (discord.js waits 5 s between identifies of one
   * bucket). Default 16, so a test's shards do not wait; Discord's is 1 for most bots.
   */
  maxConcurrency?: number;
  /** An IDENTIFY for a shard that would hold more guilds than this is closed with 4011 (sharding required). Discord's limit is 2,500; default: no limit. */
  maxGuildsPerShard?: number;
}

/** `sendInteraction`'s argument: which kind of interaction, and its details. */
export type InteractionInput = ({ kind: 'command' } & CommandInput) | ({ kind: 'component' } & ComponentInput) | ({ kind: 'modal' } & ModalSubmitInput);

export class FakeDiscord {
  readonly token: string;
  readonly world: World;
  readonly #server: Server;
  readonly #requests = new Recorder<RecordedRequest>('REST request', (r) => `#${r.seq} ${r.method} ${r.path} → ${r.status}${r.scripted ? ' (scripted)' : ''}`);
  readonly #gatewayLog = new Recorder<GatewayRecord>('gateway frame', (r) => `${r.direction === 'in' ? '←' : '→'} conn ${r.connection} op ${r.frame.op}${r.frame.t === null ? '' : ` ${r.frame.t}`}${r.frame.s === null ? '' : ` s=${r.frame.s}`}`);
  readonly #connections = new Recorder<GatewayConnectionRecord>('gateway connection', (c) => `#${c.id} ${c.url} shard=${c.shard === null ? '-' : `[${c.shard.join(', ')}]`} closed=${String(c.closeCode)}`);
  readonly #dispatches = new Recorder<DispatchRecord>('dispatch', (r) => `s=${r.s} ${r.t} guild=${r.guildId ?? '-'} → shard [${r.shard.join(', ')}] conn ${r.connection ?? '(held)'}`);
  readonly #messages: MessageStore;
  readonly #interactions: Interactions;
  readonly #gateway: Gateway;
  readonly #rest: RestApi;
  #port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.world = new World(options);
    this.token = options.token ?? `${Buffer.from(this.world.bot.id).toString('base64url')}.ZmFrZQ.fake-discord-token-not-real`;
    this.#messages = new MessageStore(this.world.ids, () => this.origin);
    this.#interactions = new Interactions(this.world, this.#messages, this.world.ids);
    this.#server = createServer();
    this.#gateway = new Gateway(this.#server, {
      token: this.token,
      world: this.world,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      origin: () => `ws://127.0.0.1:${this.#port}`,
      log: this.#gatewayLog,
      connections: this.#connections,
      dispatches: this.#dispatches,
      shards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 16,
      maxGuildsPerShard: options.maxGuildsPerShard ?? Infinity,
    });
    this.#rest = new RestApi(
      { token: this.token, world: this.world, messages: this.#messages, interactions: this.#interactions, gateway: this.#gateway, ids: this.world.ids },
      this.#requests,
    );
    this.#server.on('request', this.#rest.handle);
  }

  /** Starts the fake on an ephemeral port of 127.0.0.1. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve, reject) => {
      fake.#server.once('error', reject);
      fake.#server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get port(): number {
    return this.#port;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** For `new Client({ rest: { api: fake.restUrl } })`: discord.js appends `/v10/...`. */
  get restUrl(): string {
    return `${this.origin}/api`;
  }

  get gatewayUrl(): string {
    return this.#gateway.url;
  }

  get bot(): APIUser {
    return this.world.bot;
  }

  /** The first configured guild. */
  get guild(): FakeGuild {
    return this.world.guild();
  }

  /** A text channel of the first guild, by name; its first text channel by default. */
  textChannel(name?: string): { id: string; name: string } {
    const channel = this.world.textChannel(this.guild.id, name);
    return { id: channel.id, name: channel.name };
  }

  user(idOrName: string): APIUser {
    return this.world.user(idOrName);
  }

  // --- What happened -------------------------------------------------------

  /** Every REST request so far, in order of arrival. */
  get requests(): readonly RecordedRequest[] {
    return this.#requests.items;
  }

  /** The first REST request (recorded or still to come) matching; fails clearly after a timeout (3 s). */
  waitFor(matches: (r: RecordedRequest) => boolean, options?: WaitOptions): Promise<RecordedRequest> {
    return this.#requests.waitFor(matches, options);
  }

  /** The first `count` REST requests matching. */
  waitForCount(matches: (r: RecordedRequest) => boolean, count: number, options?: WaitOptions): Promise<RecordedRequest[]> {
    return this.#requests.waitForCount(matches, count, options);
  }

  /** Every gateway frame, both directions. */
  get gatewayLog(): readonly GatewayRecord[] {
    return this.#gatewayLog.items;
  }

  /** Frames the client sent, optionally of one opcode. */
  received(op?: number): GatewayFrame[] {
    return this.#gatewayLog.items.filter((r) => r.direction === 'in' && (op === undefined || r.frame.op === op)).map((r) => r.frame);
  }

  waitForGateway(matches: (r: GatewayRecord) => boolean, options?: WaitOptions): Promise<GatewayRecord> {
    return this.#gatewayLog.waitFor(matches, options);
  }

  /** Waits for the client to send a frame with this opcode. */
  waitForOp(op: number, options?: WaitOptions): Promise<GatewayFrame> {
    return this.#gatewayLog.waitFor((r) => r.direction === 'in' && r.frame.op === op, { description: `op ${op} from the client`, ...options }).then((r) => r.frame);
  }

  /** Every WebSocket connection the client opened, with the URL it used and the shard it serves. */
  get connections(): readonly GatewayConnectionRecord[] {
    return this.#connections.items;
  }

  /** Every dispatch (op 0) sent, with the shard, session and connection it went to. Replays on RESUME are not new dispatches. */
  get dispatches(): readonly DispatchRecord[] {
    return this.#dispatches.items;
  }

  /** Where an interaction was dispatched: exactly one record unless something is wrong. */
  deliveriesOf(interactionId: string): DispatchRecord[] {
    return this.#dispatches.items.filter((r) => r.t === GatewayDispatchEvents.InteractionCreate && (r.d as { id?: unknown }).id === interactionId);
  }

  /** Every gateway session so far, oldest first: its shard, its current connection, whether it ended. */
  get sessions(): { id: string; shard: ShardId; connection: number | null; ended: boolean }[] {
    return this.#gateway.sessions;
  }

  /** The shard (of `shardCount`, by default the recommended count) that holds a guild. */
  shardOf(guildId: string, shardCount: number = this.#gateway.recommendedShards): number {
    return shardOf(guildId, shardCount);
  }

  /** Waits until `count` sessions are live (e.g. every shard of every process has identified). */
  async waitForSessions(count: number, options?: WaitOptions): Promise<void> {
    const live = () => this.#gateway.sessions.filter((s) => !s.ended && s.connection !== null).length;
    // READY is the first dispatch of every session: wait on the dispatch log.
    await this.#dispatches.waitFor(() => live() >= count, { description: `${count} live gateway sessions`, ...options });
  }

  /** The callback POST answering an interaction. */
  waitForCallback(interaction: { id: string; token: string }, options?: WaitOptions): Promise<RecordedRequest> {
    const path = `/interactions/${interaction.id}/${interaction.token}/callback`;
    return this.waitFor((r) => r.method === 'POST' && r.path === path, { description: `POST ${path}`, ...options });
  }

  /** What the fake knows of an interaction it sent: how it was answered, its messages. */
  interaction(id: string): InteractionState {
    const state = this.#interactions.states.get(id);
    if (state === undefined) throw new Error(`fake Discord: no interaction ${id}`);
    return state;
  }

  /** A stored message by id (as last edited). */
  message(id: string): APIMessage | undefined {
    return this.#messages.byId.get(id);
  }

  /** Messages in a channel, oldest first. */
  messagesIn(channelId: string): APIMessage[] {
    return this.#messages.inChannel(channelId);
  }

  // --- Scripting -----------------------------------------------------------

  /**
   * Answers the next matching request(s) with `response` instead of the
   * route's answer. `path` is the route without `/api/v10`: a string must
   * equal it, a RegExp is tested against it.
   */
  failNext(method: string, path: RegExp | string, response: ScriptedResponse, times = 1): void {
    this.#rest.script(method, path, response, times);
  }

  /** Handles matching requests `ms` late; a client killed meanwhile has still sent them. */
  slowDown(method: string, path: RegExp, ms: number): void {
    this.#rest.slowDown(method, path, ms);
  }

  /** Sends any dispatch (op 0) with the next sequence number; returns that number. */
  dispatch(t: string, d: unknown): number {
    return this.#gateway.dispatch(t, d);
  }

  /** Builds an INTERACTION_CREATE of the given kind, sends it, and returns the payload (with `id` and `token`). */
  sendInteraction(input: InteractionInput): GuildInteractionPayload {
    const payload =
      input.kind === 'command' ? this.#interactions.command(input) : input.kind === 'component' ? this.#interactions.component(input) : this.#interactions.modalSubmit(input);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return payload;
  }

  /** A slash command (interaction type 2). */
  sendCommand(input: CommandInput): ReturnType<Interactions['command']> {
    const payload = this.#interactions.command(input);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return payload;
  }

  /** An autocomplete request (interaction type 4) for the option `focused`; answered with callback type 8. */
  sendAutocomplete(input: CommandInput & { focused: string }): ReturnType<Interactions['autocomplete']> {
    const payload = this.#interactions.autocomplete(input);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return payload;
  }

  /** A button press or select (interaction type 3). */
  sendComponent(input: ComponentInput): ReturnType<Interactions['component']> {
    const payload = this.#interactions.component(input);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return payload;
  }

  /** A modal submit (interaction type 5). */
  sendModalSubmit(input: ModalSubmitInput): ReturnType<Interactions['modalSubmit']> {
    const payload = this.#interactions.modalSubmit(input);
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return payload;
  }

  /** The bot is invited to a new guild: it is added to the world and GUILD_CREATE is dispatched. */
  joinGuild(seed: GuildSeed): FakeGuild {
    const guild = this.world.addGuild(seed);
    this.dispatch(GatewayDispatchEvents.GuildCreate, this.world.guildCreate(guild.id, false));
    return guild;
  }

  // The gateway controls below act on the newest session, or on the newest of shard `shard` when given.

  /** Op 7 RECONNECT: the client reconnects to `resume_gateway_url` and RESUMEs; dispatches sent meanwhile are replayed. */
  requestReconnect(shard?: number): void {
    this.#gateway.requestReconnect(shard);
  }

  /** Op 9 INVALID_SESSION. `false` forces a new IDENTIFY (after discord.js's 5 s identify throttle). */
  invalidateSession(resumable: boolean, shard?: number): void {
    this.#gateway.invalidateSession(resumable, shard);
  }

  /** Op 1 from the server: asks the client for an immediate heartbeat. */
  requestHeartbeat(shard?: number): void {
    this.#gateway.requestHeartbeat(shard);
  }

  /** Closes the client's connection with a close code (4000 by default: resumable). */
  disconnect(code?: number, shard?: number): void {
    this.#gateway.disconnect(code, shard);
  }

  /**
   * Stops the fake. Destroy the client first: a client that loses the
   * gateway without being destroyed keeps trying to resume.
   */
  async close(): Promise<void> {
    this.#requests.close('the fake Discord was closed');
    this.#gatewayLog.close('the fake Discord was closed');
    this.#connections.close('the fake Discord was closed');
    this.#dispatches.close('the fake Discord was closed');
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
