// The real Cohort Slack adapter (bolt) on a real app and SQLite file, talking
// to the fake Slack in either mode. Members type slash commands and press
// buttons the way Slack would deliver them; each action resolves once Cohort
// has answered, with what it sent: messages posted, only-you replies, modals.
import { afterEach } from 'vitest';
import { createLogger, type Logger } from '../../../src/log.ts';
import { startSlack, type RunningSlack } from '../../../src/platforms/slack/start.ts';
import { testApp, type TestApp } from '../../helpers/app.ts';
import {
  formBody,
  inputValue,
  interactiveBody,
  signedRequest,
  startFakeSlack,
  type FakeSlack,
  type SignedRequestOptions,
  type WebApiCall,
} from '../../fakes/slack/index.ts';
import type { PayloadChannel } from '../../fakes/slack/payloads.ts';

export type Mode = 'http' | 'socket';
export const MODES: Mode[] = ['http', 'socket'];

export const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';

export interface Person {
  id: string;
  name: string;
}

export const admin: Person = { id: 'U0ADMIN', name: 'ana' };
export const alice: Person = { id: 'U0ALICE', name: 'alice' };
export const bob: Person = { id: 'U0BOB', name: 'bob' };
export const maya: Person = { id: 'U0MAYA', name: 'maya' };

export const study: PayloadChannel = { id: 'C0STUDY', name: 'study' };
export const reviews: PayloadChannel = { id: 'C0REVIEWS', name: 'reviews' };
/** A channel the bot was never invited to. */
export const outside: PayloadChannel = { id: 'C0OUTSIDE', name: 'outside' };

/** A message Cohort sent, as the member sees it. */
export interface Sent {
  /** Every text of the message — header, sections, fields, context, button labels — one per line. */
  text: string;
  buttons: { label: string; action_id: string; value: string }[];
  channel: string;
  /** Posted messages only: Slack's id for it, and the thread it is in. */
  ts?: string;
  threadTs?: string;
  /** The raw Web API arguments (or response_url body). */
  raw: Record<string, unknown>;
}

export interface Outcome {
  /** chat.postMessage calls that succeeded. */
  posts: Sent[];
  /** Only-you replies: ephemeral response_url posts and chat.postEphemeral. */
  private: Sent[];
  /** Every Web API call made while answering. */
  calls: WebApiCall[];
  /** HTTP mode: the status bolt answered the request with. */
  status?: number;
}

