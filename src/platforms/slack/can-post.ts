// Whether Cohort can post in a channel, asked before /group setup creates a
// group there: Slack refuses chat.postMessage (not_in_channel) in a channel
// the bot was never added to, so the group's first daily post would fail.
// conversations.info needs channels:read (public) and groups:read (private);
// an app installed before it asked for them can't tell, and is not blocked.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.ts';
import { slackErrorCode } from './errors.ts';

const INVITE = 'Invite me with `/invite @Cohort` there, then run /group setup again.';

export function cannotPostIn(client: webApi.WebClient, log: Logger): (channelId: string) => Promise<string | undefined> {
  return async (channelId) => {
    try {
      const { channel } = await client.conversations.info({ channel: channelId });
      if (channel?.is_archived) return `<#${channelId}> is archived, so I can't post there. Unarchive it, or set the group up in another channel.`;
      if (channel && !channel.is_im && channel.is_member === false) return `I'm not in <#${channelId}>, so I can't post there. ${INVITE}`;
      return undefined;
    } catch (err) {
      const code = slackErrorCode(err);
      if (code === 'channel_not_found') return `I can't see <#${channelId}>: it is private and I'm not in it. ${INVITE}`;
      log.warn(
        { code, channel: channelId },
        code === 'missing_scope'
          ? 'slack: cannot check whether Cohort is in a channel without the channels:read and groups:read scopes; reinstall the app from manifest.yaml to add them'
          : 'slack: could not check whether Cohort can post in a channel; going ahead',
      );
      return undefined;
    }
  };
}
