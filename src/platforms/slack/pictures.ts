// Cards on Slack, through the external-upload flow (files.upload is retired):
// files.getUploadURLExternal, the bytes to the URL it returns, then
// files.completeUploadExternal shares the file in a channel or thread. This
// needs the `files:write` scope. Slack has no private (ephemeral) files, so a
// card for one person goes to their direct messages with the app.
import type { webApi } from '@slack/bolt';
import type { Picture } from '../../commands/types.ts';

/** Slack's limit on a file's alt text. */
const ALT_MAX = 1000;

/** Uploads `picture` and shares it in `channel` (in the thread `threadTs` when given). */
export async function uploadPicture(client: webApi.WebClient, channel: string, threadTs: string | undefined, picture: Picture, title?: string): Promise<void> {
  const file = {
    file: picture.png,
    filename: picture.name,
    title: title ?? picture.name,
    alt_text: picture.alt.length <= ALT_MAX ? picture.alt : `${picture.alt.slice(0, ALT_MAX - 1)}…`,
  };
  await client.filesUploadV2(threadTs ? { ...file, channel_id: channel, thread_ts: threadTs } : { ...file, channel_id: channel });
}

/** The app's DM channel with a member (what a file for them alone is shared in). */
export async function directChannel(client: webApi.WebClient, userId: string): Promise<string> {
  const res = await client.conversations.open({ users: userId });
  const id = res.channel?.id;
  if (!id) throw new Error(`Slack opened no direct message channel with ${userId}`);
  return id;
}

export const IN_YOUR_DMS = 'The picture is in your direct messages with Cohort.';
