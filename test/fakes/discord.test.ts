// The fake Discord, proven against the real discord.js client: no mocks, only
// loopback sockets. If discord.js changes how it talks to Discord, these fail.
import { once, type EventEmitter } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  REST,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { allowLoopbackOnly, CloseCodes, FakeDiscord, guildsOverShards, shardOf, type LoopbackGuard } from './discord/index.ts';

const WAIT_MS = 3_000;

let fake: FakeDiscord;
let client: Client;
let guard: LoopbackGuard;

// Belt and braces: whatever a test does, no socket leaves 127.0.0.1.
beforeAll(() => {
  guard = allowLoopbackOnly();
});
afterAll(() => guard.uninstall());

beforeEach(async () => {
  fake = await FakeDiscord.start();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } });
});

afterEach(async () => {
  await client.destroy();
  await fake.close();
  expect(guard.refused).toEqual([]);
});

/** The next `event` from `emitter`, or a clear failure after `ms`. */
async function nextEvent<T extends unknown[]>(emitter: EventEmitter, event: string, ms = WAIT_MS): Promise<T> {
  try {
    return (await once(emitter, event, { signal: AbortSignal.timeout(ms) })) as T;
  } catch (error) {
    throw new Error(`no "${event}" event within ${ms} ms`, { cause: error });
  }
}