export interface Harness {
  mode: Mode;
  fake: FakeSlack;
  app: TestApp;
  slack: RunningSlack;
  /** `who` types `line` (as Slack sends it: mentions like <@U0MAYA|maya>) in `channel`. */
  command(who: Person, line: string, channel?: PayloadChannel, options?: SignedRequestOptions): Promise<Outcome>;
  /** `who` presses the button labelled `label` on a message Cohort sent. */
  press(who: Person, on: Sent, label: string): Promise<Outcome>;
  /** `who` types `text` into the modal Cohort opened and submits it. */
  submitModal(who: Person, viewArgs: Record<string, unknown>, text: string): Promise<Outcome>;
  /** Sends a raw delivery (HTTP: signed request; Socket Mode: an envelope). */
  deliver(kind: 'slash_commands' | 'interactive', payload: object, options?: SignedRequestOptions): Promise<number | undefined>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export const silent = (): Logger => createLogger('silent');

export async function startHarness(mode: Mode, opts: { log?: Logger } = {}): Promise<Harness> {
  const fake = await startFakeSlack({
    users: [
      { id: admin.id, name: admin.name, display_name: admin.name, is_admin: true },
      { id: alice.id, name: alice.name, display_name: alice.name },
      { id: bob.id, name: bob.name, display_name: bob.name },
      { id: maya.id, name: maya.name, real_name: 'Maya Mentor', display_name: maya.name },
    ],
    channels: [study, reviews, { ...outside, is_member: false }],
  });
  cleanups.push(() => fake.close());
  const app = await testApp({ now: '2026-03-02T12:00:00Z' });
  const log = opts.log ?? silent();
  const slack = await startSlack({
    app,
    log,
    config:
      mode === 'http'
        ? { mode, botToken: fake.botToken, signingSecret: SIGNING_SECRET, host: '127.0.0.1', port: 0, apiUrl: fake.apiUrl }
        : { mode, botToken: fake.botToken, appToken: fake.appToken, apiUrl: fake.apiUrl },
    listen: { host: '127.0.0.1', port: 0 },
  });
  cleanups.push(() => slack.stop());

  const deliver: Harness['deliver'] = async (kind, payload, options) => {
    if (mode === 'socket') {
      await fake.socket.send(kind, payload);
      return undefined;
    }
    const body = kind === 'slash_commands' ? formBody(payload as Record<string, string>) : interactiveBody(payload);
    return (await signedRequest(slack.url!, body, SIGNING_SECRET, options)).status;
  };

  /** Runs `act`, waits until Cohort has answered, and collects what it sent meanwhile. */
  const observe = async (act: () => Promise<number | undefined>, channel: string): Promise<Outcome> => {
    const calls = fake.calls.length;
    const responses = fake.responses.length;
    const status = await act();
    await slack.idle();
    const made = fake.calls.slice(calls);
    const ok = (method: string) => made.filter((c) => c.method === method && c.response.ok);
    return {
      calls: made,
      posts: ok('chat.postMessage').map(posted),
      private: [
        // response_url posts show where the command or press was.
        ...fake.responses.slice(responses).map((r) => sent(r.body, channel)),
        ...ok('chat.postEphemeral').map((c) => sent(c.args, String(c.args.channel))),
      ],
      ...(status !== undefined && { status }),
    };
  };

  return {
    mode,
    fake,
    app,
    slack,
    deliver,
    command: (who, line, channel = study, options) => {
      const [, command = '', text = ''] = /^(\/\S+)\s*(.*)$/s.exec(line) ?? [];
      const payload = fake.payloads.slashCommand({ command, text, user_id: who.id, user_name: who.name, channel_id: channel.id, channel_name: channel.name });
      return observe(() => deliver('slash_commands', payload, options), channel.id);
    },
    press: (who, on, label) => {
      const button = on.buttons.find((b) => b.label === label);
      if (!button) throw new Error(`No button "${label}" on the message; it has: ${on.buttons.map((b) => b.label).join(', ') || 'none'}`);
      const payload = fake.payloads.blockActions({
        action_id: button.action_id,
        value: button.value,
        text: label,
        user: who,
        channel: { id: on.channel, name: fake.workspace.channels.get(on.channel)?.name ?? on.channel },
        message: { ...(on.ts && { ts: on.ts }), ...(on.threadTs && { thread_ts: on.threadTs }), blocks: on.raw.blocks as unknown[] },
      });
      return observe(() => deliver('interactive', payload), on.channel);
    },
    submitModal: (who, viewArgs, text) => {
      const view = viewArgs as { callback_id: string; private_metadata: string; blocks: { block_id: string; element: { action_id: string } }[] };
      const input = view.blocks[0]!;
      const payload = fake.payloads.viewSubmission({
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        user: who,
        values: { [input.block_id]: { [input.element.action_id]: inputValue(text) } },
      });
      const { channelId } = JSON.parse(view.private_metadata) as { channelId: string };
      return observe(() => deliver('interactive', payload), channelId);
    },
  };
}

/** #study follows the mini roadmap (Europe/Berlin), maya mentors it, alice has joined. */
export async function startStudyGroup(mode: Mode): Promise<Harness> {
  const h = await startHarness(mode);
  for (const [who, line] of [
    [admin, '/group setup roadmap:mini timezone:Europe/Berlin'],
    [admin, '/group mentor add <@U0MAYA|maya>'],
    [alice, '/roadmap start'],
  ] as const) {
    const out = await h.command(who, line);
    if (out.private.length > 0) throw new Error(`${line}: ${out.private.map((p) => p.text).join('\n')}`);
  }
  return h;
}

/** A chat.postMessage call as the message it posted. */
export const posted = (c: WebApiCall): Sent => sent(c.args, String(c.args.channel), String(c.response.ts));

function sent(raw: Record<string, unknown>, channel: string, ts?: string): Sent {
  const texts: string[] = [];
  const buttons: Sent['buttons'] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'button') {
      const label = (o.text as { text: string }).text;
      buttons.push({ label, action_id: String(o.action_id), value: String(o.value) });
      texts.push(`[${label}]`);
      return;
    }
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') texts.push(o.text);
    for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') walk(v);
  };
  walk(raw.blocks);
  return {
    text: texts.join('\n'),
    buttons,
    channel,
    raw,
    ...(ts !== undefined && { ts }),
    ...(typeof raw.thread_ts === 'string' && { threadTs: raw.thread_ts }),
  };
}
