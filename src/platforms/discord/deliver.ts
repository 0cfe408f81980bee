// Sends a command's replies where they belong (see ../targets.ts): in place
// through the interaction, or by REST to another channel or a thread. Posting
// elsewhere takes more than one request, so the interaction is deferred first.
//
// Posts go through REST alone, never through discord.js's channel cache: a
// process holds only its own shards' guilds, and the scheduler of any process
// may post for any guild, so a post must work for any channel id.
import type {
  APIDMChannel,
  APIMessage,
  APIThreadChannel,
  Client,
  RESTPatchAPIChannelMessageJSONBody,
  RESTPostAPIChannelThreadsJSONBody,
  RESTPostAPICurrentUserCreateDMChannelJSONBody,
} from 'discord.js';
import { Routes, ThreadAutoArchiveDuration } from 'discord.js';
import { drawPicture } from '../../commands/pictures.ts';
import type { Reply } from '../../commands/types.ts';
import type { Deps } from '../../domain/deps.ts';
import { forgetThread } from '../../domain/threads.ts';
import { resolveCommunity } from '../../domain/community.ts';
import type { Logger } from '../../log.ts';
import type { QuietLane } from '../quiet-lane.ts';
import { postLanded, postToEdit, targetOf, threadOpened, type Target } from '../targets.ts';
import { cannotPostMessage, classify } from './errors.ts';
import type { Where } from './invocation.ts';
import { renderReply, restMessage, type DiscordMessage } from './render.ts';
import type { Responder } from './responder.ts';
import { LIMITS } from './limits.ts';

/** A target other than in place: another channel or a thread. */
type Away = Exclude<Target, { kind: 'here' }>;

export interface DeliverContext {
  client: Client;
  deps: Deps;
  log: Logger;
  /** Where cards drawn after their answers wait for a quiet moment; without one, they are added straight after. */
  lane?: QuietLane;
}

export async function deliver(ctx: DeliverContext, responder: Responder, where: Where, replies: readonly Reply[]): Promise<void> {
  const communityId = where.invocation.communityId;
  const here: Reply[] = [];
  const elsewhere: { reply: Reply; target: Away }[] = [];
  const edits: Reply[] = [];
  const direct: Reply[] = [];
  for (const reply of replies) {
    if (reply.edit) {
      edits.push(reply);
      continue;
    }
    if (reply.directTo) {
      direct.push(reply);
      continue;
    }
    const target = await targetOf(ctx.deps, 'discord', communityId, reply, where.here);
    if (target.kind === 'here') here.push(reply);
    else elsewhere.push({ reply, target });
  }
  if (elsewhere.length || edits.length || direct.length) await responder.defer(here[0]?.visibility !== 'public');

  const notes: string[] = [];
  for (const { reply, target } of elsewhere) {
    const { channelId } = target;
    try {
      const posted = await postTo(ctx, communityId, target, reply);
      await postLanded(ctx.deps, 'discord', communityId, reply, { channelId: posted.messageChannelId, messageId: posted.messageId });
      // Nothing else answers the person: say where it went.
      if (here.length === 0) notes.push(`Posted in <#${posted.channelId}>.`);
    } catch (err) {
      ctx.log.warn({ err, channel: channelId, community: communityId }, 'could not post a reply in another channel');
      notes.push(cannotPostMessage(channelId, err));
    }
  }
  for (const reply of edits) await editPost(ctx, communityId, reply);
  for (const reply of direct) await directMessage(ctx, reply.directTo!, reply);
  const later: { reply: Reply; edit: (m: DiscordMessage) => Promise<unknown> }[] = [];
  const corrections: { correction: Promise<Reply | undefined>; edit: (m: DiscordMessage) => Promise<unknown> }[] = [];
  for (const reply of here) {
    for (const [i, m] of renderReply(reply).entries()) {
      const edit = await responder.send(m);
      if (i === 0 && typeof reply.image === 'function') later.push({ reply, edit });
      if (i === 0 && reply.correction) corrections.push({ correction: reply.correction, edit });
    }
  }
  if (notes.length) {
    const failed = notes.some((n) => !n.startsWith('Posted in'));
    for (const m of renderReply({ visibility: 'private', tone: failed ? 'error' : 'success', text: notes.join('\n') })) await responder.send(m);
  }
  await responder.finish();
  for (const c of corrections) await correct(ctx, c.correction, c.edit);
  // Every answer is out; the cards drawn after them follow when the bot is quiet (see Reply.image).
  for (const { reply, edit } of later) {
    if (ctx.lane) ctx.lane.add(() => addPicture(ctx, reply, edit));
    else await addPicture(ctx, reply, edit);
  }
}

