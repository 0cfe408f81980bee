// Channel routes: messages, threads and DM channels.

import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, MessageFlags, ThreadAutoArchiveDuration } from 'discord.js';
import type { APIChannel, APIMessage, APIThreadChannel, ChannelFlags, ThreadMemberFlags } from 'discord.js';
import { DiscordErrors } from './http.ts';
import { asObject, optNumber, optString, type JsonObject } from './json.ts';
import { errorTree, isEmptyMessage, validateMessageBody, type UploadedFile } from './messages.ts';
import type { RestDeps } from './rest.ts';
import type { Router } from './router.ts';
import { NO_FLAGS, type FakeGuild } from './world.ts';

/** Channel types that hold messages (text-in-voice included); categories and forums do not. */
const MESSAGE_CHANNELS = new Set<ChannelType>([
  ChannelType.GuildText,
  ChannelType.DM,
  ChannelType.GuildVoice,
  ChannelType.GroupDM,
  ChannelType.GuildAnnouncement,
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.GuildStageVoice,
]);

export function addChannelRoutes(router: Router, deps: RestDeps): void {
  const { world, messages } = deps;

  const channelOf = (id: string): { channel: APIChannel; guild: FakeGuild | null } => {
    const found = world.findChannel(id);
    if (found === undefined) throw DiscordErrors.unknownChannel();
    return found;
  };
  const messageIn = (channelId: string, messageId: string): APIMessage => {
    channelOf(channelId);
    const message = messages.byId.get(messageId);
    if (message === undefined || message.channel_id !== channelId) throw DiscordErrors.unknownMessage();
    return message;
  };

  router.add('GET', '/channels/:channelId', ({ params }) => ({ status: 200, body: channelOf(params.channelId).channel }));

  router.add('GET', '/channels/:channelId/messages', ({ params, query }) => {
    channelOf(params.channelId);
    const limit = Math.min(Number(query.get('limit') ?? 50), 100);
    // Newest first, as Discord lists them.
    return { status: 200, body: messages.inChannel(params.channelId).reverse().slice(0, limit) };
  });

  router.add('POST', '/channels/:channelId/messages', ({ params, body, files }) => {
    const { channel, guild } = channelOf(params.channelId);
    if (!MESSAGE_CHANNELS.has(channel.type)) throw DiscordErrors.nonTextChannel();
    return { status: 200, body: createChannelMessage(deps, channel, guild, asObject(body), files) };
  });

  router.add('GET', '/channels/:channelId/messages/:messageId', ({ params }) => ({ status: 200, body: messageIn(params.channelId, params.messageId) }));

  router.add('PATCH', '/channels/:channelId/messages/:messageId', ({ params, body }) => {
    const message = messageIn(params.channelId, params.messageId);
    const patch = asObject(body);
    const errors = validateMessageBody(patch);
    if (errors.length > 0) throw DiscordErrors.invalidFormBody(errorTree(errors));
    const edited = messages.edit(message, patch);
    if (isEmptyMessage(edited)) {
      messages.byId.set(message.id, message);
      throw DiscordErrors.emptyMessage();
    }
    return { status: 200, body: edited };
  });

  router.add('DELETE', '/channels/:channelId/messages/:messageId', ({ params }) => {
    const message = messageIn(params.channelId, params.messageId);
    messages.byId.delete(message.id);
    return { status: 204 };
  });

  // Start a thread from a message: the thread's id is the message's id.
  router.add('POST', '/channels/:channelId/messages/:messageId/threads', ({ params, body }) => {
    const { channel, guild } = channelOf(params.channelId);
    if (guild === null || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)) throw DiscordErrors.wrongChannelType();
    const message = messageIn(params.channelId, params.messageId);
    if (guild.threads.some((t) => t.id === message.id)) throw DiscordErrors.threadExists();
    const type = channel.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
    const thread = createThread(deps, guild, channel, message.id, type, asObject(body));
    messages.byId.set(message.id, { ...message, thread, flags: (message.flags ?? 0) | MessageFlags.HasThread });
    return { status: 201, body: thread };
  });

  // A thread without a starter message; Discord's default type here is a private thread.
  router.add('POST', '/channels/:channelId/threads', ({ params, body }) => {
    const { channel, guild } = channelOf(params.channelId);
    if (guild === null || (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement)) throw DiscordErrors.wrongChannelType();
    const b = asObject(body);
    const requested = optNumber(b.type);
    const type = requested === ChannelType.PublicThread || requested === ChannelType.AnnouncementThread ? requested : ChannelType.PrivateThread;
    return { status: 201, body: createThread(deps, guild, channel, deps.ids.next(), type, b) };
  });

  // Opening a DM: the same recipient always gets the same channel.
  router.add('POST', '/users/@me/channels', ({ body }) => {
    const recipient = optString(asObject(body).recipient_id);
    if (recipient === undefined || !world.users.has(recipient)) throw DiscordErrors.unknownUser();
    return { status: 200, body: world.dmChannel(recipient) };
  });

}

