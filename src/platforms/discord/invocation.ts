// Who ran an interaction, in which server and channel. A command run inside
// a thread belongs to the group of the thread's parent channel; replies that
// belong "here" still go to the thread.
import { PermissionFlagsBits, type BaseInteraction, type GuildMember } from 'discord.js';
import type { Invocation } from '../../commands/dispatch.ts';
import type { Here } from '../targets.ts';
import { whyCannotPost } from './can-post.ts';

export interface Where {
  invocation: Invocation;
  here: Here;
}

export async function whereOf(interaction: BaseInteraction<'cached' | 'raw'>): Promise<Where> {
  const channelId = interaction.channelId ?? '';
  const channel = interaction.channel ?? (channelId ? await interaction.client.channels.fetch(channelId).catch(() => null) : null);
  const thread = channel?.isThread() ? channel : undefined;
  const groupChannel = thread?.parentId ?? channelId;
  const member = interaction.member as GuildMember | { nick?: string | null } | null;
  const name = (member && 'displayName' in member ? member.displayName : member?.nick) ?? interaction.user.globalName ?? interaction.user.username;
  // The check below may be kept for a while (a card drawn later holds its command's context):
  // it holds the client, not the interaction and everything discord.js hangs on it.
  const client = interaction.client;
  return {
    invocation: {
      platform: 'discord',
      communityId: interaction.guildId,
      channelId: groupChannel,
      // Admins are those who may manage the server: the same permission the admin commands are registered with.
      user: { id: interaction.user.id, name, isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false },
      names: { community: interaction.guild?.name, channel: thread ? (thread.parent?.name ?? undefined) : channel && 'name' in channel ? (channel.name ?? undefined) : undefined },
      cannotPost: async (id) => whyCannotPost(client, id),
    },
    here: { channelId: groupChannel, threadId: thread?.id },
  };
}
