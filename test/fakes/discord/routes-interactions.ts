// Interaction responses and the interaction webhook.
//
// How discord.js maps its methods (all sent with `auth: false`, because the
// interaction token in the URL is the credential):
// - reply()        → POST /interactions/:id/:token/callback { type: 4, data }
// - deferReply()   → ... callback { type: 5, data: { flags } }  (flags 64 = ephemeral)
// - deferUpdate()  → ... callback { type: 6 };  update() → { type: 7, data }
// - showModal()    → ... callback { type: 9, data: { custom_id, title, components } }
//   Each callback carries `?with_response=false` unless `withResponse: true`;
//   Discord answers 204 then, or 200 with `{ interaction, resource }`.
// - editReply()    → PATCH /webhooks/:appId/:token/messages/@original
// - fetchReply()   → GET   /webhooks/:appId/:token/messages/@original
// - deleteReply()  → DELETE the same
// - followUp()     → POST  /webhooks/:appId/:token?wait=true

import { GatewayDispatchEvents, GatewayIntentBits, InteractionResponseType, InteractionType, MessageFlags, MessageType } from 'discord.js';
import type { APIMessage, APIModalInteractionResponseCallbackData, RESTPostAPIInteractionCallbackWithResponseResult } from 'discord.js';
import { DiscordErrors, HttpError } from './http.ts';
import type { InteractionState } from './interactions.ts';
import { asArray, asObject, optNumber, optString, type JsonObject } from './json.ts';
import { errorTree, isEmptyMessage, validateMessageBody, type UploadedFile } from './messages.ts';
import type { RestDeps } from './rest.ts';
import type { Router } from './router.ts';

const wrongResponseType = (why: string): HttpError =>
  DiscordErrors.invalidFormBody({ type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: why }] } });

