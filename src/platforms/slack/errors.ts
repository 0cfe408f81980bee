// Slack Web API failures, read once: what the member is told (what to do
// about it), how the scheduler should treat a failed post, and which setting
// to fix when Slack refuses Cohort at start-up.
import { webApi } from '@slack/bolt';
import { ConfigError } from '../../config.ts';
import { DeliveryError } from '../../scheduler/poster.ts';

/** Slack's error code for a failed Web API call (`not_in_channel`, `ratelimited`), if it gave one. */
export function slackErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  if (err.code === webApi.ErrorCode.RateLimitedError) return 'ratelimited';
  if (err.code !== webApi.ErrorCode.PlatformError || !('data' in err)) return undefined;
  const data = err.data as { error?: unknown };
  return typeof data.error === 'string' ? data.error : undefined;
}

/**
 * What to tell a member when Slack refused a post, for the errors they can fix.
 * `channel` is where the post was going, as mrkdwn (`<#C…>`, or `<@U…>` for a DM).
 */
export function explainSlackError(err: unknown, channel: string): string | undefined {
  switch (slackErrorCode(err)) {
    case 'not_in_channel':
      return `I'm not in ${channel}. Invite me with \`/invite @Cohort\` there, then try again.`;
    case 'channel_not_found':
      return `I can't see ${channel}: it was deleted, or it is private and I'm not in it. Invite me with \`/invite @Cohort\` there, or choose another channel with \`/group setup\`.`;
    case 'is_archived':
      return `${channel} is archived, so I can't post there. Unarchive it, or choose another channel with \`/group setup\`.`;
    case 'restricted_action':
      return `This workspace does not let me post in ${channel}. Ask a workspace admin to allow it, then try again.`;
    case 'missing_scope':
      return 'Cohort is missing a Slack permission. A workspace admin should reinstall it from the manifest (README → Slack), then try again.';
    case 'ratelimited':
      return 'Slack asked me to slow down. Try again in a minute.';
    default:
      return undefined;
  }
}

const GONE = new Set(['channel_not_found', 'is_archived']);
const FORBIDDEN = new Set(['not_in_channel', 'restricted_action', 'missing_scope']);

/** A failed scheduled post as the scheduler reads it: gone and forbidden pause the group; the rest is retried. */
export function deliveryError(err: unknown, channel: string): DeliveryError {
  const code = slackErrorCode(err);
  const kind = code && GONE.has(code) ? 'gone' : code && FORBIDDEN.has(code) ? 'forbidden' : 'transient';
  const why = explainSlackError(err, channel) ?? (code ? `Slack answered ${code}` : err instanceof Error ? err.message : String(err));
  return new DeliveryError(kind, why);
}

const REFUSED_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);
const HOW_TO_GET = {
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, after installing the app',
  SLACK_APP_TOKEN: 'create an app-level token with the connections:write scope under Basic Information → App-Level Tokens',
};

/**
 * A start-up failure named by the setting to fix — a token Slack refused, a
 * Web API base that does not answer, a port in use — or undefined for anything else.
 */
export function startupProblem(err: unknown, setting: { token?: keyof typeof HOW_TO_GET | undefined; apiUrl: string; port?: number | undefined }): ConfigError | undefined {
  const code = slackErrorCode(err);
  const { token } = setting;
  if (token && code && REFUSED_TOKEN.has(code)) return new ConfigError([`${token}: Slack refused it (${code}) — ${HOW_TO_GET[token]}`]);
  const failure = err as { code?: unknown; message?: unknown };
  if (failure.code === webApi.ErrorCode.RequestError || failure.code === webApi.ErrorCode.HTTPError) {
    return new ConfigError([`SLACK_API_URL: no Slack Web API answered at ${setting.apiUrl} (${String(failure.message)}) — check the network, or unset it to use https://slack.com/api/`]);
  }
  if (failure.code === 'EADDRINUSE') return new ConfigError([`PORT: ${setting.port} is already in use — stop what listens there, or choose another PORT`]);
  return undefined;
}
