// Turns interactions into command runs: slash commands (options arrive
// typed), button presses and modal submits (their custom_id holds the
// command line), and autocomplete. Business rules stay in the commands.
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  TextInputStyle,
  ComponentType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { suggestOptions } from '../../commands/autocomplete.ts';
import { notYourButton } from '../../commands/cards.ts';
import { runParsed, runText, type Runtime } from '../../commands/dispatch.ts';
import { findAction } from '../../commands/parse.ts';
import type { Reply } from '../../commands/types.ts';
import { ASK_INPUT_ID, modalId, parseCustomId } from './custom-id.ts';
import { deliver, type DeliverContext } from './deliver.ts';
import { whereOf } from './invocation.ts';
import { LIMITS, trim } from './limits.ts';
import { renderReply } from './render.ts';
import { Responder } from './responder.ts';

export interface HandlerContext extends DeliverContext {
  rt: Runtime;
  /** Past this, a command still running is deferred so Discord's 3-second limit is met. */
  deferAfterMs: number;
}

export async function handleInteraction(ctx: HandlerContext, interaction: Interaction): Promise<void> {
  if (!interaction.inGuild()) return;
  if (interaction.isAutocomplete()) return autocomplete(ctx, interaction);
  if (!interaction.isRepliable()) return;
  const responder = new Responder(interaction);
  try {
    if (interaction.isChatInputCommand()) await slashCommand(ctx, interaction, responder);
    else if (interaction.isButton()) await button(ctx, interaction, responder);
    else if (interaction.isModalSubmit()) await modalSubmit(ctx, interaction, responder);
  } catch (err) {
    // The person always hears back, even when Discord or our code failed midway.
    const ref = randomBytes(3).toString('hex');
    ctx.log.error({ err, ref, interaction: interaction.id, guild: interaction.guildId, channel: interaction.channelId, user: interaction.user.id }, 'interaction failed');
    const [apology] = renderReply({ visibility: 'private', tone: 'error', text: `Sorry — something went wrong on our side. If it keeps happening, tell an admin the reference \`${ref}\`.` });
    await responder.send(apology!).catch((e: unknown) => ctx.log.error({ err: e, ref }, 'could not even apologise'));
  }
}

async function slashCommand(ctx: HandlerContext, i: ChatInputCommandInteraction<'cached' | 'raw'>, responder: Responder): Promise<void> {
  const where = await whereOf(i);
  const names = new Map<string, string>();
  const raw: Record<string, string> = {};
  for (const o of leafOptions(i.options.data)) {
    if (o.type === ApplicationCommandOptionType.User) {
      const member = o.member as { displayName?: string; nick?: string | null } | null | undefined;
      if (o.user) names.set(o.user.id, member?.displayName ?? member?.nick ?? o.user.globalName ?? o.user.username);
      raw[o.name] = `<@${String(o.value)}>`;
    } else if (o.type === ApplicationCommandOptionType.Channel) {
      raw[o.name] = `<#${String(o.value)}>`;
    } else if (o.value !== undefined) {
      raw[o.name] = String(o.value);
    }
  }
  const rt: Runtime = { ...ctx.rt, lookupUserName: async (id) => names.get(id) };
  const replies = await inTime(ctx, responder, runParsed(rt, where.invocation, i.commandName, i.options.getSubcommand(false) ?? '', raw));
  await deliver(ctx, responder, where, replies);
}

async function button(ctx: HandlerContext, i: ButtonInteraction<'cached' | 'raw'>, responder: Responder): Promise<void> {
  const action = parseCustomId(i.customId);
  if (!action || action.kind === 'say') return refuse(responder, 'This button is from an older version of Cohort. Run the command instead; `/help` lists them.');
  if (action.onlyFor && action.onlyFor !== i.user.id) return answerPrivately(responder, notYourButton(action.onlyFor, action.command));
  if (action.kind === 'ask') {
    // A modal must be the first answer to the press, so nothing runs before it.
    return i.showModal({
      custom_id: modalId(action.onlyFor, action.command),
      title: trim(action.title || ('label' in i.component ? i.component.label : undefined) || 'Cohort', LIMITS.modalTitle),
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            { type: ComponentType.TextInput, custom_id: ASK_INPUT_ID, label: trim(action.label || 'Your text', LIMITS.inputLabel), style: TextInputStyle.Paragraph, required: true, max_length: 2000 },
          ],
        },
      ],
    });
  }
  await runLine(ctx, i, responder, action.command);
}

async function modalSubmit(ctx: HandlerContext, i: ModalSubmitInteraction<'cached' | 'raw'>, responder: Responder): Promise<void> {
  const action = parseCustomId(i.customId);
  if (!action || action.kind !== 'say') return refuse(responder, 'This form is from an older version of Cohort. Run the command instead; `/help` lists them.');
  if (action.onlyFor && action.onlyFor !== i.user.id) return answerPrivately(responder, notYourButton(action.onlyFor, action.command));
  const text = i.fields.getTextInputValue(ASK_INPUT_ID).trim();
  await runLine(ctx, i, responder, `${action.command} ${text}`);
}

async function runLine(ctx: HandlerContext, i: RepliableInteraction<'cached' | 'raw'>, responder: Responder, line: string): Promise<void> {
  const where = await whereOf(i);
  const replies = await inTime(ctx, responder, runText(ctx.rt, where.invocation, line));
  await deliver(ctx, responder, where, replies);
}

async function autocomplete(ctx: HandlerContext, i: AutocompleteInteraction<'cached' | 'raw'>): Promise<void> {
  const focused = i.options.getFocused(true);
  const command = ctx.rt.commands.find((c) => c.name === i.commandName);
  let choices: { name: string; value: string }[] = [];
  try {
    const option = command && findAction(command, i.options.getSubcommand(false) ?? '').options.find((o) => o.name === focused.name);
    if (option?.autocomplete) {
      const filled = Object.fromEntries(leafOptions(i.options.data).map((o) => [o.name, String(o.value ?? '')]));
      choices = await suggestOptions(ctx.rt.deps, { platform: 'discord', communityId: i.guildId, channelId: i.channelId ?? '', kind: option.autocomplete, typed: String(focused.value), filled });
    }
  } catch (err) {
    ctx.log.warn({ err, command: i.commandName, option: focused.name }, 'autocomplete failed');
  }
  await i.respond(choices).catch((err: unknown) => ctx.log.warn({ err }, 'autocomplete answer failed'));
}

/** Subcommand options are nested one level down; the values are what the commands take. */
function leafOptions(data: readonly CommandInteractionOption[]): CommandInteractionOption[] {
  return data.flatMap((o) => (o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup ? leafOptions(o.options ?? []) : [o]));
}

/** Runs the command; if it is not done in time, the interaction is deferred (privately, so nothing leaks) while it finishes. */
async function inTime(ctx: HandlerContext, responder: Responder, work: Promise<Reply[]>): Promise<Reply[]> {
  // Zero means "always defer" (a deployment with a slow disk, and the tests of that path).
  if (ctx.deferAfterMs <= 0) {
    await responder.defer(true);
    return work;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ctx.deferAfterMs)));
  const first = await Promise.race([work, late]);
  clearTimeout(timer);
  if (first !== 'late') return first;
  await responder.defer(true);
  return work;
}

const refuse = (responder: Responder, text: string) => answerPrivately(responder, { visibility: 'private', tone: 'warning', text });

async function answerPrivately(responder: Responder, reply: Reply): Promise<void> {
  for (const m of renderReply(reply)) await responder.send(m);
}
