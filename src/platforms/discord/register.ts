// Registers the slash commands: to one server when a guild id is given
// (instant, for development), otherwise globally. A bulk overwrite, so
// renamed or removed commands disappear too.
import { REST, Routes } from 'discord.js';
import type { Command } from '../../commands/types.ts';
import { slashCommands } from './definitions.ts';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  apiUrl: string;
}

export async function registerCommands(commands: readonly Command[], opts: RegisterOptions): Promise<{ scope: 'guild' | 'global'; names: string[] }> {
  const rest = new REST({ api: opts.apiUrl }).setToken(opts.token);
  const body = slashCommands(commands);
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { scope: opts.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}