/** An answer whose writes could not be saved after all is edited into the apology (Reply.correction). */
async function correct(ctx: DeliverContext, correction: Promise<Reply | undefined>, edit: (m: DiscordMessage) => Promise<unknown>): Promise<void> {
  const replacement = await correction;
  if (!replacement) return;
  const [first] = renderReply(replacement);
  await edit(first!).catch((err: unknown) => ctx.log.error({ err }, 'an answer that was not saved could not be corrected'));
}

/** Edits a card drawn after its answer into the answer's first message; without it, the answer stands as sent. */
async function addPicture(ctx: DeliverContext, reply: Reply, edit: (m: DiscordMessage) => Promise<unknown>): Promise<void> {
  const picture = await drawPicture(reply.image);
  if (!picture) return;
  const [first] = renderReply({ ...reply, image: picture });
  try {
    await edit(first!);
  } catch (err) {
    // Too late (the interaction's token lasts 15 minutes) or the message is gone: only the picture is lost.
    ctx.log.warn({ err }, 'could not add a card to an answer; it stays as text');
  }
}

/** Posts a public reply outside any interaction (the web dashboard), where a command in `channelId` would have. */
export async function postReply(ctx: DeliverContext, communityId: string, channelId: string, reply: Reply): Promise<void> {
  const target = await targetOf(ctx.deps, 'discord', communityId, reply, { channelId });
  if (target.kind === 'here') await postAll(ctx.client, channelId, reply);
  else await postTo(ctx, communityId, target, reply);
}

interface Posted {
  /** The channel or thread the reply landed in. */
  channelId: string;
  /** Where its first message is, to edit it later: a thread's starter message is in the parent channel. */
  messageChannelId: string;
  messageId: string;
}

/** Posts `reply` at `target`; says where it landed. */
async function postTo(ctx: DeliverContext, communityId: string, target: Away, reply: Reply): Promise<Posted> {
  switch (target.kind) {
    case 'channel': {
      const [first] = await postAll(ctx.client, target.channelId, reply);
      return { channelId: target.channelId, messageChannelId: target.channelId, messageId: first!.id };
    }
    case 'thread':
      try {
        const [first] = await postAll(ctx.client, target.threadId, reply);
        return { channelId: target.threadId, messageChannelId: target.threadId, messageId: first!.id };
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
      return { channelId: thread.id, messageChannelId: target.channelId, messageId: first!.id };
    }
  }
}

/** Edits a remembered post in place (PATCH): its embeds and buttons become the reply's; no buttons means they go. */
async function editPost(ctx: DeliverContext, communityId: string, reply: Reply): Promise<void> {
  const post = await postToEdit(ctx.deps, 'discord', communityId, reply);
  if (!post) return;
  const [m] = renderReply({ ...reply, visibility: 'public', notify: [] });
  const body: RESTPatchAPIChannelMessageJSONBody = { embeds: m!.embeds, components: m!.components };
  try {
    await ctx.client.rest.patch(Routes.channelMessage(post.channelId, post.messageId), { body });
  } catch (err) {
    // The post was deleted or the bot lost access: the decision stands, only the old post is stale.
    ctx.log.warn({ err, channel: post.channelId, message: post.messageId }, 'could not edit a post in place');
  }
}

/** A direct message to a member (e.g. a learner who cannot see the review channel). */
async function directMessage(ctx: DeliverContext, userId: string, reply: Reply): Promise<void> {
  try {
    const body: RESTPostAPICurrentUserCreateDMChannelJSONBody = { recipient_id: userId };
    const channel = (await ctx.client.rest.post(Routes.userChannels(), { body })) as APIDMChannel;
    await postAll(ctx.client, channel.id, { ...reply, directTo: undefined });
  } catch (err) {
    // Members may close their DMs; the news is also in the review thread.
    ctx.log.info({ err, user: userId }, 'a direct message could not be delivered');
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
  // A post goes out whole: its card, if still to be drawn, is drawn first.
  const image = await drawPicture(reply.image);
  for (const [i, m] of renderReply({ ...reply, image, visibility: 'public' }).entries()) {
    const { body, files } = restMessage(m);
    if (nonce) Object.assign(body, { nonce: i === 0 ? nonce : `${nonce}.${i}`, enforce_nonce: true });
    sent.push((await client.rest.post(Routes.channelMessages(channelId), { body, ...(files && { files }) })) as APIMessage);
  }
  return sent;
}
