// Messages as Discord stores and returns them, plus the limits Discord
// enforces on message bodies. The limits matter: a bot whose replies pass
// against a lenient fake can still get `50035 Invalid Form Body` in production.

import { EmbedType, MessageFlags, MessageType } from 'discord.js';
import type { APIAttachment, APIEmbed, APIMessage, APIMessageInteractionMetadata, APIMessageTopLevelComponent, APIUser } from 'discord.js';
import { asArray, asObject, isObject, optNumber, optString, type JsonObject } from './json.ts';
import { SnowflakeGenerator, snowflakeTime } from './snowflake.ts';

/** A file part of a multipart request, with its bytes. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** One entry of Discord's `errors` tree in a 50035 answer. */
export interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

export interface CreateMessageOptions {
  author: APIUser;
  type?: MessageType;
  files?: UploadedFile[];
  /** Flags a plain channel message may not set (EPHEMERAL) but an interaction response may. */
  allowEphemeral?: boolean;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  /** Extra flags the fake itself sets, e.g. LOADING for a deferred reply. */
  extraFlags?: number;
  guildId?: string;
  /** Looks up users named by `<@id>` in the content, for the `mentions` array. */
  findUser?: (id: string) => APIUser | undefined;
}

/** Flags a client may set when creating a message; Discord ignores the rest. */
const SETTABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsVoiceMessage | MessageFlags.IsComponentsV2;

// Discord's documented limits.
const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
};

