// Scheduled posts on Discord: daily challenges and weekly boards in the
// group's channel, streak reminders as DMs. Every create carries the run's
// nonce with enforce_nonce, so a resend after a crash returns the message
// already posted instead of a second one. discord.js paces by route bucket.
import type { Client } from 'discord.js';
import type { Poster } from '../../scheduler/poster.ts';
import { classify } from './errors.ts';
import { sendable, sendAll } from './deliver.ts';

export function discordPoster(client: Client): Poster {
  return {
    platform: 'discord',
    // discord.js queues per route and honours rate-limit headers itself.
    channelIntervalMs: 0,
    async post(to, reply, { nonce }) {
      try {
        const [first] = await sendAll(await sendable(client, to.channelId), reply, nonce);
        return { messageId: first!.id };
      } catch (err) {
        throw classify(err);
      }
    },
    async dm(to, reply, { nonce }) {
      try {
        const user = await client.users.fetch(to.userId);
        const [first] = await sendAll(await user.createDM(), reply, nonce);
        return { messageId: first!.id };
      } catch (err) {
        throw classify(err);
      }
    },
  };
}
