// Sends a command's replies where they belong (see ../targets.ts): in place
// through the interaction, or by REST to another channel or a thread. Posting
// elsewhere takes more than one request, so the interaction is deferred first.
//
// Posts go through REST alone, never through discord.js's channel cache: a
// process holds only its own shards' guilds, and the scheduler of any process
// may post for any guild, so a post must work for any channel id.
import type { APIMessage, APIThreadChannel, Client, RESTPostAPIChannelMessageJSONBody, RESTPostAPIChannelThreadsJSONBody } from 'discord.js';
import { Routes, ThreadAutoArchiveDuration } from 'discord.js';
import type { Reply } from '../../commands/types.ts';
import type { Deps } from '../../domain/deps.ts';
import { forgetThread } from '../../domain/threads.ts';
import { resolveCommunity } from '../../domain/community.ts';
import type { Logger } from '../../log.ts';
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

/** Posts a public reply outside any interaction (the web dashboard), where a command in `channelId` would have. */
export async function postReply(ctx: DeliverContext, communityId: string, channelId: string, reply: Reply): Promise<void> {
  const target = await targetOf(ctx.deps, 'discord', communityId, reply, { channelId });
  if (target.kind === 'here') await postAll(ctx.client, channelId, reply);
  else await postTo(ctx, communityId, target, reply);
}

/** Posts `reply` at `target`; returns the id of the channel or thread it landed in. */
async function postTo(ctx: DeliverContext, communityId: string, target: Away, reply: Reply): Promise<string> {
  switch (target.kind) {
    case 'channel':
      await postAll(ctx.client, target.channelId, reply);
      return target.channelId;
    case 'thread':
      try {
        await postAll(ctx.client, target.threadId, reply);
        return target.threadId;
      } catch (err) {
        if (classify(err).kind !== 'gone') throw err;
        // Someone deleted the thread: start the conversation again in a new one.
        await forgetThread(ctx.deps, (await resolveCommunity(ctx.deps, 'discord', communityId)).id, reply.thread!.key);
        return postTo(ctx, communityId, { kind: 'open-thread', channelId: target.channelId, key: reply.thread!.key, title: reply.thread!.title }, reply);
      }
    case 'open-thread': {
      const [first] = await postAll(ctx.client, target.channelId, reply);
      const body: RESTPostAPIChannelThreadsJSONBody = { name: target.title.slice(0, LIMITS.threadName), auto_archive_duration: ThreadAutoArchiveDuration.OneWeek };
      // A thread started on the message: its id is the message's.
      const thread = (await ctx.client.rest.post(Routes.threads(target.channelId, first!.id), { body })) as APIThreadChannel;
      await threadOpened(ctx.deps, 'discord', communityId, target.key, { channelId: target.channelId, threadId: thread.id });
      return thread.id;
    }
  }
}

/**
 * Posts every message a reply renders to in `channelId` (a channel, thread or
 * DM), by REST alone; returns the messages. With a nonce, each carries it
 * (numbered after the first) with enforce_nonce, so Discord returns the
 * message already sent with that nonce instead of posting it twice.
 */
export async function postAll(client: Client, channelId: string, reply: Reply, nonce?: string): Promise<APIMessage[]> {
  const sent: APIMessage[] = [];
  for (const [i, m] of renderReply({ ...reply, visibility: 'public' }).entries()) {
    const body: RESTPostAPIChannelMessageJSONBody = {
      content: m.content ?? '',
      embeds: m.embeds,
      components: m.components,
      allowed_mentions: m.allowedMentions,
      ...(nonce && { nonce: i === 0 ? nonce : `${nonce}.${i}`, enforce_nonce: true }),
      // A card goes up as a multipart file; `attachments` gives it its alt text (Discord's description).
      ...(m.files && { attachments: m.files.map((f, id) => ({ id, filename: f.name, description: f.description })) }),
    };
    const files = m.files?.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' }));
    sent.push((await client.rest.post(Routes.channelMessages(channelId), { body, ...(files && { files }) })) as APIMessage);
  }
  return sent;
}
