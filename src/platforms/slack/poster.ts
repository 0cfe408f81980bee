// Scheduled posts on Slack: daily challenges and leaderboards in the group's
// channel, streak reminders as DMs. Slack allows about one message a second
// per channel; a failure is classified so the scheduler retries or pauses.
import type { webApi } from '@slack/bolt';
import { drawPicture } from '../../commands/pictures.ts';
import type { Reply } from '../../commands/types.ts';
import type { Poster } from '../../scheduler/poster.ts';
import { postMessage } from './deliver.ts';
import { deliveryError } from './errors.ts';
import type { Logger } from '../../log.ts';
import { uploadPicture } from './pictures.ts';
import { renderMessage } from './render.ts';

/** `client` should reject rate-limited calls and not retry: the scheduler's queue does both, with backoff. */
export function slackPoster(client: webApi.WebClient, log?: Logger): Poster {
  const send = async (channel: string, shown: string, reply: Reply) => {
    let messageId: string;
    try {
      messageId = await postMessage(client, channel, undefined, renderMessage(reply));
    } catch (err) {
      throw deliveryError(err, shown);
    }
    // The post is out: a card that fails to upload is logged, never a reason to send the post again.
    const picture = await drawPicture(reply.image);
    if (picture) await uploadPicture(client, channel, undefined, picture, reply.title).catch((err: unknown) => log?.warn({ err, channel }, 'slack: a post went out without its card'));
    return { messageId };
  };
  return {
    platform: 'slack',
    channelIntervalMs: 1_100,
    post: (to, reply) => send(to.channelId, `<#${to.channelId}>`, reply),
    // Posting to a user id lands in the app's DM with them; no conversations.open needed.
    dm: (to, reply) => send(to.userId, `<@${to.userId}>`, reply),
  };
}
