// Runs a command for someone on Slack and delivers its replies: only-you
// replies privately, public ones with chat.postMessage where targetOf says —
// here, another channel, the review thread (thread_ts), or a new thread on the
// message just posted. A post Slack refuses becomes a private note saying what to do.
import { randomBytes } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import { runText, type Invocation, type Runtime } from '../../commands/dispatch.ts';
import { drawPicture } from '../../commands/pictures.ts';
import type { Reply } from '../../commands/types.ts';
import type { Logger } from '../../log.ts';
import type { QuietLane } from '../quiet-lane.ts';
import { postLanded, postToEdit, targetOf, threadOpened, type Here } from '../targets.ts';
import { explainSlackError, slackErrorCode } from './errors.ts';
import { directChannel, IN_YOUR_DMS, uploadPicture } from './pictures.ts';
import { renderMessage, type SlackMessage } from './render.ts';

/** One command run on Slack: by whom, where, and how to answer only them. */
export interface Turn {
  rt: Runtime;
  client: webApi.WebClient;
  log: Logger;
  inv: Invocation;
  here: Here;
  privately(message: SlackMessage): Promise<unknown>;
  /** Where cards drawn after their answers wait for a quiet moment; without one, they are shared straight after. */
  lane?: QuietLane;
  /** Between stages of the work after an ack: other requests' acks go first (requests.ts). */
  letOthersIn?: () => Promise<void>;
}

/** Work after the answer (a card drawn later): in the quiet lane when there is one. */
async function afterAnswer(turn: Turn, work: () => Promise<void>): Promise<void> {
  if (turn.lane) turn.lane.add(work);
  else await work();
}

/** Posts a message in a channel (or a thread of it) and returns its ts, Slack's message id. */
export async function postMessage(client: webApi.WebClient, channel: string, threadTs: string | undefined, message: SlackMessage): Promise<string> {
  const res = await client.chat.postMessage({ channel, ...message, ...(threadTs && { thread_ts: threadTs }) });
  return res.ts ?? '';
}

/** Posts a public reply outside any command (the web dashboard), where a command in `channelId` would have. */
export async function postReply(deps: Runtime['deps'], client: webApi.WebClient, communityId: string, channelId: string, reply: Reply): Promise<void> {
  const target = await targetOf(deps, 'slack', communityId, reply, { channelId });
  const channel = target.kind === 'here' ? channelId : target.channelId;
  const ts = await postMessage(client, channel, target.kind === 'thread' ? target.threadId : undefined, renderMessage(reply));
  if (target.kind === 'open-thread') await threadOpened(deps, 'slack', communityId, target.key, { channelId: channel, threadId: ts });
}

/** Edits a remembered post in place with chat.update: its blocks become the reply's; no buttons means they go. */
async function editPost(turn: Turn, reply: Reply): Promise<void> {
  const post = await postToEdit(turn.rt.deps, 'slack', turn.inv.communityId, reply);
  if (!post) return;
  try {
    await turn.client.chat.update({ channel: post.channelId, ts: post.messageId, ...renderMessage({ ...reply, visibility: 'public', notify: [] }) });
  } catch (err) {
    // The message was deleted or the bot left the channel: the decision stands, only the old post is stale.
    turn.log.warn({ err, channel: post.channelId, ts: post.messageId }, 'slack: could not edit a post in place');
  }
}

/** A direct message from the app (posting to a user id lands in the app's DM with them). */
async function directMessage(turn: Turn, userId: string, reply: Reply): Promise<void> {
  try {
    await postMessage(turn.client, userId, undefined, renderMessage({ ...reply, directTo: undefined }));
  } catch (err) {
    turn.log.info({ err, user: userId }, 'slack: a direct message could not be delivered');
  }
}

export async function serve(turn: Turn, line: string): Promise<void> {
  await turn.letOthersIn?.();
  const replies = await runText(turn.rt, turn.inv, line);
  await turn.letOthersIn?.();
  for (const reply of replies) {
    await deliver(turn, reply);
    // An answer whose writes could not be saved after all: the apology follows it (Reply.correction).
    const correction = await reply.correction;
    if (correction) await deliver(turn, correction);
  }
}

