// Scheduled posts in the shell: printed like public replies in the channel,
// and DMs printed with who receives them.
import type { Reply } from '../../commands/types.ts';
import type { Poster } from '../../scheduler/poster.ts';
import { renderReply } from './render.ts';

export function shellPoster(print: (text: string) => void): Poster {
  let sent = 0;
  const deliver = (reply: Reply, where: { channel: string; speaker: string }) => {
    print(renderReply(reply, where));
    return Promise.resolve({ messageId: `shell-${++sent}` });
  };
  return {
    platform: 'shell',
    channelIntervalMs: 0,
    post: (to, reply) => deliver(reply, { channel: to.channelId, speaker: '' }),
    dm: (to, reply) => deliver({ ...reply, visibility: 'private' }, { channel: '', speaker: `${to.userId} (DM)` }),
  };
}
