// INTERACTION_CREATE payloads as Discord builds them, and the state of each
// interaction the fake issued (whether and how it was answered), which the
// callback and webhook routes consult.
//
// Protocol facts this relies on:
// - An interaction is answered once, by POST /interactions/:id/:token/callback;
//   a second answer is `40060 Interaction has already been acknowledged`.
// - After that, the interaction token is a webhook token: follow-ups and edits
//   go to /webhooks/:applicationId/:token, where `@original` is the reply (or,
//   for a component's update, the component's message).

import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
} from 'discord.js';
import type {
  APIApplicationCommandAutocompleteGuildInteraction,
  APIApplicationCommand,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandInteractionDataSubcommandOption,
  APIApplicationCommandOption,
  APIChatInputApplicationCommandGuildInteraction,
  APIInteractionDataResolved,
  APIInteractionDataResolvedChannel,
  APIMessage,
  APIMessageComponentGuildInteraction,
  APIMessageInteractionMetadata,
  APIModalSubmitGuildInteraction,
  APIModalInteractionResponseCallbackData,
  APIUser,
} from 'discord.js';
import type { MessageStore } from './messages.ts';
import type { SnowflakeGenerator } from './snowflake.ts';
import type { World } from './world.ts';

export type GuildInteractionPayload = APIChatInputApplicationCommandGuildInteraction | APIMessageComponentGuildInteraction | APIModalSubmitGuildInteraction;

/** Where and by whom an interaction happens. */
export interface InteractionWhere {
  /** User id or username of the member who acts; defaults to the guild's first non-bot member. */
  user?: string;
  /** Defaults to the first configured guild. */
  guildId?: string;
  /** Channel id or name; defaults to the guild's first text channel (components: the message's channel). */
  channel?: string;
  /** The acting user's client locale. */
  locale?: Locale;
}

/**
 * An option value for `sendCommand`. Strings, booleans and numbers map to
 * STRING, BOOLEAN and INTEGER/NUMBER; objects name entity options. When the
 * command was registered with the fake (PUT .../commands), the registered
 * option types win and unknown or missing required options throw.
 */
export type OptionInput = string | number | boolean | { user: string } | { channel: string } | { role: string } | { integer: number } | { number: number };

export interface CommandInput extends InteractionWhere {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, OptionInput>;
}

export interface ComponentInput extends InteractionWhere {
  customId: string;
  /**
   * The message carrying the component: a stored message id or a message.
   * Defaults to the newest stored message having a component with this
   * custom id, or else a new bot message with such a button.
   */
  message?: string | APIMessage;
  /** Selected values: makes the component a string select. */
  values?: string[];
}

export interface ModalSubmitInput extends InteractionWhere {
  customId: string;
  /** Text input custom ids to the text typed. */
  fields: Record<string, string>;
  /** For a modal opened from a component: the component's message. */
  message?: string | APIMessage;
}

export interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  guildId: string;
  channelId: string;
  user: APIUser;
  payload: GuildInteractionPayload;
  /** The callback type of the answer, or null while unanswered. */
  response: InteractionResponseType | null;
  /** What `@original` refers to once answered. */
  originalMessageId: string | null;
  followUpIds: string[];
  /** The message that carried the component, for component (and modal-from-component) interactions. */
  sourceMessageId: string | null;
  /** The modal shown in answer (callback type 9), if any. */
  modal: APIModalInteractionResponseCallbackData | null;
}