/** Creates a message as POST /channels/:id/messages does, including Discord's nonce de-duplication. */
export function createChannelMessage(deps: RestDeps, channel: APIChannel, guild: FakeGuild | null, body: JsonObject, files: UploadedFile[]): APIMessage {
  const { world, messages, gateway } = deps;
  const errors = validateMessageBody(body);
  if (errors.length > 0) throw DiscordErrors.invalidFormBody(errorTree(errors));
  // With `enforce_nonce`, a repeated nonce returns the message already made rather than a duplicate.
  const nonce = optString(body.nonce) ?? optNumber(body.nonce);
  if (body.enforce_nonce === true && nonce !== undefined) {
    const earlier = messages.findByNonce(channel.id, nonce);
    if (earlier !== undefined) return earlier;
  }
  const message = messages.create(channel.id, body, {
    author: world.bot,
    files,
    findUser: (id) => world.users.get(id),
    ...(guild === null ? {} : { guildId: guild.id }),
  });
  if (isEmptyMessage(message)) {
    messages.byId.delete(message.id);
    throw DiscordErrors.emptyMessage();
  }
  if ('last_message_id' in channel) channel.last_message_id = message.id;
  // Discord echoes the bot's own messages over the gateway, to sessions with the matching intent.
  if (guild === null) {
    gateway.dispatchIfIntended(GatewayDispatchEvents.MessageCreate, message, GatewayIntentBits.DirectMessages);
  } else {
    const { user: _user, ...member } = world.member(guild.id, world.bot.id);
    gateway.dispatchIfIntended(GatewayDispatchEvents.MessageCreate, { ...message, guild_id: guild.id, member }, GatewayIntentBits.GuildMessages);
  }
  return message;
}

function createThread(deps: RestDeps, guild: FakeGuild, parent: APIChannel, id: string, type: ThreadType, body: JsonObject): APIThreadChannel {
  const name = optString(body.name) ?? '';
  if (name.length < 1 || name.length > 100) {
    throw DiscordErrors.invalidFormBody({ name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } });
  }
  const now = new Date().toISOString();
  const autoArchive = (optNumber(body.auto_archive_duration) ??
    ('default_auto_archive_duration' in parent ? parent.default_auto_archive_duration : undefined) ??
    ThreadAutoArchiveDuration.OneDay) as ThreadAutoArchiveDuration;
  const thread: APIThreadChannel = {
    id,
    type,
    guild_id: guild.id,
    parent_id: parent.id,
    owner_id: deps.world.bot.id,
    name,
    last_message_id: null,
    rate_limit_per_user: optNumber(body.rate_limit_per_user) ?? 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: NO_FLAGS as ChannelFlags,
    permission_overwrites: [],
    nsfw: false,
    thread_metadata: { archived: false, auto_archive_duration: autoArchive, archive_timestamp: now, locked: false, create_timestamp: now, ...(type === ChannelType.PrivateThread ? { invitable: body.invitable !== false } : {}) },
    // The creator joins the thread it makes.
    member: { id, user_id: deps.world.bot.id, join_timestamp: now, flags: NO_FLAGS as ThreadMemberFlags },
  };
  guild.threads.push(thread);
  // THREAD_CREATE belongs to the GUILDS intent; `newly_created` tells it from a thread the bot was just added to.
  deps.gateway.dispatchIfIntended(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true }, GatewayIntentBits.Guilds);
  return thread;
}

type ThreadType = ChannelType.PublicThread | ChannelType.PrivateThread | ChannelType.AnnouncementThread;
