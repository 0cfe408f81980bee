// The core commands as Discord slash commands: subcommands with typed
// options, choices for fixed values, autocomplete for roadmap, track, topic,
// task and time-zone ids. Commands whose every action is for admins (and
// /group, which is administration) are hidden from members without Manage
// Server; the code checks again, since server admins can change who sees what.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { ActionDef, Command, OptionDef } from '../../commands/types.ts';

/** Top-level commands for admins only, though some of their actions (like `/group settings`) are harmless. */
const ADMIN_COMMANDS = new Set(['group']);

const description = (text: string) => (text.length <= 100 ? text : `${text.slice(0, 99)}…`);

function option(o: OptionDef): APIApplicationCommandBasicOption {
  const base = { name: o.name, description: description(o.description), required: o.required ?? false };
  switch (o.type) {
    case 'choice':
      return { ...base, type: ApplicationCommandOptionType.String, choices: (o.choices ?? []).map((c) => ({ name: c, value: c })) };
    case 'integer':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 0 };
    case 'user':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'channel':
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText] };
    case 'string':
      return { ...base, type: ApplicationCommandOptionType.String, ...(o.autocomplete ? { autocomplete: true } : {}), max_length: o.rest ? 4000 : 200 };
  }
}

/** Discord wants required options first; the text parser's positional order is kept otherwise. */
const options = (a: ActionDef) => [...a.options.filter((o) => o.required), ...a.options.filter((o) => !o.required)].map(option);

export function slashCommands(commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((c) => {
    const actions: ActionDef[] = c.subcommands ? [...c.subcommands] : [c];
    const adminOnly = ADMIN_COMMANDS.has(c.name) || actions.every((a) => a.access === 'admin');
    return {
      type: ApplicationCommandType.ChatInput,
      name: c.name,
      description: description(c.description),
      // Cohort works per server: no commands in DMs.
      contexts: [InteractionContextType.Guild],
      default_member_permissions: adminOnly ? PermissionFlagsBits.ManageGuild.toString() : null,
      options: c.subcommands
        ? c.subcommands.map(
            (s): APIApplicationCommandSubcommandOption => ({
              type: ApplicationCommandOptionType.Subcommand,
              name: s.name,
              description: description(s.description),
              options: options(s),
            }),
          )
        : options(c),
    };
  });
}