async function deliver(turn: Turn, reply: Reply): Promise<void> {
  if (reply.edit) return editPost(turn, reply);
  if (reply.directTo) return directMessage(turn, reply.directTo, reply);
  if (reply.visibility === 'private') {
    if (!reply.image) return tell(turn, renderMessage(reply));
    // No ephemeral files on Slack: the card goes to the member's DM with the app. A card drawn
    // after the answer may not come at all, so where it went is said once it is there.
    const later = typeof reply.image === 'function';
    await tell(turn, renderMessage(later ? reply : { ...reply, footer: [reply.footer, IN_YOUR_DMS].filter(Boolean).join(' · ') }));
    if (!later) return void (await sharePicture(turn, reply, () => directChannel(turn.client, turn.inv.user.id), undefined));
    return afterAnswer(turn, async () => {
      if (await sharePicture(turn, reply, () => directChannel(turn.client, turn.inv.user.id), undefined)) await tell(turn, renderMessage({ visibility: 'private', tone: 'info', text: IN_YOUR_DMS }));
    });
  }
  const message = renderMessage(reply);
  const { deps } = turn.rt;
  const target = await targetOf(deps, 'slack', turn.inv.communityId, reply, turn.here);
  const channelId = target.kind === 'here' ? turn.here.channelId : target.channelId;
  const threadTs = target.kind === 'here' ? turn.here.threadId : target.kind === 'thread' ? target.threadId : undefined;
  try {
    const ts = await postMessage(turn.client, channelId, threadTs, message);
    await postLanded(deps, 'slack', turn.inv.communityId, reply, { channelId, messageId: ts });
    // On Slack the message is the thread: its replies carry thread_ts = its ts.
    if (target.kind === 'open-thread') await threadOpened(deps, 'slack', turn.inv.communityId, target.key, { channelId, threadId: ts });
    if (typeof reply.image === 'function') await afterAnswer(turn, async () => void (await sharePicture(turn, reply, async () => channelId, threadTs)));
    else if (reply.image) await sharePicture(turn, reply, async () => channelId, threadTs);
  } catch (err) {
    const explained = explainSlackError(err, `<#${channelId}>`);
    if (explained) {
      turn.log.warn({ channel: channelId, code: slackErrorCode(err) }, 'slack: a reply could not be posted; the member was told why');
      return tell(turn, renderMessage({ visibility: 'private', tone: 'error', text: explained }));
    }
    const ref = randomBytes(3).toString('hex');
    turn.log.error({ err, ref, channel: channelId, user: turn.inv.user.id }, 'slack: posting a reply failed');
    return tell(turn, renderMessage({ visibility: 'private', tone: 'error', text: `Sorry — Slack did not take my reply, so it was not posted. If it keeps happening, tell an admin the reference \`${ref}\`.` }));
  }
}

/**
 * Draws the reply's card (if it is still to be drawn) and uploads it where its
 * text went; the text is already there, so a failure only costs the picture.
 * Says whether the card was shared.
 */
async function sharePicture(turn: Turn, reply: Reply, channel: () => Promise<string>, threadTs: string | undefined): Promise<boolean> {
  const picture = await drawPicture(reply.image);
  if (!picture) return false;
  try {
    await uploadPicture(turn.client, await channel(), threadTs, picture, reply.title);
    return true;
  } catch (err) {
    turn.log.warn({ err, user: turn.inv.user.id }, 'slack: a card could not be uploaded; the reply went out as text');
    const explained = explainSlackError(err, 'this channel');
    if (explained) await tell(turn, renderMessage({ visibility: 'private', tone: 'warning', text: `The picture could not be shown. ${explained}` }));
    return false;
  }
}

/** An only-you message; when even that fails, only the log is left to tell. */
async function tell(turn: Turn, message: SlackMessage): Promise<void> {
  await turn.privately(message).catch((err: unknown) => turn.log.error({ err, user: turn.inv.user.id }, 'slack: a private reply failed'));
}
