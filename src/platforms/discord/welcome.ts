// A short welcome when Cohort arrives in a server, saying how to set up. It is
// sent once per server, decided in the store: of several processes (or a
// restart racing a join), one claims it; a server already greeted is not greeted again.
import { ChannelType, PermissionFlagsBits, type Guild, type TextChannel } from 'discord.js';
import type { Deps } from '../../domain/deps.ts';
import { claimWelcomeFor } from '../../domain/community.ts';
import type { Logger } from '../../log.ts';
import { postAll } from './deliver.ts';

export const WELCOME_TEXT =
  'Thanks for adding Cohort — members learn together along a roadmap, with a daily challenge, streaks and mentor reviews.\n\n' +
  '**To start a study group**, someone with Manage Server runs this in the group\'s channel:\n`/group setup roadmap:backend timezone:Europe/Berlin`\n\n' +
  'Members then join with `/roadmap start`. Add mentors with `/group mentor add @member`. `/help` lists every command.';

export async function welcome(deps: Deps, log: Logger, guild: Guild): Promise<void> {
  // Claimed before posting: a welcome that fails to post is not retried at every start.
  if (!(await claimWelcomeFor(deps, 'discord', guild.id))) return;
  const channel = postableChannel(guild);
  if (channel) {
    try {
      await postAll(guild.client, channel.id, { visibility: 'public', tone: 'info', title: '👋 Hello from Cohort', text: WELCOME_TEXT });
    } catch (err) {
      log.warn({ err, guild: guild.id }, 'could not post the welcome');
    }
  }
  log.info({ guild: guild.id, name: guild.name, channel: channel?.id }, 'joined a server');
}

/** The system channel if Cohort may post there, else the first text channel it may post in. */
function postableChannel(guild: Guild): TextChannel | undefined {
  const me = guild.members.me;
  const canPost = (c: TextChannel) => !me || c.permissionsFor(me).has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks]);
  const system = guild.systemChannel;
  if (system && canPost(system)) return system;
  return guild.channels.cache
    .filter((c): c is TextChannel => c.type === ChannelType.GuildText)
    .sort((a, b) => a.rawPosition - b.rawPosition)
    .find(canPost);
}
