// Only-you answers that are worth showing the group (/challenge today,
// /leaderboard) carry a Share button: it runs the same command with
// `share:yes`, which posts the answer in the channel — once a day per group,
// whoever presses first — so a busy channel doesn't fill with copies.
import type { GroupRow } from '../db/types.ts';
import { claimShare } from '../domain/shares.ts';
import { shortTime } from '../domain/time.ts';
import type { Button, CommandContext, Reply } from './types.ts';

/** The option that asks for it; `/leaderboard share:yes` works typed, too. */
export const SHARE_OPTION = { name: 'share', description: 'yes: post it in the channel for everyone (once a day)', type: 'choice', choices: ['yes'] } as const;

export function shareButton(commandLine: string): Button {
  return { label: 'Share in channel', command: `${commandLine} share:yes`, style: 'secondary' };
}

/**
 * `reply` posted for the channel if this is the day's first share of `key`;
 * otherwise an only-you note saying who already shared it, and when.
 */
export async function shareOnce(ctx: CommandContext, group: GroupRow, key: string, what: string, reply: Reply): Promise<Reply> {
  const claim = await claimShare(ctx.deps, group, ctx.member, key);
  if (claim.first) return { ...reply, visibility: 'public', footer: [reply.footer, `Shared by ${ctx.member.displayName}`].filter(Boolean).join(' · ') };
  return {
    visibility: 'private',
    tone: 'info',
    text: `${claim.by} already shared ${what} in this channel (${shortTime(claim.at.getTime(), group.timezone)}), so it isn't posted again — scroll up to find it.`,
  };
}
