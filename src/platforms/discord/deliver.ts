// Sends a command's replies where they belong (see ../targets.ts): in place
// through the interaction, or by REST to another channel or a thread. Posting
// elsewhere takes more than one request, so the interaction is deferred first.
import type { Client, Message, SendableChannels } from 'discord.js';
import { ThreadAutoArchiveDuration } from 'discord.js';
import type { Reply } from '../../commands/types.ts';
import type { Deps } from '../../domain/deps.ts';
import { forgetThread } from '../../domain/threads.ts';
import { resolveCommunity } from '../../domain/community.ts';
import type { Logger } from '../../log.ts';
import { DeliveryError } from '../../scheduler/poster.ts';
import { targetOf, threadOpened, type Target } from '../targets.ts';
import { cannotPostMessage, classify } from './errors.ts';
import type { Where } from './invocation.ts';
import { renderReply } from './render.ts';
import type { Responder } from './responder.ts';
import { LIMITS } from './limits.ts';

/** A target other than in place: another channel or a thread. */
type Away = Exclude<Target, { kind: 'here' }>;

export interface DeliverContext {
  client: Client;
  deps: Deps;
  log: Logger;
}

export async function deliver(ctx: DeliverContext, responder: Responder, where: Where, replies: readonly Reply[]): Promise<void> {
  const communityId = where.invocation.communityId;
  const here: Reply[] = [];
  const elsewhere: { reply: Reply; target: Away }[] = [];
  for (const reply of replies) {
    const target = await targetOf(ctx.deps, 'discord', communityId, reply, where.here);
    if (target.kind === 'here') here.push(reply);
    else elsewhere.push({ reply, target });
  }
  if (elsewhere.length) await responder.defer(here[0]?.visibility !== 'public');

  const notes: string[] = [];
  for (const { reply, target } of elsewhere) {
    const { channelId } = target;
    try {
      const postedIn = await postTo(ctx, communityId, target, reply);
      // Nothing else answers the person: say where it went.
      if (here.length === 0) notes.push(`Posted in <#${postedIn}>.`);
    } catch (err) {
      ctx.log.warn({ err, channel: channelId, community: communityId }, 'could not post a reply in another channel');
      notes.push(cannotPostMessage(channelId, err));
    }
  }
  for (const reply of here) for (const m of renderReply(reply)) await responder.send(m);
  if (notes.length) {
    const failed = notes.some((n) => !n.startsWith('Posted in'));
    for (const m of renderReply({ visibility: 'private', tone: failed ? 'error' : 'success', text: notes.join('\n') })) await responder.send(m);
  }
  await responder.finish();
}

/** Posts `reply` at `target`; returns the id of the channel or thread it landed in. */
async function postTo(ctx: DeliverContext, communityId: string, target: Away, reply: Reply): Promise<string> {
  switch (target.kind) {
    case 'channel':
      await sendAll(await sendable(ctx.client, target.channelId), reply);
      return target.channelId;
    case 'thread':
      try {
        await sendAll(await sendable(ctx.client, target.threadId), reply);
        return target.threadId;
      } catch (err) {
        if (classify(err).kind !== 'gone') throw err;
        // Someone deleted the thread: start the conversation again in a new one.
        await forgetThread(ctx.deps, (await resolveCommunity(ctx.deps, 'discord', communityId)).id, reply.thread!.key);
        return postTo(ctx, communityId, { kind: 'open-thread', channelId: target.channelId, key: reply.thread!.key, title: reply.thread!.title }, reply);
      }
    case 'open-thread': {
      const channel = await sendable(ctx.client, target.channelId);
      const [first] = await sendAll(channel, reply);
      const thread = await first!.startThread({ name: target.title.slice(0, LIMITS.threadName), autoArchiveDuration: ThreadAutoArchiveDuration.OneWeek });
      await threadOpened(ctx.deps, 'discord', communityId, target.key, { channelId: target.channelId, threadId: thread.id });
      return thread.id;
    }
  }
}

export async function sendable(client: Client, channelId: string): Promise<SendableChannels> {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new DeliveryError('gone', `channel ${channelId} is not a channel Cohort can post in`);
  return channel;
}

/** Sends every message a reply renders to; extra options (a nonce) apply to each, numbered. */
export async function sendAll(channel: SendableChannels, reply: Reply, nonce?: string): Promise<Message[]> {
  const sent: Message[] = [];
  for (const [i, m] of renderReply({ ...reply, visibility: 'public' }).entries()) {
    sent.push(
      await channel.send({
        content: m.content ?? '',
        embeds: m.embeds,
        components: m.components,
        allowedMentions: m.allowedMentions,
        // With enforce_nonce, Discord returns the message already sent with this nonce instead of posting it twice.
        ...(nonce && { nonce: i === 0 ? nonce : `${nonce}.${i}`, enforceNonce: true }),
      }),
    );
  }
  return sent;
}
