// What Slack sends and how each is answered. Every handler acks first —
// Slack wants an answer within 3 s — then ignores a delivery it has already
// seen (a retry), then works: slash commands and button presses run a command
// line through the shared parser; a button that asks opens a modal, whose
// submission runs the command with the text appended.
import type { App, BlockAction, ButtonAction, ViewSubmitAction, webApi } from '@slack/bolt';
import { notYourButton } from '../../commands/cards.ts';
import type { Invocation, Runtime } from '../../commands/dispatch.ts';
import type { Logger } from '../../log.ts';
import type { QuietLane } from '../quiet-lane.ts';
import type { Here } from '../targets.ts';
import { ACTION_PREFIX, readPress, type Press } from './buttons.ts';
import { cannotPostIn } from './can-post.ts';
import { serve, type Turn } from './deliver.ts';
import { fromSlackText } from './escape.ts';
import { ASK_CALLBACK, askView, readAsk } from './modal.ts';
import { renderMessage, type SlackMessage } from './render.ts';
import { postToResponseUrl } from './response-url.ts';
import { firstDelivery } from '../../domain/deliveries.ts';
import type { InFlight } from './requests.ts';
import type { UserDirectory } from './users.ts';

export interface HandlerDeps {
  rt: Runtime;
  log: Logger;
  users: UserDirectory;
  inflight: InFlight;
  lane?: QuietLane;
}

/**
 * `/roadmap start` → "/roadmap start". `/cohort <command>` reaches what has no
 * slash command of its own on Slack: /help, and /remind (a Slack built-in).
 */
function commandLine(slash: string, text: string): string {
  const rest = text.trim();
  if (slash === '/cohort') return rest ? `/${rest.replace(/^\//, '')}` : '/help';
  return `${slash} ${rest}`.trim();
}

export function registerHandlers(bolt: App, d: HandlerDeps): void {
  bolt.command(/^\/.+/, ({ command, ack, client }) =>
    d.inflight.run(async () => {
      await ack();
      await d.inflight.letOthersIn();
      if (await repeated(d, command.trigger_id)) return;
      await d.inflight.letOthersIn();
      const here = { channelId: command.channel_id };
      const inv = { ...(await invocation(d, client, command.team_id, here, command.user_id, command.user_name)), names: { community: command.team_domain, channel: command.channel_name } };
      const privately = (m: SlackMessage) => postToResponseUrl(command.response_url, { response_type: 'ephemeral', ...m });
      await serve(turn(d, client, inv, here, privately), commandLine(command.command, fromSlackText(command.text)));
    }),
  );

  bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) }, ({ ack, body, action, client }) =>
    d.inflight.run(async () => {
      await ack();
      if (await repeated(d, body.trigger_id)) return;
      const press = readPress(action.value);
      const channelId = body.channel?.id ?? (body.container.channel_id as string | undefined);
      if (!press || !channelId) return d.log.warn({ action: action.action_id }, 'slack: a button press without a command or channel was ignored');
      const here = { channelId, threadId: pressedInThread(body) };
      const privately = pressReply(client, here, body.user.id, body.response_url);
      if (press.onlyFor && press.onlyFor !== body.user.id) {
        await privately(renderMessage(notYourButton(press.onlyFor, press.command)));
        return;
      }
      if (press.ask) return openAsk(d, client, body.trigger_id, press.command, press.ask, here, privately);
      const inv = {
        ...(await invocation(d, client, body.team?.id ?? body.user.team_id ?? '', here, body.user.id, body.user.name ?? body.user.id)),
        names: { community: body.team?.domain, channel: body.channel?.name },
      };
      await serve(turn(d, client, inv, here, privately), press.command);
    }),
  );

  bolt.view<ViewSubmitAction>(ASK_CALLBACK, ({ ack, body, view, client }) =>
    d.inflight.run(async () => {
      await ack(); // closes the modal
      if (await repeated(d, body.trigger_id)) return;
      const asked = readAsk(view);
      if (!asked) return d.log.warn({ view: view.id }, 'slack: a modal submission without its command was ignored');
      const inv = await invocation(d, client, body.team?.id ?? view.team_id, asked.here, body.user.id, body.user.name);
      await serve(turn(d, client, inv, asked.here, ephemeral(client, asked.here, body.user.id)), asked.line);
    }),
  );
}

/**
 * The thread a button was pressed in, if any: a button on a reply inside a
 * thread keeps its answers there. A thread's parent message also carries a
 * thread_ts (its own ts), but it is pressed in the channel, where an only-you
 * answer must go: the presser does not see the thread.
 */
export function pressedInThread(body: BlockAction): string | undefined {
  const threadTs = (body.container.thread_ts ?? body.message?.thread_ts) as string | undefined;
  const messageTs = (body.container.message_ts ?? body.message?.ts) as string | undefined;
  return threadTs && threadTs !== messageTs ? threadTs : undefined;
}

/** A retried delivery, already acted on by this or another process (decided in the store). */
async function repeated(d: HandlerDeps, triggerId: string): Promise<boolean> {
  const seen = !(await firstDelivery(d.rt.deps, 'slack', triggerId));
  if (seen) d.log.info({ triggerId }, 'slack: a repeated delivery was acknowledged and ignored');
  return seen;
}

async function invocation(d: HandlerDeps, client: webApi.WebClient, teamId: string, here: Here, userId: string, fallbackName: string): Promise<Invocation> {
  const who = await d.users.who(userId, fallbackName);
  return { platform: 'slack', communityId: teamId, channelId: here.channelId, user: { id: userId, ...who }, cannotPost: cannotPostIn(client, d.log) };
}

const turn = (d: HandlerDeps, client: webApi.WebClient, inv: Invocation, here: Here, privately: Turn['privately']): Turn => ({
  rt: d.rt,
  client,
  log: d.log,
  inv,
  here,
  privately,
  lane: d.lane,
  letOthersIn: () => d.inflight.letOthersIn(),
});

/** Only-you messages for interactions: ephemeral where the member acted, in its thread. */
const ephemeral = (client: webApi.WebClient, here: Here, userId: string) => (m: SlackMessage) =>
  client.chat.postEphemeral({ channel: here.channelId, user: userId, ...m, ...(here.threadId && { thread_ts: here.threadId }) });

/** For a press, the press's response_url still reaches the member when the bot can no longer post in the channel. */
const pressReply = (client: webApi.WebClient, here: Here, userId: string, responseUrl: string) => (m: SlackMessage) =>
  ephemeral(client, here, userId)(m).catch(() => postToResponseUrl(responseUrl, { response_type: 'ephemeral', replace_original: false, ...m }));

async function openAsk(d: HandlerDeps, client: webApi.WebClient, triggerId: string, command: string, ask: NonNullable<Press['ask']>, here: Here, privately: Turn['privately']): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view: askView(command, ask, here) });
  } catch (err) {
    // The trigger lasts 3 s; a slow Slack can outlive it.
    d.log.warn({ err, command }, 'slack: views.open failed');
    await privately(renderMessage({ visibility: 'private', tone: 'error', text: `Slack did not open the form in time — press the button again, or type \`${command} <text>\`.` }));
  }
}
