// Where each reply of a command goes, the same on every chat platform:
// private replies answer the person in place; public ones go to the channel
// where the command ran, to the channel the reply names (a review channel),
// or into the reply's thread — opened on this message when it is the first.
import type { Reply } from '../commands/types.ts';
import type { Platform } from '../db/types.ts';
import { resolveCommunity } from '../domain/community.ts';
import type { Deps } from '../domain/deps.ts';
import { postFor, rememberPost, type PostRow } from '../domain/posts.ts';
import { rememberThread, threadFor } from '../domain/threads.ts';

export interface Here {
  /** The channel of the command (on Discord, a thread's parent channel). */
  channelId: string;
  /** The thread the command ran in, if any (a Discord thread id, a Slack thread_ts). */
  threadId?: string | undefined;
}

export type Target =
  | { kind: 'here' }
  | { kind: 'channel'; channelId: string }
  | { kind: 'thread'; channelId: string; threadId: string }
  | { kind: 'open-thread'; channelId: string; key: string; title: string };

export async function targetOf(deps: Deps, platform: Platform, communityId: string, reply: Reply, here: Here): Promise<Target> {
  if (reply.visibility === 'private') return { kind: 'here' };
  if (reply.thread) {
    const community = await resolveCommunity(deps, platform, communityId);
    const known = await threadFor(deps, community.id, reply.thread.key);
    // A post to remember is always sent as a message of its own, never as the answer to a command.
    if (known) return known.threadId === here.threadId && !reply.post ? { kind: 'here' } : { kind: 'thread', channelId: known.channelId, threadId: known.threadId };
    return { kind: 'open-thread', channelId: reply.channelId ?? here.channelId, key: reply.thread.key, title: reply.thread.title };
  }
  if (reply.channelId && reply.channelId !== here.channelId) return { kind: 'channel', channelId: reply.channelId };
  if (reply.post) return here.threadId ? { kind: 'thread', channelId: here.channelId, threadId: here.threadId } : { kind: 'channel', channelId: here.channelId };
  return { kind: 'here' };
}

/** Records the thread a platform just opened for an `open-thread` target. */
export async function threadOpened(deps: Deps, platform: Platform, communityId: string, key: string, where: { channelId: string; threadId: string }): Promise<void> {
  await rememberThread(deps, (await resolveCommunity(deps, platform, communityId)).id, key, where);
}

/** Records where a reply with `post` landed, so a later `edit` finds it. */
export async function postLanded(deps: Deps, platform: Platform, communityId: string, reply: Reply, where: { channelId: string; messageId: string }): Promise<void> {
  if (!reply.post || !where.messageId) return;
  await rememberPost(deps, (await resolveCommunity(deps, platform, communityId)).id, reply.post.key, where);
}

/** The message an `edit` reply replaces, if it was ever posted on this platform. */
export async function postToEdit(deps: Deps, platform: Platform, communityId: string, reply: Reply): Promise<PostRow | undefined> {
  if (!reply.edit) return undefined;
  return postFor(deps, (await resolveCommunity(deps, platform, communityId)).id, reply.edit.key);
}
