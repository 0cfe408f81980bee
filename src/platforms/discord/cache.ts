// What discord.js keeps in memory: only what Cohort reads. Commands and
// buttons arrive as interactions that carry their member, user and channel,
// and posts go out by REST, so Cohort needs the guilds with their channels
// and roles (the welcome checks where it may post) and the bot's own member
// in each guild. Nothing else is cached: at thousands of servers, members,
// users, messages, presences and the like would be most of the process's
// memory. Guilds, channels and roles cannot be limited (discord.js needs
// them); threads are swept once archived, as discord.js does by default.
import { Options, type CacheFactory, type SweeperOptions } from 'discord.js';

/** Keeps only the bot itself (its user and its member of each guild). */
const onlyMe = { maxSize: 0, keepOverLimit: (v: { id: string; client: { user: { id: string } | null } }) => v.id === v.client.user?.id };

export const CACHE_LIMITS = {
  ApplicationCommandManager: 0,
  ApplicationEmojiManager: 0,
  AutoModerationRuleManager: 0,
  BaseGuildEmojiManager: 0,
  GuildEmojiManager: 0,
  EntitlementManager: 0,
  GuildBanManager: 0,
  GuildInviteManager: 0,
  GuildMemberManager: onlyMe,
  GuildScheduledEventManager: 0,
  GuildStickerManager: 0,
  MessageManager: 0,
  PresenceManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  StageInstanceManager: 0,
  ThreadMemberManager: 0,
  UserManager: onlyMe,
  VoiceStateManager: 0,
} as const;

export function makeCache(): CacheFactory {
  return Options.cacheWithLimits(CACHE_LIMITS);
}

export const SWEEPERS: SweeperOptions = {
  ...Options.DefaultSweeperSettings,
  // Every hour, threads archived more than 4 hours ago leave the cache (discord.js's default, kept explicit).
  threads: { interval: 3_600, lifetime: 14_400 },
};
