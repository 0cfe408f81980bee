// A platform-neutral Reply as Discord messages: embeds for the text and
// fields, buttons as components, mentions only for the people the reply
// names in `notify` (mentions inside embeds never ping anyone). Long replies
// are split across embeds and, past Discord's 6,000-character total, messages.
// A card (`reply.image`) is uploaded with the first message and shown in its
// first embed, with its alt text as the attachment's description.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Button, Reply } from '../../commands/types.ts';
import { buttonId } from './custom-id.ts';
import type { Upload } from './callback.ts';
import { LIMITS, split, trim } from './limits.ts';

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Nothing is parsed from the text: only the users named here can be pinged. */
  allowedMentions: { parse: []; users: string[] };
  ephemeral: boolean;
  /** Files uploaded with the message (multipart); a card is shown in the first embed through `attachment://`. */
  files?: DiscordFile[];
}

export interface DiscordFile {
  name: string;
  data: Buffer;
  /** Alt text, Discord's attachment `description`. */
  description: string;
}

const COLORS: Record<NonNullable<Reply['tone']>, number> = { info: 0x5865f2, success: 0x57f287, warning: 0xfee75c, error: 0xed4245 };
const STYLES: Record<NonNullable<Button['style']>, ButtonStyle> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

const embedSize = (e: APIEmbed) =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

export function renderReply(reply: Reply): DiscordMessage[] {
  const color = COLORS[reply.tone ?? 'info'];
  const embeds: APIEmbed[] = split(reply.text ?? '', LIMITS.embedDescription).map((description, i) => ({
    color,
    ...(i === 0 && reply.title ? { title: trim(reply.title, LIMITS.embedTitle) } : {}),
    ...(description ? { description } : {}),
  }));
  const fields: APIEmbedField[] = (reply.fields ?? []).map((f) => ({
    name: trim(f.name, LIMITS.fieldName) || '\u200b',
    value: trim(f.value, LIMITS.fieldValue) || '\u200b',
    ...(f.inline ? { inline: true } : {}),
  }));
  // Fields fill the last embed, then new ones: 25 at most each, and never past one message's total.
  for (const f of fields) {
    const last = embeds[embeds.length - 1]!;
    const fieldSize = f.name.length + f.value.length;
    if ((last.fields?.length ?? 0) === LIMITS.fieldsPerEmbed || embedSize(last) + fieldSize > LIMITS.embedTotal - LIMITS.footer) embeds.push({ color, fields: [f] });
    else (last.fields ??= []).push(f);
  }
  if (reply.footer) embeds[embeds.length - 1]!.footer = { text: trim(reply.footer, LIMITS.footer) };
  const visible = embeds.filter((e) => embedSize(e) > 0);

  // Pack embeds into messages within the per-message count and total size.
  const groups: APIEmbed[][] = [];
  let size = 0;
  for (const e of visible) {
    const current = groups[groups.length - 1];
    if (!current || current.length === LIMITS.embedsPerMessage || size + embedSize(e) > LIMITS.embedTotal) {
      groups.push([e]);
      size = embedSize(e);
    } else {
      current.push(e);
      size += embedSize(e);
    }
  }
  if (groups.length === 0) groups.push([]);

  const notify = [...new Set(reply.notify ?? [])];
  const ephemeral = reply.visibility === 'private';
  const messages: DiscordMessage[] = groups.map((group) => ({ embeds: group, components: [], allowedMentions: { parse: [], users: [] }, ephemeral }));
  const first = messages[0]!;
  // Pings happen only from content, so the people to notify are named there.
  if (notify.length) {
    first.content = trim(notify.map((id) => `<@${id}>`).join(' '), LIMITS.content);
    first.allowedMentions.users = notify;
  }
  const image = reply.image;
  // A card still to be drawn is not part of these messages: it is added by an edit once drawn (deliver.ts).
  if (image && typeof image !== 'function') {
    // The card shows inside the reply's first embed, from the file uploaded with the same message.
    if (first.embeds.length === 0) first.embeds.push({ color });
    first.embeds[0]!.image = { url: `attachment://${image.name}` };
    first.files = [{ name: image.name, data: image.png, description: trim(image.alt, LIMITS.attachmentDescription) }];
  }
  if (first.embeds.length === 0 && !first.content) first.content = '\u200b';
  messages[messages.length - 1]!.components = buttonRows(reply.buttons ?? []);
  return messages;
}

function buttonRows(buttons: readonly Button[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  buttons.slice(0, LIMITS.buttonsPerRow * LIMITS.rowsPerMessage).forEach((b, i) => {
    if (i % LIMITS.buttonsPerRow === 0) rows.push({ type: ComponentType.ActionRow, components: [] });
    rows[rows.length - 1]!.components.push({
      type: ComponentType.Button,
      style: STYLES[b.style ?? 'secondary'] as APIButtonComponentWithCustomId['style'],
      label: trim(b.label, LIMITS.buttonLabel),
      custom_id: buttonId(b),
    });
  });
  return rows;
}

/** A message as a REST request: its JSON body, and its files as multipart parts (`attachments` gives each its alt text). */
export function restMessage(m: DiscordMessage): { body: RESTPostAPIChannelMessageJSONBody; files?: Upload[] } {
  return {
    body: {
      content: m.content ?? '',
      embeds: m.embeds,
      components: m.components,
      allowed_mentions: m.allowedMentions,
      ...(m.files && { attachments: m.files.map((f, id) => ({ id, filename: f.name, description: f.description })) }),
    },
    ...(m.files && { files: m.files.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' })) }),
  };
}
