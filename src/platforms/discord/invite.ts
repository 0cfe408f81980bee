// The invite link: exactly the scopes and permissions Cohort uses. `bot` to
// join and post; `applications.commands` for slash commands. Permissions:
// see channels, post (with embeds) for daily challenges and replies, open
// review threads and post in them. DMs need none. The README shows the number.
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

export const INVITE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands];

export function inviteUrl(applicationId: string): string {
  const q = new URLSearchParams({ client_id: applicationId, scope: INVITE_SCOPES.join(' '), permissions: INVITE_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${q.toString()}`;
}
