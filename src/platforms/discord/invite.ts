// The invite link: exactly the scopes and permissions Cohort uses. `bot` to
// join and post; `applications.commands` for slash commands. Permissions:
// see channels, post (with embeds and card files) for daily challenges and
// replies, open review threads and post in them (can-post.ts lists them). DMs need none. The README shows the number.
import { OAuth2Scopes } from 'discord.js';
import { CHANNEL_PERMISSIONS } from './can-post.ts';

export const INVITE_PERMISSIONS = CHANNEL_PERMISSIONS.reduce((all, [flag]) => all | flag, 0n);

export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands];

export function inviteUrl(applicationId: string): string {
  const q = new URLSearchParams({ client_id: applicationId, scope: INVITE_SCOPES.join(' '), permissions: INVITE_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${q.toString()}`;
}