// Files up to 10 MiB on a guild without boosts.
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export class Interactions {
  readonly states = new Map<string, InteractionState>();
  /** Command ids for commands the test never registered, stable per name. */
  readonly #adHocCommandIds = new Map<string, string>();

  constructor(
    private readonly world: World,
    private readonly messages: MessageStore,
    private readonly ids: SnowflakeGenerator,
  ) {}

  byToken(token: string): InteractionState | undefined {
    return [...this.states.values()].find((s) => s.token === token);
  }

  /** Metadata Discord attaches to messages created in answer to an interaction. */
  metadata(state: InteractionState): APIMessageInteractionMetadata {
    const owners = { [ApplicationIntegrationType.GuildInstall]: state.guildId };
    if (state.type === InteractionType.MessageComponent) {
      return { id: state.id, type: InteractionType.MessageComponent, user: state.user, authorizing_integration_owners: owners, interacted_message_id: state.sourceMessageId ?? '' };
    }
    return { id: state.id, type: InteractionType.ApplicationCommand, user: state.user, authorizing_integration_owners: owners };
  }

  command(input: CommandInput): APIChatInputApplicationCommandGuildInteraction {
    const base = this.#base(input, null);
    const registered = this.#registered(base.guild_id, input.name);
    const resolved: APIInteractionDataResolved = {};
    let declared = registered?.options;
    const path: string[] = [input.name];
    if (input.subcommandGroup !== undefined) {
      if (input.subcommand === undefined) throw new Error('fake Discord: a subcommand group is always invoked through one of its subcommands');
      declared = this.#declaredChild(registered, declared, input.subcommandGroup, ApplicationCommandOptionType.SubcommandGroup, path);
      path.push(input.subcommandGroup);
    }
    if (input.subcommand !== undefined) {
      declared = this.#declaredChild(registered, declared, input.subcommand, ApplicationCommandOptionType.Subcommand, path);
      path.push(input.subcommand);
    }
    const given = input.options ?? {};
    const basics = Object.entries(given).map(([name, value]) =>
      this.#option(base.guild_id, name, value, registered === undefined ? undefined : (declared ?? []), path, resolved),
    );
    if (registered !== undefined) {
      for (const option of declared ?? []) {
        if ('required' in option && option.required === true && !(option.name in given)) {
          throw new Error(`fake Discord: /${path.join(' ')} requires option "${option.name}"; Discord clients cannot omit it`);
        }
      }
    }
    // Subcommands nest: data.options = [group { options: [subcommand { options: [...] }] }].
    let options: APIApplicationCommandInteractionDataOption[] = basics;
    if (input.subcommand !== undefined) {
      const sub: APIApplicationCommandInteractionDataSubcommandOption = { type: ApplicationCommandOptionType.Subcommand, name: input.subcommand, options: basics };
      options = input.subcommandGroup === undefined ? [sub] : [{ type: ApplicationCommandOptionType.SubcommandGroup, name: input.subcommandGroup, options: [sub] }];
    }

    const payload: APIChatInputApplicationCommandGuildInteraction = {
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        id: registered?.id ?? this.#adHocCommandId(input.name),
        name: input.name,
        type: ApplicationCommandType.ChatInput,
        ...(registered?.guild_id === undefined ? {} : { guild_id: registered.guild_id }),
        ...(options.length === 0 ? {} : { options }),
        ...(Object.keys(resolved).length === 0 ? {} : { resolved }),
      },
    };
    this.#track(payload, base.channel_id, null);
    return payload;
  }

  /**
   * An autocomplete request (type 4) while the member types `focused`: the
   * command's options so far, that one marked `focused`. Always a string.
   */
  autocomplete(input: CommandInput & { focused: string }): APIApplicationCommandAutocompleteGuildInteraction {
    const command = this.command(input);
    const mark = (options: APIApplicationCommandInteractionDataOption[] | undefined): APIApplicationCommandInteractionDataOption[] | undefined =>
      options?.map((o) => ('options' in o ? { ...o, options: mark(o.options) } : o.name === input.focused ? { ...o, focused: true } : o)) as APIApplicationCommandInteractionDataOption[] | undefined;
    const payload = {
      ...command,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: { ...command.data, options: mark(command.data.options) },
    } as unknown as APIApplicationCommandAutocompleteGuildInteraction;
    const state = this.states.get(command.id)!;
    this.states.set(command.id, { ...state, type: InteractionType.ApplicationCommandAutocomplete, payload: payload as unknown as GuildInteractionPayload });
    return payload;
  }

  component(input: ComponentInput): APIMessageComponentGuildInteraction {
    const message = this.#sourceMessage(input);
    const base = this.#base({ ...input, channel: message.channel_id }, message);
    const payload: APIMessageComponentGuildInteraction = {
      ...base,
      type: InteractionType.MessageComponent,
      message,
      data:
        input.values === undefined
          ? { custom_id: input.customId, component_type: ComponentType.Button }
          : { custom_id: input.customId, component_type: ComponentType.StringSelect, values: input.values },
    };
    this.#track(payload, base.channel_id, message.id);
    return payload;
  }

  modalSubmit(input: ModalSubmitInput): APIModalSubmitGuildInteraction {
    const message = input.message === undefined ? undefined : this.#messageFrom(input.message);
    const base = this.#base(message === undefined ? input : { ...input, channel: message.channel_id }, message ?? null);
    const payload: APIModalSubmitGuildInteraction = {
      ...base,
      type: InteractionType.ModalSubmit,
      ...(message === undefined ? {} : { message }),
      data: {
        custom_id: input.customId,
        // Classic modals: one action row per text input (component type 4).
        components: Object.entries(input.fields).map(([customId, value]) => ({
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
        })),
      },
    };
    this.#track(payload, base.channel_id, message?.id ?? null);
    return payload;
  }

  #base(where: InteractionWhere, message: APIMessage | null) {
    const guild = this.world.guild(where.guildId);
    const humans = [...guild.members.values()].filter((m) => m.user.id !== this.world.bot.id);
    const user = where.user === undefined ? humans[0]?.user : this.world.user(where.user);
    if (user === undefined) throw new Error(`fake Discord: guild ${guild.name} has no member to act`);
    const found = where.channel === undefined ? undefined : this.world.findChannel(where.channel);
    const channel = found?.channel ?? (message === null ? this.world.textChannel(guild.id, where.channel) : undefined);
    if (channel === undefined) throw new Error(`fake Discord: unknown channel ${where.channel ?? message?.channel_id ?? ''}`);
    const id = this.ids.next();
    return {
      id,
      application_id: this.world.application.id,
      // Interaction tokens are opaque and long; this one is recognisably fake.
      token: `aW50ZXJhY3Rpb246${Buffer.from(`${id}:${Math.random()}`).toString('base64url')}`,
      version: 1 as const,
      guild_id: guild.id,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      channel_id: channel.id,
      channel,
      member: this.world.interactionMember(guild.id, user.id),
      // The bot's own permissions in the channel, as a bitfield string.
      app_permissions: this.world.permissions(guild.id, this.world.bot.id).toString(),
      locale: where.locale ?? Locale.EnglishUS,
      guild_locale: Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
  }

  #track(payload: GuildInteractionPayload, channelId: string, sourceMessageId: string | null): void {
    this.states.set(payload.id, {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      guildId: payload.guild_id,
      channelId,
      user: payload.member.user,
      payload,
      response: null,
      originalMessageId: null,
      followUpIds: [],
      sourceMessageId,
      modal: null,
    });
  }

  /** A command registered with the fake: the guild's own first, then global ones (as Discord resolves them). */
  #registered(guildId: string, name: string): APIApplicationCommand | undefined {
    const isIt = (c: APIApplicationCommand): boolean => c.name === name && (c.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
    return this.world.commands.get(guildId)?.find(isIt) ?? this.world.commands.get('global')?.find(isIt);
  }

  #adHocCommandId(name: string): string {
    const known = this.#adHocCommandIds.get(name);
    if (known !== undefined) return known;
    const id = this.ids.next();
    this.#adHocCommandIds.set(name, id);
    return id;
  }

  /** The options declared under a registered subcommand (group), or undefined for an unregistered command. */
  #declaredChild(
    registered: APIApplicationCommand | undefined,
    declared: APIApplicationCommandOption[] | undefined,
    name: string,
    type: ApplicationCommandOptionType.Subcommand | ApplicationCommandOptionType.SubcommandGroup,
    path: string[],
  ): APIApplicationCommandOption[] | undefined {
    if (registered === undefined) return undefined;
    const child = declared?.find((o) => o.name === name && o.type === type);
    if (child === undefined) throw new Error(`fake Discord: registered /${path.join(' ')} has no ${ApplicationCommandOptionType[type]} "${name}"`);
    return 'options' in child ? (child.options as APIApplicationCommandOption[] | undefined) : undefined;
  }

  #option(
    guildId: string,
    name: string,
    value: OptionInput,
    declared: APIApplicationCommandOption[] | undefined,
    path: string[],
    resolved: APIInteractionDataResolved,
  ): APIApplicationCommandInteractionDataBasicOption {
    let type = inferType(value);
    if (declared !== undefined) {
      const option = declared.find((o) => o.name === name);
      if (option === undefined) throw new Error(`fake Discord: /${path.join(' ')} has no option "${name}"; declared: ${declared.map((o) => o.name).join(', ') || '(none)'}`);
      type = option.type;
    }
    const raw = typeof value === 'object' ? Object.values(value)[0] : value;
    switch (type) {
      case ApplicationCommandOptionType.String:
        return { name, type, value: String(raw) };
      case ApplicationCommandOptionType.Integer:
      case ApplicationCommandOptionType.Number:
        if (typeof raw !== 'number') throw new Error(`fake Discord: option "${name}" needs a number`);
        return { name, type, value: raw };
      case ApplicationCommandOptionType.Boolean:
        return { name, type, value: raw === true };
      case ApplicationCommandOptionType.User:
      case ApplicationCommandOptionType.Mentionable: {
        const user = this.world.user(String(raw));
        (resolved.users ??= {})[user.id] = user;
        const member = this.world.guild(guildId).members.get(user.id);
        if (member !== undefined) {
          // Resolved members carry no `user`, `deaf` or `mute`, but do carry `permissions`.
          const { user: _user, deaf: _deaf, mute: _mute, ...rest } = member;
          (resolved.members ??= {})[user.id] = { ...rest, permissions: this.world.permissions(guildId, user.id).toString() };
        }
        return { name, type, value: user.id };
      }
      case ApplicationCommandOptionType.Channel: {
        const found = this.world.findChannel(String(raw)) ?? { channel: this.world.textChannel(guildId, String(raw)) };
        const c = found.channel;
        const perms = this.world.permissions(guildId, this.world.bot.id).toString();
        const entry = { id: c.id, name: c.name ?? '', type: c.type, permissions: perms } as APIInteractionDataResolvedChannel;
        if (c.type === ChannelType.PublicThread || c.type === ChannelType.PrivateThread || c.type === ChannelType.AnnouncementThread) {
          Object.assign(entry, { parent_id: c.parent_id, thread_metadata: c.thread_metadata });
        }
        (resolved.channels ??= {})[c.id] = entry;
        return { name, type, value: c.id };
      }
      case ApplicationCommandOptionType.Role: {
        const role = this.world.guild(guildId).roles.find((r) => r.id === String(raw) || r.name === String(raw));
        if (role === undefined) throw new Error(`fake Discord: no role ${String(raw)}`);
        (resolved.roles ??= {})[role.id] = role;
        return { name, type, value: role.id };
      }
      default:
        throw new Error(`fake Discord: option "${name}" has type ${ApplicationCommandOptionType[type]}, which sendCommand cannot fill`);
    }
  }

  #messageFrom(message: string | APIMessage): APIMessage {
    if (typeof message !== 'string') return message;
    const stored = this.messages.byId.get(message);
    if (stored === undefined) throw new Error(`fake Discord: no stored message ${message}`);
    return stored;
  }

  #sourceMessage(input: ComponentInput): APIMessage {
    if (input.message !== undefined) return this.#messageFrom(input.message);
    const carrying = [...this.messages.byId.values()].reverse().find((m) => hasCustomId(m.components ?? [], input.customId));
    if (carrying !== undefined) return carrying;
    // No stored message has it: make the bot's message the component sits on.
    const guild = this.world.guild(input.guildId);
    const channel = input.channel === undefined ? this.world.textChannel(guild.id) : (this.world.findChannel(input.channel)?.channel ?? this.world.textChannel(guild.id, input.channel));
    const component =
      input.values === undefined
        ? { type: ComponentType.Button, style: ButtonStyle.Primary, label: input.customId, custom_id: input.customId }
        : { type: ComponentType.StringSelect, custom_id: input.customId, options: input.values.map((v) => ({ label: v, value: v })) };
    return this.messages.create(channel.id, { content: 'Pick one:', components: [{ type: ComponentType.ActionRow, components: [component] }] }, { author: this.world.bot });
  }
}

function inferType(value: OptionInput): ApplicationCommandOptionType {
  if (typeof value === 'string') return ApplicationCommandOptionType.String;
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  if ('user' in value) return ApplicationCommandOptionType.User;
  if ('channel' in value) return ApplicationCommandOptionType.Channel;
  if ('role' in value) return ApplicationCommandOptionType.Role;
  if ('integer' in value) return ApplicationCommandOptionType.Integer;
  return ApplicationCommandOptionType.Number;
}

/** Whether a component tree (rows, containers, sections...) holds a component with this custom id. */
function hasCustomId(node: unknown, customId: string): boolean {
  if (Array.isArray(node)) return node.some((child) => hasCustomId(child, customId));
  if (typeof node !== 'object' || node === null) return false;
  if ('custom_id' in node && node.custom_id === customId) return true;
  return Object.values(node).some((child) => typeof child === 'object' && hasCustomId(child, customId));
}
