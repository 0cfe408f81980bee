import type { GroupRow } from '../db/types.ts';
import { findGroup, requireGroup } from '../domain/groups.ts';
import type { CommandContext } from './types.ts';

/** The study group of the channel the command ran in, or a UserError saying how to set one up. */
export const channelGroup = (ctx: CommandContext): Promise<GroupRow> => requireGroup(ctx.deps, ctx.community.id, ctx.channelId);

/** The channel's study group, if it has one. */
export const maybeChannelGroup = (ctx: CommandContext): Promise<GroupRow | undefined> => findGroup(ctx.deps, ctx.community.id, ctx.channelId);
