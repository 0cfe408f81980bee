// The fake's picture of Discord: the bot, its application, guilds with roles,
// channels and members, DM channels and registered commands. Seeds describe a
// guild in a few fields; everything else is filled with what Discord sends.

import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
} from 'discord.js';
import type {
  APIApplication,
  APIApplicationCommand,
  APIChannel,
  APIDMChannel,
  APIGuild,
  APIGuildCategoryChannel,
  APIGuildMember,
  APIGuildVoiceChannel,
  APIInteractionGuildMember,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  RoleFlags,
  UserFlags,
} from 'discord.js';
import { DISCORD_EPOCH, SnowflakeGenerator, shardOf, snowflakeAt, snowflakeTime } from './snowflake.ts';

export interface UserSeed {
  id?: string;
  username: string;
  globalName?: string;
}

export interface MemberSeed extends UserSeed {
  /** Role names from the guild's seed. */
  roles?: string[];
  nick?: string;
}

export interface RoleSeed {
  id?: string;
  name: string;
  permissions?: bigint;
  color?: number;
}

export interface ChannelSeed {
  id?: string;
  name: string;
  type?: 'text' | 'voice' | 'category';
  /** Name of a category channel seeded before this one. */
  parent?: string;
  topic?: string;
}

export interface GuildSeed {
  id?: string;
  name?: string;
  /** Username of the owner; defaults to the first member. */
  owner?: string;
  everyonePermissions?: bigint;
  /** Permissions of the bot's managed role. */
  botPermissions?: bigint;
  roles?: RoleSeed[];
  channels?: ChannelSeed[];
  members?: MemberSeed[];
}

/** A guild as the fake keeps it. */
export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  roles: APIRole[];
  channels: (APITextChannel | APIGuildVoiceChannel | APIGuildCategoryChannel)[];
  threads: APIThreadChannel[];
  members: Map<string, APIGuildMember & { user: APIUser }>;
}

/**
 * Flag fields are bitfields and 0 means "none set"; TypeScript's flag enums
 * have no 0 member, so the fixtures cast this to the field's enum.
 */
export const NO_FLAGS = 0;

/** Every permission bit, which owners and administrators effectively hold. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** Roughly what a new guild's @everyone role is allowed. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

/** What a study bot is typically invited with. */
export const DEFAULT_BOT_PERMISSIONS =
  DEFAULT_EVERYONE_PERMISSIONS | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageMessages;

export const DEFAULT_GUILD_SEED: GuildSeed = {
  name: 'Cohort Study Hall',
  owner: 'alice',
  roles: [{ name: 'Mentor', permissions: PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ManageThreads, color: 0x3498db }],
  channels: [
    { name: 'Study', type: 'category' },
    { name: 'general', parent: 'Study', topic: 'Say hello' },
    { name: 'daily-challenge', parent: 'Study' },
    { name: 'Focus room', type: 'voice', parent: 'Study' },
  ],
  members: [
    { username: 'alice', globalName: 'Alice', roles: ['Mentor'] },
    { username: 'bob', globalName: 'Bob' },
  ],
};

// Fixture ids come from a fixed clock so they are the same in every run.
const FIXTURE_TIME = Date.UTC(2024, 0, 1);

/**
 * `count` guild seeds whose ids spread evenly over `shards` shards: guild k
 * is on shard `k % shards` (Discord's rule: `(id >> 22) % shards`). A guild's
 * shard is fixed by its id's timestamp, and fixture ids share one timestamp,
 * so seeds that should spread need ids like these. `seed(k)` adds to or
 * overrides each guild's seed; by default guild k is "Guild k" with #general
 * and #study, owned by `owner-k` with `member-k` as a second member.
 */
