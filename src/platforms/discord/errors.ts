// Discord API failures, classified once: for the scheduler (gone, forbidden,
// or worth retrying) and for people (what went wrong and how to fix it).
import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { DeliveryError } from '../../scheduler/poster.ts';

// A channel that cannot hold messages (a category, say) is as good as gone: retrying will not help.
const GONE = new Set<number | string>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownGuild,
  RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
]);
const FORBIDDEN = new Set<number | string>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.ThreadLocked,
]);

export function classify(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof DiscordAPIError) {
    const what = `Discord said ${err.status} ${err.code}: ${err.message}`;
    if (GONE.has(err.code) || err.status === 404) return new DeliveryError('gone', what);
    if (FORBIDDEN.has(err.code) || err.status === 403) return new DeliveryError('forbidden', what);
    return new DeliveryError('transient', what);
  }
  return new DeliveryError('transient', err instanceof Error ? err.message : String(err));
}

/** The permissions Cohort needs in a channel it posts in (also in the README's invite URL). */
export const CHANNEL_PERMISSIONS = 'View Channel, Send Messages, Embed Links, Create Public Threads and Send Messages in Threads';

/** What to tell the person whose command could not be posted in `channelId`. */
export function cannotPostMessage(channelId: string, err: unknown): string {
  const e = classify(err);
  switch (e.kind) {
    case 'gone':
      return `<#${channelId}> no longer exists. An admin can choose another review channel with \`/group setup review-channel:#channel\` (or \`review-channel:none\`).`;
    case 'forbidden':
      return `I'm not allowed to post in <#${channelId}>. An admin can give Cohort ${CHANNEL_PERMISSIONS} there.`;
    case 'transient':
      return `Discord didn't take the post in <#${channelId}> just now. Please try again in a minute.`;
  }
}
