// Routes about the bot itself: gateway discovery, users, the application,
// its commands, and guilds.

import { ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType } from 'discord.js';
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord.js';
import { DiscordErrors } from './http.ts';
import { asArray, asObject, isObject, optNumber, optString, type JsonObject } from './json.ts';
import { errorTree, type FieldError } from './messages.ts';
import type { RestDeps } from './rest.ts';
import type { Router } from './router.ts';

export function addCoreRoutes(router: Router, deps: RestDeps): void {
  const { world } = deps;

  router.add('GET', '/gateway', () => ({ status: 200, body: { url: deps.gateway.url } }));
  router.add('GET', '/gateway/bot', () => ({
    status: 200,
    body: {
      url: deps.gateway.url,
      // What Discord recommends; `shards: 'auto'` runs this many.
      shards: deps.gateway.recommendedShards,
      // discord.js caches this for `reset_after` ms and builds its identify
      // throttle from `max_concurrency` (5 s between identifies of one bucket).
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: deps.gateway.maxConcurrency },
    },
  }));

  router.add('GET', '/users/@me', () => ({ status: 200, body: world.bot }));
  router.add('GET', '/users/:userId', ({ params }) => {
    const user = world.users.get(params.userId);
    if (user === undefined) throw DiscordErrors.unknownUser();
    return { status: 200, body: user };
  });

  router.add('GET', '/applications/@me', () => ({
    status: 200,
    body: { ...world.application, approximate_guild_count: world.guilds.size, redirect_uris: [], interactions_endpoint_url: null },
  }));

  // Bulk overwrite: the body is the complete new list. Commands keep their id
  // when one of the same name and type existed; the rest are created or deleted.
  const overwrite = (scope: string, guildId: string | undefined, body: unknown) => {
    if (!Array.isArray(body)) throw DiscordErrors.invalidFormBody({ _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }] });
    const errors = validateCommands(body);
    if (errors.length > 0) throw DiscordErrors.invalidFormBody(errorTree(errors));
    const previous = world.commands.get(scope) ?? [];
    const version = deps.ids.next();
    const commands = body.map((raw): APIApplicationCommand => {
      const c = asObject(raw);
      const type = (optNumber(c.type) ?? ApplicationCommandType.ChatInput) as ApplicationCommandType;
      const name = String(c.name);
      const kept = previous.find((p) => p.name === name && p.type === type);
      return {
        id: kept?.id ?? deps.ids.next(),
        application_id: world.application.id,
        version,
        type,
        name,
        name_localizations: (c.name_localizations as APIApplicationCommand['name_localizations']) ?? null,
        description: optString(c.description) ?? '',
        description_localizations: (c.description_localizations as APIApplicationCommand['description_localizations']) ?? null,
        ...(Array.isArray(c.options) ? { options: c.options as APIApplicationCommandOption[] } : {}),
        default_member_permissions: optString(c.default_member_permissions) ?? null,
        nsfw: c.nsfw === true,
        integration_types: Array.isArray(c.integration_types) ? (c.integration_types as ApplicationIntegrationType[]) : [ApplicationIntegrationType.GuildInstall],
        contexts: Array.isArray(c.contexts) ? (c.contexts as APIApplicationCommand['contexts']) : null,
        ...(guildId === undefined ? {} : { guild_id: guildId }),
      };
    });
    world.commands.set(scope, commands);
    return { status: 200, body: commands };
  };
  const checkApp = (appId: string): void => {
    if (appId !== world.application.id) throw DiscordErrors.unknownApplication();
  };
  router.add('PUT', '/applications/:appId/commands', ({ params, body }) => {
    checkApp(params.appId);
    return overwrite('global', undefined, body);
  });
  router.add('GET', '/applications/:appId/commands', ({ params }) => {
    checkApp(params.appId);
    return { status: 200, body: world.commands.get('global') ?? [] };
  });
  router.add('PUT', '/applications/:appId/guilds/:guildId/commands', ({ params, body }) => {
    checkApp(params.appId);
    if (!world.guilds.has(params.guildId)) throw DiscordErrors.unknownGuild();
    return overwrite(params.guildId, params.guildId, body);
  });
  router.add('GET', '/applications/:appId/guilds/:guildId/commands', ({ params }) => {
    checkApp(params.appId);
    if (!world.guilds.has(params.guildId)) throw DiscordErrors.unknownGuild();
    return { status: 200, body: world.commands.get(params.guildId) ?? [] };
  });

  router.add('GET', '/guilds/:guildId', ({ params }) => {
    if (!world.guilds.has(params.guildId)) throw DiscordErrors.unknownGuild();
    return { status: 200, body: world.guildObject(params.guildId) };
  });
  router.add('GET', '/guilds/:guildId/channels', ({ params }) => {
    const guild = world.guilds.get(params.guildId);
    if (guild === undefined) throw DiscordErrors.unknownGuild();
    return { status: 200, body: guild.channels };
  });
  router.add('GET', '/guilds/:guildId/roles', ({ params }) => {
    const guild = world.guilds.get(params.guildId);
    if (guild === undefined) throw DiscordErrors.unknownGuild();
    return { status: 200, body: guild.roles };
  });
  router.add('GET', '/guilds/:guildId/members/:userId', ({ params }) => {
    const guild = world.guilds.get(params.guildId);
    if (guild === undefined) throw DiscordErrors.unknownGuild();
    const member = guild.members.get(params.userId);
    if (member === undefined) throw DiscordErrors.unknownMember();
    return { status: 200, body: member };
  });
}