export function guildsOverShards(opts: { count: number; shards: number; seed?: (k: number) => Partial<GuildSeed> }): GuildSeed[] {
  const { count, shards } = opts;
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`fake Discord: shards must be a whole number of 1 or more, got ${shards}`);
  // Milliseconds since Discord's epoch, rounded down to a multiple of `shards` so guild k lands on shard k % shards.
  const since = BigInt(FIXTURE_TIME) - DISCORD_EPOCH;
  const base = since - (since % BigInt(shards));
  return Array.from({ length: count }, (_, k) => {
    // Worker 3: no other id of the fake is made with it, so these never collide.
    const id = snowflakeAt(base + BigInt(k), 3n);
    if (shardOf(id, shards) !== k % shards) throw new Error('fake Discord: guildsOverShards made an id on the wrong shard');
    return {
      id,
      name: `Guild ${k}`,
      owner: `owner-${k}`,
      channels: [{ name: 'general' }, { name: 'study' }],
      members: [{ username: `owner-${k}` }, { username: `member-${k}` }],
      ...opts.seed?.(k),
    };
  });
}

export interface WorldOptions {
  botUsername?: string;
  botId?: string;
  guilds?: GuildSeed[];
}

export class World {
  readonly bot: APIUser;
  readonly application: APIApplication;
  readonly guilds = new Map<string, FakeGuild>();
  readonly users = new Map<string, APIUser>();
  readonly dmChannels = new Map<string, APIDMChannel>();
  /** Registered commands: key `global` or a guild id. */
  readonly commands = new Map<string, APIApplicationCommand[]>();
  readonly ids = new SnowflakeGenerator(1n);
  #fixtureIds = new SnowflakeGenerator(2n);
  #fixtureCount = 0;

