// Scheduled posts on Slack: daily challenges and leaderboards in the group's
// channel, streak reminders as DMs. Slack allows about one message a second
// per channel; a failure is classified so the scheduler retries or pauses.
import type { webApi } from '@slack/bolt';
import type { Reply } from '../../commands/types.ts';
import type { Poster } from '../../scheduler/poster.ts';
import { postMessage } from './deliver.ts';
import { deliveryError } from './errors.ts';
import { renderMessage } from './render.ts';

/** `client` should reject rate-limited calls and not retry: the scheduler's queue does both, with backoff. */
export function slackPoster(client: webApi.WebClient): Poster {
  const send = async (channel: string, shown: string, reply: Reply) => {
    try {
      return { messageId: await postMessage(client, channel, undefined, renderMessage(reply)) };
    } catch (err) {
      throw deliveryError(err, shown);
    }
  };
  return {
    platform: 'slack',
    channelIntervalMs: 1_100,
    post: (to, reply) => send(to.channelId, `<#${to.channelId}>`, reply),
    // Posting to a user id lands in the app's DM with them; no conversations.open needed.
    dm: (to, reply) => send(to.userId, `<@${to.userId}>`, reply),
  };
}