// Discord's rule for command and option names (chat input names must also be lower case).
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** The checks Discord applies to a bulk overwrite, in its error vocabulary. */
export function validateCommands(commands: unknown[]): FieldError[] {
  const errors: FieldError[] = [];
  if (commands.length > 100) errors.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
  const seen = new Set<string>();
  commands.forEach((raw, i) => {
    const c = asObject(raw);
    const type = optNumber(c.type) ?? ApplicationCommandType.ChatInput;
    const name = optString(c.name);
    const chatInput = type === ApplicationCommandType.ChatInput;
    if (name === undefined) {
      errors.push({ path: [i, 'name'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    } else {
      if (chatInput && (!NAME.test(name) || name !== name.toLowerCase())) {
        errors.push({ path: [i, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
      }
      if (seen.has(`${type}:${name}`)) errors.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
      seen.add(`${type}:${name}`);
    }
    const description = optString(c.description) ?? '';
    if (chatInput && (description.length < 1 || description.length > 100)) {
      errors.push({ path: [i, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    if (chatInput) validateOptions(asArray(c.options), [i, 'options'], errors);
  });
  return errors;
}

function validateOptions(options: unknown[], path: FieldError['path'], errors: FieldError[]): void {
  if (options.length > 25) errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  let optionalSeen = false;
  const names = new Set<string>();
  options.forEach((raw, j) => {
    const o: JsonObject = isObject(raw) ? raw : {};
    const name = optString(o.name) ?? '';
    if (!NAME.test(name) || name !== name.toLowerCase()) errors.push({ path: [...path, j, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
    if (names.has(name)) errors.push({ path: [...path, j, 'name'], code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
    names.add(name);
    const description = optString(o.description) ?? '';
    if (description.length < 1 || description.length > 100) {
      errors.push({ path: [...path, j, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    if (asArray(o.choices).length > 25) errors.push({ path: [...path, j, 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    const type = optNumber(o.type);
    if (type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup) {
      validateOptions(asArray(o.options), [...path, j, 'options'], errors);
      return;
    }
    // Required options must come before optional ones.
    if (o.required === true && optionalSeen) {
      errors.push({ path: [...path, j, 'required'], code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
    }
    if (o.required !== true) optionalSeen = true;
  });
}