  constructor(options: WorldOptions = {}) {
    // Since 2020 an application's id and its bot user's id are the same snowflake.
    const botId = options.botId ?? this.#fixtureId();
    this.bot = { ...this.#user({ id: botId, username: options.botUsername ?? 'Cohort' }), bot: true };
    this.users.set(this.bot.id, this.bot);
    this.application = {
      id: botId,
      name: this.bot.username,
      icon: null,
      description: 'A study-group bot (fake application).',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: 'f'.repeat(64),
      team: null,
      // GATEWAY_MESSAGE_CONTENT_LIMITED (1 << 19): an unverified bot may ask for the intent.
      flags: 1 << 19,
      flags_new: String(1 << 19),
      summary: '',
      bot: this.bot,
      owner: this.#user({ id: this.#fixtureId(), username: 'cohort-owner' }),
    };
    for (const seed of options.guilds ?? [DEFAULT_GUILD_SEED]) this.#addGuild(seed);
  }

  /** A guild by id; the first guild when no id is given. */
  guild(id?: string): FakeGuild {
    const guild = id === undefined ? this.guilds.values().next().value : this.guilds.get(id);
    if (guild === undefined) throw new Error(`fake Discord: no guild ${id ?? '(none configured)'}`);
    return guild;
  }

  /** A user by id or username. */
  user(idOrName: string): APIUser {
    const user = this.users.get(idOrName) ?? [...this.users.values()].find((u) => u.username === idOrName);
    if (user === undefined) throw new Error(`fake Discord: no user ${idOrName}; known: ${[...this.users.values()].map((u) => u.username).join(', ')}`);
    return user;
  }

  /** A guild member by user id or username. */
  member(guildId: string, idOrName: string): APIGuildMember & { user: APIUser } {
    const guild = this.guild(guildId);
    const member = guild.members.get(this.user(idOrName).id);
    if (member === undefined) throw new Error(`fake Discord: ${idOrName} is not a member of ${guild.name}`);
    return member;
  }

  /** A guild text channel by id or name; the guild's first text channel by default. */
  textChannel(guildId: string, idOrName?: string): APITextChannel {
    const channel = this.guild(guildId).channels.find(
      (c): c is APITextChannel => c.type === ChannelType.GuildText && (idOrName === undefined || c.id === idOrName || c.name === idOrName),
    );
    if (channel === undefined) throw new Error(`fake Discord: no text channel ${idOrName ?? ''} in guild ${guildId}`);
    return channel;
  }

  /** Any channel the fake knows (guild channel, thread or DM), with its guild. */
  findChannel(id: string): { channel: APIChannel; guild: FakeGuild | null } | undefined {
    for (const guild of this.guilds.values()) {
      const channel = guild.channels.find((c) => c.id === id) ?? guild.threads.find((c) => c.id === id);
      if (channel !== undefined) return { channel, guild };
    }
    const dm = this.dmChannels.get(id);
    return dm === undefined ? undefined : { channel: dm, guild: null };
  }

  /**
   * A member's guild-wide permissions: @everyone's plus every role's; owners and
   * Administrators hold all. (The fake seeds no channel overwrites, so this is
   * also their permission in every channel.)
   */
  permissions(guildId: string, userId: string): bigint {
    const guild = this.guild(guildId);
    if (userId === guild.ownerId) return ALL_PERMISSIONS;
    const member = guild.members.get(userId);
    const roleIds = new Set([guild.id, ...(member?.roles ?? [])]);
    const perms = guild.roles.filter((r) => roleIds.has(r.id)).reduce((all, r) => all | BigInt(r.permissions), 0n);
    return (perms & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : perms;
  }

  /** A member as interactions carry it: with its user and a `permissions` string. */
  interactionMember(guildId: string, userId: string): APIInteractionGuildMember {
    const member = this.member(guildId, userId);
    return { ...member, permissions: this.permissions(guildId, userId).toString() };
  }

  /** The guild as GUILD_CREATE carries it. Members beyond the bot's need the GUILD_MEMBERS intent. */
  guildCreate(guildId: string, includeAllMembers: boolean): GatewayGuildCreateDispatchData {
    const guild = this.guild(guildId);
    const members = [...guild.members.values()].filter((m) => includeAllMembers || m.user.id === this.bot.id);
    return {
      ...this.guildObject(guildId),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members,
      channels: guild.channels,
      threads: guild.threads,
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** The guild as REST's GET /guilds/:id returns it. */
  guildObject(guildId: string): APIGuild {
    const guild = this.guild(guildId);
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.None,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.Disabled,
      roles: guild.roles,
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: guild.channels.find((c) => c.type === ChannelType.GuildText)?.id ?? null,
      system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: Locale.EnglishUS,
      nsfw_level: GuildNSFWLevel.Default,
      hub_type: null,
      incidents_data: null,
      max_members: 500_000,
    };
  }

  /** The DM channel with a user, made on first use and stable afterwards (as on Discord). */
  dmChannel(recipientId: string): APIDMChannel {
    const existing = [...this.dmChannels.values()].find((c) => c.recipients?.[0]?.id === recipientId);
    if (existing !== undefined) return existing;
    const channel: APIDMChannel = {
      id: this.ids.next(),
      type: ChannelType.DM,
      name: null,
      last_message_id: null,
      flags: NO_FLAGS as ChannelFlags,
      recipients: [this.user(recipientId)],
    };
    this.dmChannels.set(channel.id, channel);
    return channel;
  }

  #fixtureId(): string {
    // 4,096 ids fit in one millisecond (a 12-bit increment); a big world moves on to the next.
    return this.#fixtureIds.next(FIXTURE_TIME + Math.floor(this.#fixtureCount++ / 4096));
  }

  #user(seed: UserSeed): APIUser {
    return {
      id: seed.id ?? this.#fixtureId(),
      username: seed.username,
      // Since the 2023 username migration every user's discriminator is "0".
      discriminator: '0',
      global_name: seed.globalName ?? null,
      avatar: null,
      public_flags: NO_FLAGS as UserFlags,
      flags: NO_FLAGS as UserFlags,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
    };
  }

  /** Adds a guild (the bot was just invited to it); returns it. */
  addGuild(seed: GuildSeed): FakeGuild {
    const before = new Set(this.guilds.keys());
    this.#addGuild(seed);
    return [...this.guilds.values()].find((g) => !before.has(g.id))!;
  }

  #addGuild(seed: GuildSeed): void {
    const id = seed.id ?? this.#fixtureId();
    // The @everyone role's id is the guild's id.
    const everyone = this.#role({ id, name: '@everyone', permissions: seed.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS }, 0);
    const roles = [everyone, ...(seed.roles ?? []).map((r, i) => this.#role(r, i + 1))];
    // Inviting a bot with permissions creates a managed role named after it, tagged with its id.
    const botRole: APIRole = {
      ...this.#role({ name: this.bot.username, permissions: seed.botPermissions ?? DEFAULT_BOT_PERMISSIONS }, roles.length),
      managed: true,
      tags: { bot_id: this.bot.id },
    };
    roles.push(botRole);

    const channels: FakeGuild['channels'] = [];
    for (const [position, c] of (seed.channels ?? []).entries()) channels.push(this.#channel(id, c, position, channels));

    const joinedAt = snowflakeTime(id);
    const members = new Map<string, APIGuildMember & { user: APIUser }>();
    const addMember = (user: APIUser, roleIds: string[], nick: string | null): void => {
      members.set(user.id, { user, nick, avatar: null, banner: null, roles: roleIds, joined_at: joinedAt, premium_since: null, deaf: false, mute: false, flags: NO_FLAGS as GuildMemberFlags, pending: false, communication_disabled_until: null });
    };
    addMember(this.bot, [botRole.id], null);
    for (const m of seed.members ?? []) {
      const user = [...this.users.values()].find((u) => u.username === m.username) ?? this.#user(m);
      this.users.set(user.id, user);
      const roleIds = (m.roles ?? []).map((name) => {
        const role = roles.find((r) => r.name === name);
        if (role === undefined) throw new Error(`fake Discord: member ${m.username} has unknown role ${name}`);
        return role.id;
      });
      addMember(user, roleIds, m.nick ?? null);
    }
    const humans = [...members.values()].filter((m) => m.user.id !== this.bot.id);
    const owner = seed.owner === undefined ? humans[0] : humans.find((m) => m.user.username === seed.owner);
    this.guilds.set(id, {
      id,
      name: seed.name ?? 'Fake Guild',
      ownerId: owner?.user.id ?? this.application.owner?.id ?? this.bot.id,
      joinedAt,
      roles,
      channels,
      threads: [],
      members,
    });
  }

  #role(seed: RoleSeed, position: number): APIRole {
    const color = seed.color ?? 0;
    return {
      id: seed.id ?? this.#fixtureId(),
      name: seed.name,
      color,
      colors: { primary_color: color, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      // Permission bitfields travel as decimal strings: they exceed 2^53.
      permissions: (seed.permissions ?? 0n).toString(),
      managed: false,
      mentionable: false,
      flags: NO_FLAGS as RoleFlags,
    };
  }

  #channel(guildId: string, seed: ChannelSeed, position: number, earlier: FakeGuild['channels']): FakeGuild['channels'][number] {
    const id = seed.id ?? this.#fixtureId();
    const parentId = seed.parent === undefined ? null : earlier.find((c) => c.name === seed.parent && c.type === ChannelType.GuildCategory)?.id;
    if (parentId === undefined) throw new Error(`fake Discord: channel ${seed.name} has unknown category ${seed.parent}`);
    const base = { id, guild_id: guildId, name: seed.name, position, permission_overwrites: [], nsfw: false, flags: 0 };
    switch (seed.type ?? 'text') {
      case 'category':
        return { ...base, type: ChannelType.GuildCategory, parent_id: null };
      case 'voice':
        return { ...base, type: ChannelType.GuildVoice, parent_id: parentId, bitrate: 64_000, user_limit: 0, rtc_region: null, last_message_id: null, rate_limit_per_user: 0 };
      case 'text':
        return { ...base, type: ChannelType.GuildText, parent_id: parentId, topic: seed.topic ?? null, last_message_id: null, last_pin_timestamp: null, rate_limit_per_user: 0, default_auto_archive_duration: 1440 };
    }
  }
}