async function login(): Promise<void> {
  const ready = nextEvent(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
}

/** Runs `handle` on the next interaction and resolves with it once `handle` finishes. */
function onNextInteraction(handle: (i: Interaction) => Promise<void> | void): Promise<Interaction> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no interactionCreate within ${WAIT_MS} ms`)), WAIT_MS);
    client.once(Events.InteractionCreate, (interaction) => {
      Promise.resolve(handle(interaction))
        .then(() => resolve(interaction), reject)
        .finally(() => clearTimeout(timer));
    });
  });
}

function textChannel(): TextChannel {
  const channel = client.channels.cache.get(fake.textChannel().id);
  if (channel?.type !== ChannelType.GuildText) throw new Error('text channel not cached');
  return channel;
}

describe('fake Discord with the real discord.js client', () => {
  it('logs in over REST and the gateway, and caches the guild', async () => {
    await login();

    expect(client.user?.id).toBe(fake.bot.id);
    expect(client.application?.id).toBe(fake.world.application.id);
    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.name).toBe('Cohort Study Hall');
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(fake.textChannel().id)?.type).toBe(ChannelType.GuildText);
    expect(guild?.members.me?.id).toBe(fake.bot.id);
    expect(guild?.roles.everyone.id).toBe(fake.guild.id);

    const gatewayBot = fake.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${fake.token}`);
    // No zlib-sync installed: plain JSON, no transport compression.
    expect(fake.connections[0]?.query).toEqual({ v: '10', encoding: 'json' });
    const identify = fake.received(GatewayOpcodes.Identify);
    expect(identify).toHaveLength(1);
    expect(identify[0]?.d).toMatchObject({ token: fake.token, intents: GatewayIntentBits.Guilds, compress: false, shard: [0, 1], properties: { browser: expect.stringMatching(/^@discordjs\/ws/) } });
    const sequences = fake.gatewayLog.filter((r) => r.direction === 'out' && r.frame.s !== null).map((r) => r.frame.s ?? 0);
    expect(sequences).toEqual([1, 2]); // READY, GUILD_CREATE

    // A heartbeat the server asks for is sent at once and acknowledged.
    fake.requestHeartbeat();
    await fake.waitForOp(GatewayOpcodes.Heartbeat);
    await fake.waitForGateway((r) => r.direction === 'out' && r.frame.op === GatewayOpcodes.HeartbeatAck);
  });

  it('delivers a slash command and records an ephemeral reply as callback type 4 with flags 64', async () => {
    await login();
    let seen: { sub: string; track: string; days: number | null; partner: string | undefined; canManage: boolean | undefined } | undefined;
    const handled = onNextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      seen = {
        sub: i.options.getSubcommand(),
        track: i.options.getString('track', true),
        days: i.options.getInteger('days'),
        partner: i.options.getUser('partner')?.username,
        canManage: i.memberPermissions?.has(PermissionFlagsBits.ManageMessages),
      };
      await i.reply({ content: 'pong', ephemeral: true });
    });

    const sent = fake.sendCommand({ name: 'group', subcommand: 'join', options: { track: 'rust', days: 7, partner: { user: 'bob' } }, user: 'alice' });
    const interaction = await handled;
    const callback = await fake.waitForCallback(sent);

    expect(interaction.user.username).toBe('alice');
    expect(seen).toEqual({ sub: 'join', track: 'rust', days: 7, partner: 'bob', canManage: true });
    expect(callback.body).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'pong', flags: MessageFlags.Ephemeral } });
    expect(callback.headers.authorization).toBeUndefined(); // the token in the URL is the credential
    expect(callback.status).toBe(204);
    expect(fake.message(fake.interaction(sent.id).originalMessageId ?? '')?.content).toBe('pong');
  });

  it('records deferReply as callback type 5, then editReply as a PATCH of @original, then followUp', async () => {
    await login();
    const handled = onNextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      await i.deferReply();
      const edited = await i.editReply('done thinking');
      expect(edited.content).toBe('done thinking');
      await i.followUp({ content: 'one more thing', flags: MessageFlags.Ephemeral });
    });

    const sent = fake.sendCommand({ name: 'streak' });
    await handled;
    const hook = `/webhooks/${fake.world.application.id}/${sent.token}`;
    const callback = await fake.waitForCallback(sent);
    const patch = await fake.waitFor((r) => r.method === 'PATCH' && r.path === `${hook}/messages/@original`);
    const followUp = await fake.waitFor((r) => r.method === 'POST' && r.path === hook);

    expect(callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    expect(patch.seq).toBeGreaterThan(callback.seq);
    expect(patch.body).toMatchObject({ content: 'done thinking' });
    expect(followUp.query.wait).toBe('true');
    expect(followUp.body).toMatchObject({ content: 'one more thing', flags: MessageFlags.Ephemeral });
    const original = fake.message(fake.interaction(sent.id).originalMessageId ?? '');
    expect(original?.content).toBe('done thinking');
    expect((original?.flags ?? 0) & MessageFlags.Loading).toBe(0);
  });

  it('delivers a button press on a bot message and records update() as callback type 7', async () => {
    await login();
    const button = new ButtonBuilder().setCustomId('join-group').setLabel('Join').setStyle(ButtonStyle.Primary);
    const posted = await textChannel().send({ content: 'Join the Rust group?', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)] });

    const handled = onNextInteraction(async (i) => {
      if (!i.isButton()) throw new Error('expected a button');
      expect(i.customId).toBe('join-group');
      expect(i.message.id).toBe(posted.id);
      await i.update({ content: 'Joined!', components: [] });
    });
    const sent = fake.sendComponent({ customId: 'join-group', user: 'bob' });
    const interaction = await handled;
    const callback = await fake.waitForCallback(sent);

    expect(interaction.isButton()).toBe(true);
    expect(callback.body).toMatchObject({ type: InteractionResponseType.UpdateMessage, data: { content: 'Joined!', components: [] } });
    expect(fake.message(posted.id)?.content).toBe('Joined!');
  });

  it('records showModal as callback type 9 and delivers the modal submit', async () => {
    await login();
    const shown = onNextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      const input = new TextInputBuilder().setCustomId('answer').setLabel('Your answer').setStyle(TextInputStyle.Short);
      await i.showModal(new ModalBuilder().setCustomId('challenge-answer').setTitle('Daily challenge').addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)));
    });
    const command = fake.sendCommand({ name: 'challenge' });
    await shown;
    expect((await fake.waitForCallback(command)).body).toMatchObject({ type: InteractionResponseType.Modal, data: { custom_id: 'challenge-answer', title: 'Daily challenge' } });
    expect(fake.interaction(command.id).modal?.custom_id).toBe('challenge-answer');

    const submitted = onNextInteraction(async (i) => {
      if (!i.isModalSubmit()) throw new Error('expected a modal submit');
      await i.reply({ content: `You said ${i.fields.getTextInputValue('answer')}` });
    });
    const submit = fake.sendModalSubmit({ customId: 'challenge-answer', fields: { answer: '42' } });
    const interaction = await submitted;

    expect(interaction.isModalSubmit()).toBe(true);
    expect((await fake.waitForCallback(submit)).body).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'You said 42' } });
  });

  it('lets channel.send() retry after a scripted 429 and creates the message once', async () => {
    await login();
    const channelId = fake.textChannel().id;
    fake.failNext('POST', /\/channels\/.*\/messages/, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
      // @discordjs/rest waits Number(Retry-After) seconds (+50 ms offset); the body's retry_after is not read.
      headers: { 'retry-after': '0.1', 'x-ratelimit-scope': 'user' },
    });

    const message = await textChannel().send('Daily challenge #1');

    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
    expect(posts.map((r) => [r.status, r.scripted])).toEqual([
      [429, true],
      [200, false],
    ]);
    expect(posts[1]?.body).toEqual(posts[0]?.body);
    expect(fake.messagesIn(channelId).filter((m) => m.content === 'Daily challenge #1')).toHaveLength(1);
    expect(message.id).toBe(fake.messagesIn(channelId)[0]?.id);
  });

  it('de-duplicates messages that enforce their nonce, as Discord does', async () => {
    await login();
    const first = await textChannel().send({ content: 'once', nonce: '1234', enforceNonce: true });
    const again = await textChannel().send({ content: 'once', nonce: '1234', enforceNonce: true });
    expect(again.id).toBe(first.id);
    expect(fake.messagesIn(fake.textChannel().id)).toHaveLength(1);
  });

  it('resumes after op 7 RECONNECT, replaying what was dispatched meanwhile', async () => {
    await login();
    const resumed = nextEvent<[number, number]>(client, Events.ShardResume);
    const replayed = onNextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      await i.reply('still here');
    });

    fake.requestReconnect();
    // Sent while the client is reconnecting: held back and replayed on RESUME.
    const during = fake.sendCommand({ name: 'ping' });
    await resumed;
    expect((await replayed).id).toBe(during.id);

    expect(fake.received(GatewayOpcodes.Identify)).toHaveLength(1);
    const resume = fake.received(GatewayOpcodes.Resume);
    expect(resume).toHaveLength(1);
    expect(resume[0]?.d).toMatchObject({ token: fake.token, seq: 2 });
    expect(fake.connections[0]?.closeCode).toBe(4200); // discord.js's own "closing to resume" code
    expect(fake.connections[1]?.url).toBe('/resume?v=10&encoding=json'); // READY's resume_gateway_url

    // And a dispatch after the resume goes over the new connection.
    const after = onNextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      await i.reply('after');
    });
    const next = fake.sendCommand({ name: 'ping' });
    expect((await after).id).toBe(next.id);
    expect((await fake.waitForCallback(next)).body).toMatchObject({ data: { content: 'after' } });
  });

  it('resumes on the same connection after a resumable op 9 INVALID_SESSION', async () => {
    await login();
    const resumed = nextEvent(client, Events.ShardResume);
    fake.invalidateSession(true);
    await resumed;
    expect(fake.received(GatewayOpcodes.Identify)).toHaveLength(1);
    expect(fake.received(GatewayOpcodes.Resume)).toHaveLength(1);
    expect(fake.connections).toHaveLength(1);
  });

  it('serves commands, members, threads and DMs, and answers unknown routes with a recorded 404', async () => {
    await login();
    const guildId = fake.guild.id;
    const [registered] = [
      ...(await client.application!.commands.set(
        [{ name: 'roadmap', description: 'Walk a roadmap', options: [{ type: 3, name: 'track', description: 'Which track', required: true }] }],
        guildId,
      )).values(),
    ];
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/applications/${fake.bot.id}/guilds/${guildId}/commands`, status: 200 });
    // Commands sent afterwards carry the registered id and are checked against its options.
    const handled = onNextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      expect(i.commandId).toBe(registered?.id);
      await i.reply('ok');
    });
    fake.sendCommand({ name: 'roadmap', options: { track: 'rust' } });
    await handled;
    expect(() => fake.sendCommand({ name: 'roadmap', options: {} })).toThrow(/requires option "track"/);

    await expect(client.application!.commands.set([{ name: 'Bad Name', description: 'x' }], guildId)).rejects.toMatchObject({ code: 50035 });

    const alice = await client.guilds.cache.get(guildId)!.members.fetch(fake.user('alice').id);
    expect(alice.user.username).toBe('alice');

    const starter = await textChannel().send('Study thread');
    const thread = await starter.startThread({ name: 'Week 1' });
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(thread.id).toBe(starter.id);
    expect(fake.requests.at(-1)?.path).toBe(`/channels/${textChannel().id}/messages/${starter.id}/threads`);

    const dm = await client.users.send(fake.user('bob').id, 'Your streak is 3 days');
    expect(dm.channel.type).toBe(ChannelType.DM);
    expect(fake.requests.some((r) => r.method === 'POST' && r.path === '/users/@me/channels')).toBe(true);

    const error = await client.rest.get('/no/such/route').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(fake.requests.at(-1)).toMatchObject({ path: '/no/such/route', status: 404, response: { message: '404: Not Found', code: 0 } });
  });

  it('refuses, through the loopback guard, a client pointed anywhere but the fake', async () => {
    const stray = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: 'https://discord.invalid/api', retries: 0 } });
    await expect(stray.login(fake.token)).rejects.toThrow(/loopback-only guard: refused a connection to discord.invalid/);
    await stray.destroy();
    expect(guard.refused.splice(0)).toEqual(['discord.invalid']);
  });

  it('fails a wait clearly instead of hanging', async () => {
    await expect(fake.waitFor((r) => r.path === '/never', { timeoutMs: 50, description: 'GET /never' })).rejects.toThrow(/Timed out after 50 ms for a REST request matching GET \/never/);
  });
});

describe('fake Discord serving several shards', () => {
  const extra: { clients: Client[]; fakes: FakeDiscord[] } = { clients: [], fakes: [] };
  afterEach(async () => {
    for (const c of extra.clients.splice(0)) await c.destroy();
    for (const f of extra.fakes.splice(0)) await f.close();
  });

  async function shardedFake(shards: number, guilds: number): Promise<FakeDiscord> {
    const f = await FakeDiscord.start({ shards, guilds: guildsOverShards({ count: guilds, shards }) });
    extra.fakes.push(f);
    return f;
  }

  async function shardedClient(f: FakeDiscord, shards: { shards: 'auto' } | { shards: number[]; shardCount: number }): Promise<Client> {
    const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: f.restUrl }, ...shards });
    extra.clients.push(c);
    const ready = nextEvent(c, Events.ClientReady);
    await c.login(f.token);
    await ready;
    return c;
  }

  it('makes guild ids that spread evenly over the shards', () => {
    const seeds = guildsOverShards({ count: 7, shards: 3 });
    expect(seeds.map((g) => shardOf(g.id!, 3))).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(new Set(seeds.map((g) => g.id)).size).toBe(7);
    expect(guildsOverShards({ count: 4, shards: 1 }).map((g) => shardOf(g.id!, 1))).toEqual([0, 0, 0, 0]);
  });

  it('recommends its shard count and a max_concurrency high enough that shards identify at once', async () => {
    const f = await shardedFake(3, 3);
    const info = (await new REST({ api: f.restUrl }).setToken(f.token).get(Routes.gatewayBot())) as { shards: number; session_start_limit: { max_concurrency: number } };
    expect(info.shards).toBe(3);
    expect(info.session_start_limit.max_concurrency).toBe(16);
    // The default fake stays what it was: one shard.
    expect(((await client.rest.setToken(fake.token).get(Routes.gatewayBot())) as { shards: number }).shards).toBe(1);
  });

  it("runs every recommended shard in one client with shards: 'auto', each getting only its guilds", async () => {
    const f = await shardedFake(3, 9);
    const started = Date.now();
    const c = await shardedClient(f, { shards: 'auto' });
    // max_concurrency 16: no 5-second wait between the three IDENTIFYs.
    expect(Date.now() - started).toBeLessThan(4_000);

    expect([...c.ws.shards.keys()].sort()).toEqual([0, 1, 2]);
    const identifies = f.received(GatewayOpcodes.Identify).map((frame) => (frame.d as { shard: number[] }).shard);
    expect(identifies.sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    // Each READY lists only the guilds of its shard, and every guild is on exactly one shard.
    const readies = f.dispatches.filter((r) => r.t === 'READY');
    expect(readies).toHaveLength(3);
    for (const r of readies) {
      const ids = (r.d as { guilds: { id: string }[]; shard: number[] }).guilds.map((g) => g.id);
      expect(ids).toHaveLength(3);
      for (const id of ids) expect(shardOf(id, 3)).toBe(r.shard[0]);
      expect((r.d as { shard: number[] }).shard).toEqual(r.shard);
    }
    const creates = f.dispatches.filter((r) => r.t === 'GUILD_CREATE');
    expect(creates.map((r) => r.guildId).sort()).toEqual([...f.world.guilds.keys()].sort());
    // discord.js put each guild on the shard that received it.
    expect(c.guilds.cache.size).toBe(9);
    for (const g of c.guilds.cache.values()) expect(g.shardId).toBe(shardOf(g.id, 3));
    expect(new Set(f.connections.map((conn) => conn.shard?.[0]))).toEqual(new Set([0, 1, 2]));
  });

  it("routes each guild's interaction to its shard's connection, and guild-less dispatches to shard 0", async () => {
    const f = await shardedFake(3, 6);
    const c = await shardedClient(f, { shards: 'auto' });
    const seen = new Map<string, number>();
    c.on(Events.Raw, (packet: { t?: string; d?: { id?: string } }, shardId: number) => {
      if (packet.t === 'INTERACTION_CREATE' && packet.d?.id) seen.set(packet.d.id, shardId);
    });
    c.on(Events.InteractionCreate, (i) => void (i.isRepliable() && i.reply('ok')));

    for (const guildId of f.world.guilds.keys()) {
      const sent = f.sendCommand({ name: 'ping', guildId });
      await f.waitForCallback(sent);
      const [delivery, ...more] = f.deliveriesOf(sent.id);
      expect(more).toEqual([]);
      expect(delivery?.shard).toEqual([shardOf(guildId, 3), 3]);
      expect(f.connections.find((conn) => conn.id === delivery?.connection)?.shard).toEqual([shardOf(guildId, 3), 3]);
      expect(seen.get(sent.id)).toBe(shardOf(guildId, 3));
    }

    // A DM (no guild_id) goes to shard 0, as on Discord.
    f.dispatch('MESSAGE_CREATE', { id: '1', channel_id: '2', author: f.bot, content: 'hi' });
    expect(f.dispatches.at(-1)).toMatchObject({ t: 'MESSAGE_CREATE', guildId: null, shard: [0, 3] });

    // Gateway controls can aim at one shard: op 7 to shard 2 reconnects only that one.
    const resumed = nextEvent<[number]>(c, Events.ShardResume);
    f.requestReconnect(2);
    expect((await resumed)[0]).toBe(2);
    expect(f.received(GatewayOpcodes.Resume)).toHaveLength(1);
  });

  it('splits the shards between two clients: each guild is served by exactly one of them', async () => {
    const f = await shardedFake(3, 9);
    const first = await shardedClient(f, { shards: [0], shardCount: 3 });
    const second = await shardedClient(f, { shards: [1, 2], shardCount: 3 });
    await f.waitForSessions(3, { timeoutMs: 1_000 });
    // One live session per shard, the first client's first.
    expect(f.sessions[0]?.shard).toEqual([0, 3]);
    expect(f.sessions.map((x) => x.shard[0]).sort()).toEqual([0, 1, 2]);
    expect(f.sessions.every((x) => !x.ended && x.connection !== null)).toBe(true);
    expect(first.guilds.cache.size).toBe(3);
    expect(second.guilds.cache.size).toBe(6);
    const answeredBy = new Map<string, string[]>();
    for (const [name, c] of [['first', first], ['second', second]] as const) {
      c.on(Events.InteractionCreate, (i) => {
        answeredBy.set(i.id, [...(answeredBy.get(i.id) ?? []), name]);
        if (i.isRepliable()) void i.reply(name);
      });
    }
    for (const guildId of f.world.guilds.keys()) {
      const sent = f.sendCommand({ name: 'ping', guildId });
      const callback = await f.waitForCallback(sent);
      const expected = shardOf(guildId, 3) === 0 ? 'first' : 'second';
      expect(answeredBy.get(sent.id)).toEqual([expected]);
      expect(callback.body).toMatchObject({ data: { content: expected } });
    }
  });

  /** Opens a raw gateway connection, IDENTIFYs as `shard`, and returns the close code. */
  async function identifyAs(f: FakeDiscord, shard: unknown): Promise<number> {
    const ws = new WebSocket(`${f.gatewayUrl}/?v=10&encoding=json`);
    await nextEvent(ws, 'message'); // HELLO
    const closed = nextEvent<[number]>(ws, 'close');
    ws.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: f.token, intents: 1, properties: {}, shard } }));
    return (await closed)[0];
  }

  it('closes an IDENTIFY for a shard it cannot be with 4010', async () => {
    const f = await shardedFake(2, 2);
    for (const shard of [[2, 2], [0, 0], [-1, 2], ['0', 2], [0]]) expect(await identifyAs(f, shard)).toBe(CloseCodes.invalidShard);
  });

  it('closes with 4011 (sharding required) an IDENTIFY whose shard would hold too many guilds', async () => {
    const f = await FakeDiscord.start({ maxGuildsPerShard: 2, guilds: guildsOverShards({ count: 3, shards: 2 }) });
    extra.fakes.push(f);
    expect(await identifyAs(f, [0, 1])).toBe(CloseCodes.shardingRequired);
    // Split in two, each shard holds at most 2: accepted (READY arrives, no close).
    const ws = new WebSocket(`${f.gatewayUrl}/?v=10&encoding=json`);
    await nextEvent(ws, 'message');
    const ready = nextEvent<[Buffer]>(ws, 'message');
    ws.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: f.token, intents: 1, properties: {}, shard: [0, 2] } }));
    expect(JSON.parse(String((await ready)[0]))).toMatchObject({ t: 'READY', d: { shard: [0, 2] } });
    ws.close(1000);
  });
});
