// Scheduled posts on Discord: daily challenges and weekly boards in the
// group's channel, streak reminders as DMs. Every create carries the run's
// nonce with enforce_nonce, so a resend after a crash returns the message
// already posted instead of a second one. discord.js paces by route bucket.
//
// Everything goes through REST, not the gateway's caches: the scheduler of
// any process may claim a post for a guild that another process's shards
// hold, and REST reaches every channel whichever shard holds its guild.
import { Routes, type APIDMChannel, type Client, type RESTPostAPICurrentUserCreateDMChannelJSONBody } from 'discord.js';
import type { Poster } from '../../scheduler/poster.ts';
import { classify } from './errors.ts';
import { postAll } from './deliver.ts';

export function discordPoster(client: Client): Poster {
  return {
    platform: 'discord',
    // discord.js queues per route and honours rate-limit headers itself.
    channelIntervalMs: 0,
    async post(to, reply, { nonce }) {
      try {
        const [first] = await postAll(client, to.channelId, reply, nonce);
        return { messageId: first!.id };
      } catch (err) {
        throw classify(err);
      }
    },
    async dm(to, reply, { nonce }) {
      try {
        // Opening a DM returns the same channel every time; no user or channel cache is needed.
        const body: RESTPostAPICurrentUserCreateDMChannelJSONBody = { recipient_id: to.userId };
        const channel = (await client.rest.post(Routes.userChannels(), { body })) as APIDMChannel;
        const [first] = await postAll(client, channel.id, reply, nonce);
        return { messageId: first!.id };
      } catch (err) {
        throw classify(err);
      }
    },
  };
}
