// The Web API methods the fake implements, answering as Slack does: HTTP 200
// with `{ ok: true, ... }`, or `{ ok: false, error }` (thrown as SlackApiError
// here; web-api.ts turns it into the response).
import type { SlackArgs } from './body.ts';
import type { FakeChannel, StoredMessage, Workspace } from './workspace.ts';

/** What a handler returns; `ok: true` is added by the dispatcher. */
export type MethodResult = Record<string, unknown>;

export type TokenKind = 'bot' | 'app';

export interface MethodContext {
  method: string;
  args: SlackArgs;
  token: string;
  tokenKind: TokenKind;
  workspace: Workspace;
  /** A fresh, single-use Socket Mode URL (what apps.connections.open hands out). */
  openSocketUrl: () => string;
}

export type MethodHandler = (ctx: MethodContext) => MethodResult | Promise<MethodResult>;

/** A Slack platform error: answered as HTTP 200 `{ ok: false, error, ...extra }`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

/** A non-empty string argument; numbers count (form-encoding turns them into strings anyway). */
function str(args: SlackArgs, name: string): string | undefined {
  const v = args[name];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function need(args: SlackArgs, name: string, error: string): string {
  const v = str(args, name);
  if (v === undefined) throw new SlackApiError(error, { response_metadata: { messages: [`[ERROR] missing required field: ${name}`] } });
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Message content as chat.postMessage/update read it. Slack answers
 * `invalid_blocks_format` when `blocks` is not a JSON array (e.g. a string
 * that did not parse), and `no_text` when there is nothing to show.
 */
function content(args: SlackArgs): Pick<StoredMessage, 'text' | 'blocks' | 'attachments'> {
  const { blocks, attachments } = args;
  if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
  if (attachments !== undefined && !Array.isArray(attachments)) throw new SlackApiError('invalid_attachments');
  const text = str(args, 'text');
  if (text === undefined && blocks === undefined && attachments === undefined) throw new SlackApiError('no_text');
  return {
    ...(text !== undefined ? { text } : {}),
    ...(blocks !== undefined ? { blocks } : {}),
    ...(attachments !== undefined ? { attachments } : {}),
  };
}

/**
 * Posting to a user id (`U…`/`W…`) posts to the DM with that user, and Slack
 * answers with the DM's `D…` id. Known channels enforce membership: a bot that
 * is not in a channel gets `not_in_channel`, an archived channel `is_archived`.
 * Unknown channel ids are accepted, so tests need not declare every channel.
 */
export function postableChannel(ws: Workspace, channelArg: string): string {
  const channelId = /^[UW]/.test(channelArg) ? ws.openDm(channelArg).id : channelArg;
  const channel = ws.channels.get(channelId);
  if (channel?.is_archived) throw new SlackApiError('is_archived');
  if (channel !== undefined && !channel.is_member) throw new SlackApiError('not_in_channel');
  return channelId;
}

/** A stored message as Slack returns it inside `message` (no `channel` field). */
function messageView(m: StoredMessage): Record<string, unknown> {
  const { channel: _channel, ...rest } = m;
  return rest;
}

function channelView(ws: Workspace, c: FakeChannel): Record<string, unknown> {
  if (c.is_im) {
    return { id: c.id, created: c.created, is_im: true, is_org_shared: false, user: c.user, is_user_deleted: false, priority: 0 };
  }
  return {
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    is_channel: !c.is_private,
    is_group: c.is_private,
    is_im: false,
    is_mpim: false,
    is_private: c.is_private,
    is_archived: c.is_archived,
    is_general: false,
    is_member: c.is_member,
    is_shared: false,
    is_org_shared: false,
    created: c.created,
    context_team_id: ws.team.id,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
  };
}

function userView(ws: Workspace, u: NonNullable<ReturnType<Workspace['users']['get']>>): Record<string, unknown> {
  const name = u.name ?? u.id.toLowerCase();
  const realName = u.real_name ?? name;
  const displayName = u.display_name ?? '';
  return {
    id: u.id,
    team_id: ws.team.id,
    name,
    deleted: u.deleted ?? false,
    real_name: realName,
    tz: u.tz ?? 'Europe/Lisbon',
    is_admin: u.is_admin ?? false,
    is_owner: u.is_owner ?? false,
    is_primary_owner: u.is_primary_owner ?? false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.is_bot ?? false,
    is_app_user: false,
    updated: 0,
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: displayName,
      display_name_normalized: displayName,
      team: ws.team.id,
    },
  };
}

export interface StoredView extends Record<string, unknown> {
  id: string;
}

/** The view object Slack returns from views.open/update: the input plus ids, state and hash. */
function viewOutput(ctx: MethodContext, input: Record<string, unknown>, id: string, previous?: StoredView): StoredView {
  const { workspace: ws } = ctx;
  return {
    id,
    team_id: ws.team.id,
    type: input.type,
    title: input.title,
    blocks: input.blocks ?? [],
    close: input.close ?? null,
    submit: input.submit ?? null,
    private_metadata: input.private_metadata ?? '',
    callback_id: input.callback_id ?? '',
    external_id: input.external_id ?? '',
    state: { values: {} },
    hash: `${ws.nextTs()}.${ws.nextId()}`,
    clear_on_close: input.clear_on_close ?? false,
    notify_on_close: input.notify_on_close ?? false,
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: null,
    app_id: ws.bot.appId,
    app_installed_team_id: ws.team.id,
    bot_id: ws.bot.botId,
  };
}

export function builtInMethods(views: Map<string, StoredView>): Map<string, MethodHandler> {
  const methods = new Map<string, MethodHandler>();

  methods.set('auth.test', ({ workspace: ws }) => ({
    url: `https://${ws.team.domain}.slack.com/`,
    team: ws.team.name,
    user: ws.bot.name,
    team_id: ws.team.id,
    user_id: ws.bot.userId,
    bot_id: ws.bot.botId,
    is_enterprise_install: false,
  }));

  // Socket Mode: the app-level token trades for a WebSocket URL.
  methods.set('apps.connections.open', ({ openSocketUrl }) => ({ url: openSocketUrl() }));

  methods.set('chat.postMessage', ({ args, workspace: ws }) => {
    const channel = postableChannel(ws, need(args, 'channel', 'channel_not_found'));
    const threadTs = str(args, 'thread_ts');
    const message: StoredMessage = {
      type: 'message',
      channel,
      ts: ws.nextTs(),
      ...content(args),
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
      user: ws.bot.userId,
      bot_id: ws.bot.botId,
      app_id: ws.bot.appId,
      team: ws.team.id,
    };
    ws.storeMessage(message);
    return { channel, ts: message.ts, message: messageView(message) };
  });

  methods.set('chat.postEphemeral', ({ args, workspace: ws }) => {
    const channel = postableChannel(ws, need(args, 'channel', 'channel_not_found'));
    need(args, 'user', 'user_not_in_channel');
    content(args);
    // Ephemeral messages are not stored: they cannot be updated through chat.update.
    return { message_ts: ws.nextTs(), channel };
  });

  methods.set('chat.update', ({ args, workspace: ws }) => {
    const channel = need(args, 'channel', 'channel_not_found');
    const ts = need(args, 'ts', 'message_not_found');
    const existing = ws.message(channel, ts);
    if (existing === undefined) throw new SlackApiError('message_not_found');
    const updated: StoredMessage = {
      ...existing,
      text: undefined,
      blocks: undefined,
      attachments: undefined,
      ...content(args),
      edited: { user: ws.bot.userId, ts: ws.nextTs() },
    };
    for (const key of ['text', 'blocks', 'attachments'] as const) if (updated[key] === undefined) delete updated[key];
    ws.storeMessage(updated);
    return { channel, ts, text: updated.text ?? '', message: messageView(updated) };
  });

  methods.set('views.open', (ctx) => {
    const { args, workspace: ws } = ctx;
    need(args, 'trigger_id', 'invalid_arguments');
    if (!isRecord(args.view)) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view'] } });
    const view = viewOutput(ctx, args.view, `V${ws.nextId()}`);
    views.set(view.id, view);
    return { view };
  });

  methods.set('views.update', (ctx) => {
    const { args } = ctx;
    if (!isRecord(args.view)) throw new SlackApiError('invalid_arguments');
    const viewId = str(args, 'view_id');
    const externalId = str(args, 'external_id');
    const previous = [...views.values()].find((v) => (viewId !== undefined ? v.id === viewId : externalId !== undefined && v.external_id === externalId));
    if (previous === undefined) throw new SlackApiError('not_found');
    const view = viewOutput(ctx, args.view, previous.id, previous);
    views.set(view.id, view);
    return { view };
  });

  methods.set('users.info', ({ args, workspace: ws }) => {
    const user = ws.users.get(need(args, 'user', 'user_not_found'));
    if (user === undefined) throw new SlackApiError('user_not_found');
    return { user: userView(ws, user) };
  });

  methods.set('conversations.open', ({ args, workspace: ws }) => {
    const users = (str(args, 'users') ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
    const channelArg = str(args, 'channel');
    if (users.length === 0 && channelArg === undefined) throw new SlackApiError('users_list_not_supplied');
    if (users.length > 1) throw new SlackApiError('fake_slack_does_not_support_mpim');
    const userId = users[0] ?? ws.channels.get(channelArg ?? '')?.user;
    if (userId === undefined) throw new SlackApiError('channel_not_found');
    const { id, created } = ws.openDm(userId);
    const channel = ws.channels.get(id)!;
    const returnIm = str(args, 'return_im') === 'true' || args.return_im === true;
    return {
      ...(created ? {} : { no_op: true, already_open: true }),
      channel: returnIm ? channelView(ws, channel) : { id },
    };
  });

  methods.set('conversations.info', ({ args, workspace: ws }) => {
    const channel = ws.channels.get(need(args, 'channel', 'channel_not_found'));
    if (channel === undefined) throw new SlackApiError('channel_not_found');
    return { channel: channelView(ws, channel) };
  });

  return methods;
}