const maxLength = (path: FieldError['path'], max: number): FieldError => ({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
const required = (path: FieldError['path']): FieldError => ({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });

/** Problems with a message body, in Discord's vocabulary; empty when Discord would accept it. */
export function validateMessageBody(body: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  const content = optString(body.content);
  if (content !== undefined && content.length > LIMITS.content) errors.push(maxLength(['content'], LIMITS.content));

  const embeds = asArray(body.embeds);
  if (embeds.length > LIMITS.embeds) errors.push(maxLength(['embeds'], LIMITS.embeds));
  for (const [i, raw] of embeds.entries()) {
    const embed = asObject(raw);
    let total = 0;
    const text = (value: unknown, path: FieldError['path'], max: number): void => {
      const s = optString(value);
      if (s === undefined) return;
      total += s.length;
      if (s.length > max) errors.push(maxLength(['embeds', i, ...path], max));
    };
    text(embed.title, ['title'], LIMITS.embedTitle);
    text(embed.description, ['description'], LIMITS.embedDescription);
    text(asObject(embed.footer).text, ['footer', 'text'], LIMITS.footerText);
    text(asObject(embed.author).name, ['author', 'name'], LIMITS.authorName);
    const fields = asArray(embed.fields);
    if (fields.length > LIMITS.embedFields) errors.push(maxLength(['embeds', i, 'fields'], LIMITS.embedFields));
    for (const [j, rawField] of fields.entries()) {
      const field = asObject(rawField);
      // An embed field needs a non-empty name and value.
      if (optString(field.name) === undefined || field.name === '') errors.push(required(['embeds', i, 'fields', j, 'name']));
      if (optString(field.value) === undefined || field.value === '') errors.push(required(['embeds', i, 'fields', j, 'value']));
      text(field.name, ['fields', j, 'name'], LIMITS.fieldName);
      text(field.value, ['fields', j, 'value'], LIMITS.fieldValue);
    }
    if (total > LIMITS.embedTotal) errors.push({ path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}` });
  }

  const flags = optNumber(body.flags) ?? 0;
  if ((flags & MessageFlags.IsComponentsV2) === 0) {
    // Classic components: up to 5 action rows of up to 5 buttons (or one select).
    const rows = asArray(body.components);
    if (rows.length > LIMITS.actionRows) errors.push(maxLength(['components'], LIMITS.actionRows));
    const seen = new Set<string>();
    for (const [i, rawRow] of rows.entries()) {
      const children = asArray(asObject(rawRow).components);
      if (children.length > LIMITS.rowComponents) errors.push(maxLength(['components', i, 'components'], LIMITS.rowComponents));
      for (const [j, rawChild] of children.entries()) {
        const child = asObject(rawChild);
        const customId = optString(child.custom_id);
        if (customId !== undefined) {
          if (customId.length > LIMITS.customId) errors.push(maxLength(['components', i, 'components', j, 'custom_id'], LIMITS.customId));
          if (seen.has(customId)) {
            errors.push({ path: ['components', i, 'components', j, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
          }
          seen.add(customId);
        }
        const label = optString(child.label);
        if (label !== undefined && label.length > LIMITS.buttonLabel) errors.push(maxLength(['components', i, 'components', j, 'label'], LIMITS.buttonLabel));
      }
    }
  }
  return errors;
}

/** Discord's nested `errors` object: `{ content: { _errors: [{ code, message }] } }`. */
export function errorTree(errors: FieldError[], prefix: FieldError['path'] = []): JsonObject {
  const tree: JsonObject = {};
  for (const error of errors) {
    let node = tree;
    for (const key of [...prefix, ...error.path]) {
      const next = node[String(key)];
      node = isObject(next) ? next : (node[String(key)] = {}) as JsonObject;
    }
    const list = Array.isArray(node._errors) ? node._errors : (node._errors = []);
    list.push({ code: error.code, message: error.message });
  }
  return tree;
}

/** Discord refuses a message with nothing to show: code 50006. */
export function isEmptyMessage(message: Pick<APIMessage, 'content' | 'embeds' | 'attachments' | 'components'> & { sticker_ids?: unknown; poll?: unknown }): boolean {
  return message.content.trim() === '' && message.embeds.length === 0 && message.attachments.length === 0 && (message.components ?? []).length === 0 && message.poll === undefined;
}

export class MessageStore {
  readonly byId = new Map<string, APIMessage>();
  /** Uploaded bytes, served back at the attachment's URL. */
  readonly files = new Map<string, UploadedFile>();

  constructor(
    private readonly ids: SnowflakeGenerator,
    /** Origin that attachment URLs point at: the fake, never Discord's CDN. */
    private readonly origin: () => string,
  ) {}

  inChannel(channelId: string): APIMessage[] {
    return [...this.byId.values()].filter((m) => m.channel_id === channelId);
  }

  /**
   * A message with `enforce_nonce` set is created once per nonce: Discord
   * answers a repeat (for example a retry after a 429) with the first message.
   */
  findByNonce(channelId: string, nonce: string | number): APIMessage | undefined {
    return this.inChannel(channelId).find((m) => m.nonce === nonce);
  }

  create(channelId: string, body: JsonObject, options: CreateMessageOptions): APIMessage {
    const id = this.ids.next();
    const settable = SETTABLE_FLAGS | (options.allowEphemeral === true ? MessageFlags.Ephemeral : 0);
    const flags = ((optNumber(body.flags) ?? 0) & settable) | (options.extraFlags ?? 0);
    const nonce = optString(body.nonce) ?? optNumber(body.nonce);
    const reference = asObject(body.message_reference);
    const referencedId = optString(reference.message_id);
    const message: APIMessage = {
      id,
      channel_id: channelId,
      author: options.author,
      content: optString(body.content) ?? '',
      timestamp: snowflakeTime(id),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: mentionedUsers(optString(body.content) ?? '', asObject(body.allowed_mentions), options.findUser),
      mention_roles: [],
      attachments: this.#attachments(channelId, body, options.files ?? []),
      embeds: asArray(body.embeds).map(richEmbed),
      pinned: false,
      type: options.type ?? (referencedId === undefined ? MessageType.Default : MessageType.Reply),
      flags,
      components: asArray(body.components) as APIMessageTopLevelComponent[],
      ...(nonce === undefined ? {} : { nonce }),
      ...(options.webhookId === undefined ? {} : { webhook_id: options.webhookId }),
      ...(options.applicationId === undefined ? {} : { application_id: options.applicationId }),
      ...(options.interactionMetadata === undefined ? {} : { interaction_metadata: options.interactionMetadata }),
      ...(referencedId === undefined
        ? {}
        : {
            message_reference: { type: 0, message_id: referencedId, channel_id: channelId, ...(options.guildId === undefined ? {} : { guild_id: options.guildId }) },
            referenced_message: this.byId.get(referencedId) ?? null,
          }),
    };
    this.byId.set(id, message);
    return message;
  }

  /**
   * Applies a PATCH body (only the fields present change) to a copy, stores
   * and returns it. Copies keep earlier answers and recorded responses as
   * they were sent.
   */
  edit(original: APIMessage, body: JsonObject, files: UploadedFile[] = []): APIMessage {
    const message = structuredClone(original);
    const wasLoading = ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
    if (typeof body.content === 'string' || body.content === null) message.content = body.content ?? '';
    if (Array.isArray(body.embeds) || body.embeds === null) message.embeds = asArray(body.embeds).map(richEmbed);
    if (Array.isArray(body.components) || body.components === null) message.components = asArray(body.components) as APIMessageTopLevelComponent[];
    if (Array.isArray(body.attachments)) {
      // `attachments` on an edit lists the existing attachments to keep, by id.
      const keep = new Set(body.attachments.map((a) => String(asObject(a).id)));
      message.attachments = message.attachments.filter((a) => keep.has(a.id));
    }
    // Files uploaded with the edit become new attachments (described by their index in `attachments`).
    if (files.length > 0) message.attachments = [...message.attachments, ...this.#attachments(message.channel_id, body, files)];
    const flags = optNumber(body.flags);
    let next = message.flags ?? 0;
    if (flags !== undefined) next = (next & ~MessageFlags.SuppressEmbeds) | (flags & MessageFlags.SuppressEmbeds);
    // The first edit of a deferred reply replaces the "is thinking..." placeholder.
    message.flags = next & ~MessageFlags.Loading;
    if (!wasLoading) message.edited_timestamp = new Date().toISOString();
    this.byId.set(message.id, message);
    return message;
  }

  #attachments(channelId: string, body: JsonObject, files: UploadedFile[]): APIAttachment[] {
    const described = asArray(body.attachments).map(asObject);
    return files.map((file, index) => {
      const id = this.ids.next();
      const url = `${this.origin()}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
      this.files.set(id, file);
      const description = optString(described.find((a) => String(a.id) === String(index))?.description);
      return {
        id,
        filename: file.filename,
        size: file.data.length,
        url,
        proxy_url: url,
        content_type: file.contentType,
        ...(description === undefined ? {} : { description }),
      };
    });
  }
}

/**
 * Users mentioned as `<@id>` or `<@!id>`. With `allowed_mentions`, Discord
 * lists only the users it allows to be pinged.
 */
function mentionedUsers(content: string, allowed: JsonObject, findUser: CreateMessageOptions['findUser']): APIUser[] {
  if (findUser === undefined) return [];
  const restricted = Object.keys(allowed).length > 0;
  const parse = asArray(allowed.parse);
  const listed = asArray(allowed.users);
  const users = new Map<string, APIUser>();
  for (const match of content.matchAll(/<@!?(\d{17,20})>/g)) {
    const id = match[1];
    if (id === undefined) continue;
    if (restricted && !parse.includes('users') && !listed.includes(id)) continue;
    const user = findUser(id);
    if (user !== undefined) users.set(id, user);
  }
  return [...users.values()];
}

/** Discord marks embeds sent by bots as `rich`. */
function richEmbed(raw: unknown): APIEmbed {
  return { ...(asObject(raw) as APIEmbed), type: EmbedType.Rich };
}
