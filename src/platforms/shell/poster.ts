// Scheduled posts in the shell: printed like public replies in the channel,
// and DMs printed with who receives them.
import type { Reply } from '../../commands/types.ts';
import type { Poster } from '../../scheduler/poster.ts';
import { DEFAULT_CARDS_DIR, saveReplyPicture } from './pictures.ts';
import { renderReply } from './render.ts';

/** `cardsDir`: where the pictures of posts (the weekly recap) are written. */
export function shellPoster(print: (text: string) => void, cardsDir = DEFAULT_CARDS_DIR): Poster {
  let sent = 0;
  const deliver = async (reply: Reply, where: { channel: string; speaker: string }) => {
    print(renderReply(reply, where, await saveReplyPicture(cardsDir, reply.image)));
    return { messageId: `shell-${++sent}` };
  };
  return {
    platform: 'shell',
    channelIntervalMs: 0,
    post: (to, reply) => deliver(reply, { channel: to.channelId, speaker: '' }),
    dm: (to, reply) => deliver({ ...reply, visibility: 'private' }, { channel: '', speaker: `${to.userId} (DM)` }),
  };
}
