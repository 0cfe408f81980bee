// Builders for what Slack sends an app: slash commands, block_actions and
// view_submission payloads, shaped like the real ones (and typed with bolt's
// own payload types, so a shape bolt would not accept fails to compile).
//
// The same objects go over both transports: over HTTP a slash command is form
// fields (`formBody(cmd)`) and an interaction is `payload=<json>`
// (`interactiveBody(p)`); over Socket Mode they are the envelope's `payload`
// (`fake.socket.send('slash_commands', cmd)`, `send('interactive', p)`).
import { randomBytes } from 'node:crypto';
import type { BlockAction, ButtonAction, SlashCommand, ViewOutput, ViewStateValue, ViewSubmitAction } from '@slack/bolt';
import type { FakeBot, FakeTeam, StoredMessage } from './workspace.ts';

export interface PayloadUser {
  id: string;
  name: string;
}

export interface PayloadChannel {
  id: string;
  name: string;
}

export const DEFAULT_USER: PayloadUser = { id: 'U0FAKEUSER', name: 'fake.user' };
export const DEFAULT_CHANNEL: PayloadChannel = { id: 'C0FAKECHAN', name: 'study' };

/** Slack's legacy verification token; bolt ignores it, signatures replaced it. */
const VERIFICATION_TOKEN = 'fake-verification-token';

export interface PayloadDefaults {
  team: FakeTeam;
  bot: FakeBot;
  /** A response_url for a payload that was not given one (the fake's sink). */
  responseUrl: () => string;
  /** Told about the message a block_actions payload comes from, so the fake can serve chat.update on it. */
  onSourceMessage?: (message: StoredMessage) => void;
  /** A message ts for the source message of a block_actions payload. */
  nextTs?: () => string;
}

/** Trigger ids look like "<digits>.<digits>.<hex>"; Slack accepts one within 3 s for views.open. */
export function triggerId(): string {
  return `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomBytes(16).toString('hex')}`;
}

export type SlashCommandInit = Partial<SlashCommand> & { command: string };

export interface BlockActionsInit {
  action_id: string;
  value?: string;
  block_id?: string;
  /** The button's label. */
  text?: string;
  user?: PayloadUser;
  channel?: PayloadChannel;
  /**
   * The message holding the button; default a bot message with a fresh ts.
   * `thread_ts` puts it in a thread: Slack then sends it in `container` and `message`.
   */
  message?: { ts?: string; text?: string; blocks?: unknown[]; thread_ts?: string };
  trigger_id?: string;
  response_url?: string;
  state?: ViewOutput['state'];
}

export interface ViewSubmissionInit {
  callback_id: string;
  private_metadata?: string;
  /** `view.state.values`: block_id → action_id → value (see `inputValue`, `selectValue`). */
  values?: ViewOutput['state']['values'];
  user?: PayloadUser;
  view_id?: string;
  title?: string;
  trigger_id?: string;
  /** Present when the modal has response_url_enabled inputs; bolt's respond() uses the first. */
  response_urls?: ViewSubmitAction['response_urls'];
}

/** A plain_text_input's state value. */
export function inputValue(value: string): ViewStateValue {
  return { type: 'plain_text_input', value };
}

/** A static_select's state value. */
export function selectValue(value: string, text = value): ViewStateValue {
  return { type: 'static_select', selected_option: { text: { type: 'plain_text', text, emoji: true }, value } };
}

export interface PayloadBuilders {
  slashCommand(init: SlashCommandInit): SlashCommand;
  blockActions(init: BlockActionsInit): BlockAction<ButtonAction>;
  viewSubmission(init: ViewSubmissionInit): ViewSubmitAction;
}

export function payloadBuilders(defaults: PayloadDefaults): PayloadBuilders {
  const { team, bot } = defaults;
  let tsCounter = 0;
  const nextTs = defaults.nextTs ?? (() => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`);

  return {
    slashCommand(init) {
      const user = DEFAULT_USER;
      const channel = DEFAULT_CHANNEL;
      // All fields are strings: Slack form-encodes them (and sends the same strings over Socket Mode).
      return {
        token: VERIFICATION_TOKEN,
        team_id: team.id,
        team_domain: team.domain,
        channel_id: channel.id,
        channel_name: channel.name,
        user_id: user.id,
        user_name: user.name,
        text: '',
        api_app_id: bot.appId,
        is_enterprise_install: 'false',
        response_url: init.response_url ?? defaults.responseUrl(),
        trigger_id: triggerId(),
        ...init,
      };
    },

    blockActions(init) {
      const user = init.user ?? DEFAULT_USER;
      const channel = init.channel ?? DEFAULT_CHANNEL;
      const source: StoredMessage = {
        type: 'message',
        channel: channel.id,
        ts: init.message?.ts ?? nextTs(),
        text: init.message?.text ?? '',
        blocks: init.message?.blocks ?? [],
        ...(init.message?.thread_ts !== undefined ? { thread_ts: init.message.thread_ts } : {}),
        user: bot.userId,
        bot_id: bot.botId,
        app_id: bot.appId,
        team: team.id,
      };
      defaults.onSourceMessage?.(source);
      const { channel: _channel, ...message } = source;
      const userObject = { id: user.id, username: user.name, name: user.name, team_id: team.id };
      return {
        type: 'block_actions',
        user: userObject,
        api_app_id: bot.appId,
        token: VERIFICATION_TOKEN,
        container: {
          type: 'message',
          message_ts: source.ts,
          channel_id: channel.id,
          is_ephemeral: false,
          ...(source.thread_ts !== undefined ? { thread_ts: source.thread_ts } : {}),
        },
        trigger_id: init.trigger_id ?? triggerId(),
        team: { id: team.id, domain: team.domain },
        is_enterprise_install: false,
        channel: { id: channel.id, name: channel.name },
        message,
        state: init.state ?? { values: {} },
        response_url: init.response_url ?? defaults.responseUrl(),
        actions: [
          {
            type: 'button',
            action_id: init.action_id,
            block_id: init.block_id ?? randomBytes(3).toString('hex'),
            text: { type: 'plain_text', text: init.text ?? init.action_id, emoji: true },
            ...(init.value !== undefined ? { value: init.value } : {}),
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      };
    },

    viewSubmission(init) {
      const user = init.user ?? DEFAULT_USER;
      const viewId = init.view_id ?? `V${randomBytes(5).toString('hex').toUpperCase()}`;
      const userObject = { id: user.id, username: user.name, name: user.name, team_id: team.id };
      return {
        type: 'view_submission',
        team: { id: team.id, domain: team.domain },
        user: userObject,
        api_app_id: bot.appId,
        token: VERIFICATION_TOKEN,
        trigger_id: init.trigger_id ?? triggerId(),
        is_enterprise_install: false,
        response_urls: init.response_urls ?? [],
        view: {
          id: viewId,
          team_id: team.id,
          type: 'modal',
          callback_id: init.callback_id,
          private_metadata: init.private_metadata ?? '',
          title: { type: 'plain_text', text: init.title ?? 'Cohort', emoji: true },
          blocks: [],
          close: null,
          submit: { type: 'plain_text', text: 'Submit', emoji: true },
          state: { values: init.values ?? {} },
          hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
          root_view_id: viewId,
          previous_view_id: null,
          clear_on_close: false,
          notify_on_close: false,
          external_id: '',
          app_id: bot.appId,
          app_installed_team_id: team.id,
          bot_id: bot.botId,
        },
      };
    },
  };
}