export function addInteractionRoutes(router: Router, deps: RestDeps): void {
  const { world, messages, interactions, gateway } = deps;

  const validate = (body: JsonObject, prefix: string[]): void => {
    const errors = validateMessageBody(body);
    if (errors.length > 0) throw DiscordErrors.invalidFormBody(errorTree(errors, prefix));
  };

  /** A message made in answer to an interaction: authored by the bot, flagged as the app's webhook. */
  const createResponseMessage = (state: InteractionState, body: JsonObject, files: UploadedFile[], extraFlags = 0): APIMessage => {
    const message = messages.create(state.channelId, body, {
      author: world.bot,
      files,
      allowEphemeral: true,
      extraFlags,
      webhookId: world.application.id,
      applicationId: world.application.id,
      interactionMetadata: interactions.metadata(state),
      type: state.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
      guildId: state.guildId,
      findUser: (id) => world.users.get(id),
    });
    if (extraFlags === 0 && isEmptyMessage(message)) {
      messages.byId.delete(message.id);
      throw DiscordErrors.emptyMessage();
    }
    echo(message);
    return message;
  };

  /** Ephemeral messages exist only for their user: Discord does not send them to the bot over the gateway. */
  const echo = (message: APIMessage): void => {
    if (((message.flags ?? 0) & (MessageFlags.Ephemeral | MessageFlags.Loading)) !== 0) return;
    const channel = world.findChannel(message.channel_id);
    if (channel?.guild === null || channel === undefined) return;
    gateway.dispatchIfIntended(GatewayDispatchEvents.MessageCreate, { ...message, guild_id: channel.guild.id }, GatewayIntentBits.GuildMessages);
  };

  router.add(
    'POST',
    '/interactions/:interactionId/:token/callback',
    ({ params, body, files, query }) => {
      const state = interactions.states.get(params.interactionId);
      if (state === undefined || state.token !== params.token) throw DiscordErrors.unknownInteraction();
      if (state.response !== null) throw DiscordErrors.alreadyAcknowledged();
      const b = asObject(body);
      const type = optNumber(b.type);
      const data = asObject(b.data);
      let message: APIMessage | undefined;

      switch (type) {
        case InteractionResponseType.ChannelMessageWithSource:
          validate(data, ['data']);
          message = createResponseMessage(state, data, files);
          state.originalMessageId = message.id;
          break;
        case InteractionResponseType.DeferredChannelMessageWithSource:
          // The "<bot> is thinking..." placeholder: empty, LOADING, maybe EPHEMERAL.
          message = createResponseMessage(state, { content: '', flags: optNumber(data.flags) ?? 0 }, [], MessageFlags.Loading);
          state.originalMessageId = message.id;
          break;
        case InteractionResponseType.DeferredMessageUpdate:
        case InteractionResponseType.UpdateMessage: {
          const source = state.sourceMessageId === null ? undefined : messages.byId.get(state.sourceMessageId);
          if (source === undefined) throw wrongResponseType('Only interactions on a message can update it');
          if (type === InteractionResponseType.UpdateMessage) {
            validate(data, ['data']);
            message = messages.edit(source, data);
          }
          state.originalMessageId = source.id;
          break;
        }
        case InteractionResponseType.Modal: {
          if (state.type === InteractionType.ModalSubmit) throw wrongResponseType('A modal submit cannot be answered with a modal');
          const customId = optString(data.custom_id);
          const title = optString(data.title);
          if (customId === undefined || title === undefined || asArray(data.components).length === 0) {
            throw DiscordErrors.invalidFormBody({ data: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'A modal needs custom_id, title and components' }] } });
          }
          state.modal = data as unknown as APIModalInteractionResponseCallbackData;
          break;
        }
        case InteractionResponseType.ApplicationCommandAutocompleteResult:
          if (state.type !== InteractionType.ApplicationCommandAutocomplete) throw wrongResponseType('Autocomplete results answer autocomplete interactions only');
          break;
        default:
          throw wrongResponseType(`Unsupported interaction response type ${String(b.type)}`);
      }
      state.response = type;

      if (query.get('with_response') !== 'true') return { status: 204 };
      const result: RESTPostAPIInteractionCallbackWithResponseResult = {
        interaction: {
          id: state.id,
          type: state.type,
          ...(message === undefined
            ? {}
            : {
                response_message_id: message.id,
                response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
                response_message_ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
              }),
        },
        resource: { type, ...(message === undefined ? {} : { message }) },
      };
      return { status: 200, body: result };
    },
    { auth: false },
  );

  /** The interaction behind an interaction webhook; it exists once the interaction was answered. */
  const webhookState = (appId: string, token: string): InteractionState => {
    const state = interactions.byToken(token);
    if (appId !== world.application.id || state === undefined || state.response === null) throw DiscordErrors.unknownWebhook();
    return state;
  };
  const webhookMessage = (state: InteractionState, messageId: string): APIMessage => {
    const id = messageId === '@original' ? state.originalMessageId : messageId;
    const mine = id !== null && (id === state.originalMessageId || state.followUpIds.includes(id));
    const message = mine ? messages.byId.get(id) : undefined;
    if (message === undefined) throw DiscordErrors.unknownMessage();
    return message;
  };

  router.add(
    'POST',
    '/webhooks/:appId/:token',
    ({ params, body, files, query }) => {
      const state = webhookState(params.appId, params.token);
      const b = asObject(body);
      validate(b, []);
      const original = state.originalMessageId === null ? undefined : messages.byId.get(state.originalMessageId);
      let message: APIMessage;
      if (state.response === InteractionResponseType.DeferredChannelMessageWithSource && original !== undefined && ((original.flags ?? 0) & MessageFlags.Loading) !== 0) {
        // After deferReply(), the first follow-up fills in the "thinking..." message
        // instead of posting a new one (and keeps the deferral's ephemerality).
        message = messages.edit(original, b, files);
        if (isEmptyMessage(message)) {
          messages.byId.set(original.id, original);
          throw DiscordErrors.emptyMessage();
        }
        echo(message);
      } else {
        message = createResponseMessage(state, b, files);
        state.followUpIds.push(message.id);
      }
      // discord.js always asks for `wait=true`; without it Discord answers 204.
      return query.get('wait') === 'true' ? { status: 200, body: message } : { status: 204 };
    },
    { auth: false },
  );

  router.add(
    'GET',
    '/webhooks/:appId/:token/messages/:messageId',
    ({ params }) => ({ status: 200, body: webhookMessage(webhookState(params.appId, params.token), params.messageId) }),
    { auth: false },
  );

  router.add(
    'PATCH',
    '/webhooks/:appId/:token/messages/:messageId',
    ({ params, body, files }) => {
      const state = webhookState(params.appId, params.token);
      const message = webhookMessage(state, params.messageId);
      const patch = asObject(body);
      validate(patch, []);
      const edited = messages.edit(message, patch, files);
      if (isEmptyMessage(edited)) {
        messages.byId.set(message.id, message);
        throw DiscordErrors.emptyMessage();
      }
      return { status: 200, body: edited };
    },
    { auth: false },
  );

  router.add(
    'DELETE',
    '/webhooks/:appId/:token/messages/:messageId',
    ({ params }) => {
      const state = webhookState(params.appId, params.token);
      const message = webhookMessage(state, params.messageId);
      messages.byId.delete(message.id);
      return { status: 204 };
    },
    { auth: false },
  );
}
