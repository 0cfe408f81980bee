// Whether Cohort may do its work in a channel: see it, post (with embeds and
// cards), and open and post in review threads. Read from discord.js's cache of
// the guild's roles and the channel's overwrites, so it costs no request; a
// channel this process does not hold (another shard's) is not judged.
import { PermissionFlagsBits, type Client } from 'discord.js';

/** What Cohort needs in a group's channel, with the names Discord's settings show. */
export const CHANNEL_PERMISSIONS = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.AttachFiles, 'Attach Files'],
  [PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
] as const;

export function whyCannotPost(client: Client, channelId: string): string | undefined {
  const channel = client.channels.cache.get(channelId);
  if (!channel || channel.isDMBased() || !('permissionsFor' in channel)) return undefined;
  const me = channel.guild.members.me;
  if (!me) return undefined;
  const granted = channel.permissionsFor(me);
  const missing = CHANNEL_PERMISSIONS.filter(([flag]) => !granted.has(flag)).map(([, name]) => `**${name}**`);
  if (missing.length === 0) return undefined;
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  return `Cohort can't work in <#${channelId}>: it is missing ${list} there. Allow them for Cohort's role in the channel's settings (Edit Channel → Permissions), then run /group setup again.`;
}
