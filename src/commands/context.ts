import type { GroupRow } from '../db/types.ts';
import { findGroup, findReviewGroup, requireGroup } from '../domain/groups.ts';
import type { CommandContext } from './types.ts';

/** The study group of the channel the command ran in, or a UserError saying how to set one up. */
export const channelGroup = (ctx: CommandContext): Promise<GroupRow> => requireGroup(ctx.deps, ctx.community.id, ctx.channelId);

/** The channel's study group, if it has one. */
export const maybeChannelGroup = (ctx: CommandContext): Promise<GroupRow | undefined> => findGroup(ctx.deps, ctx.community.id, ctx.channelId);

/** The group a review command is about: the channel's own, or the one whose reviews are posted here. */
export async function reviewGroup(ctx: CommandContext): Promise<GroupRow> {
  return (await findReviewGroup(ctx.deps, ctx.community.id, ctx.channelId)) ?? channelGroup(ctx);
}

/** Like reviewGroup, when the command also works outside any group. */
export const maybeReviewGroup = (ctx: CommandContext): Promise<GroupRow | undefined> => findReviewGroup(ctx.deps, ctx.community.id, ctx.channelId);
