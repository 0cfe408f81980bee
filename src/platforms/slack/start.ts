// Starts Cohort on Slack: the bolt app in Socket Mode (SLACK_APP_TOKEN) or
// serving HTTP on PORT at /slack/events with signature verification
// (SLACK_SIGNING_SECRET), every Web API call to SLACK_API_URL. The bot token
// is checked (auth.test) before anything listens, so a bad one stops start-up.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp, SocketModeReceiver, webApi } from '@slack/bolt';
import type { App } from '../../app.ts';
import type { SlackConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { RunningPlatform } from '../running.ts';
import { startupProblem } from './errors.ts';
import { registerHandlers } from './handlers.ts';
import { httpReceiver } from './receiver.ts';
import { usersInfo } from './users-info.ts';
import { boltLogger } from './logger.ts';
import { slackPoster } from './poster.ts';
import { postReply } from './deliver.ts';
import { quietLane } from '../quiet-lane.ts';
import { InFlight } from './requests.ts';
import { userDirectory } from './users.ts';

const EVENTS_PATH = '/slack/events';
/** How long a stop waits for replies being sent, and for the socket to close. */
const STOP_WAIT_MS = 10_000;

export interface SlackStartOptions {
  app: App;
  config: SlackConfig;
  log: Logger;
  /** HTTP mode: where to listen instead of config.host and config.port (tests: 127.0.0.1, port 0). */
  listen?: { host: string; port: number };
}

export interface RunningSlack extends RunningPlatform {
  /** HTTP mode: the URL Slack sends requests to, with the port actually bound. */
  readonly url: string | undefined;
  /** Resolves once every request received so far has been answered. */
  idle(): Promise<void>;
}

export async function startSlack(opts: SlackStartOptions): Promise<RunningSlack> {
  const { config, log } = opts;
  const logger = boltLogger(log);
  // Replies retry a blip briefly; scheduled posts are retried by the scheduler's queue instead.
  const clientOptions = { slackApiUrl: config.apiUrl, retryConfig: { retries: 2, minTimeout: 250, maxTimeout: 1_000 } };
  const lane = quietLane(log);
  const inflight = new InFlight(() => lane.activity());
  const socket = config.mode === 'socket' ? new SocketModeReceiver({ appToken: config.appToken, logger, installerOptions: { clientOptions } }) : undefined;
  const bolt = new BoltApp({
    token: config.botToken,
    logger,
    clientOptions,
    // init() below calls auth.test, so a bad token fails start-up rather than an unawaited promise.
    deferInitialization: true,
    // Cohort keeps no per-conversation state in bolt; its default store looked every request's
    // channel up and built an Error ("Conversation not found") each time, before the listener ran.
    convoStore: false,
    receiver: config.mode === 'socket' ? socket : httpReceiver({ signingSecret: config.signingSecret, endpoints: EVENTS_PATH, logger, onRequest: () => inflight.arrived() }),
  });
  const users = userDirectory((id) => usersInfo(config.apiUrl, config.botToken, id), log);
  registerHandlers(bolt, {
    rt: { ...opts.app, lookupUserName: (id) => users.lookup(id).then((u) => u.name, () => undefined) },
    log,
    users,
    inflight,
    lane,
  });
  bolt.error(async (err) => log.error({ err }, 'slack: a request failed'));
  // Failures Slack explains name the setting to fix (a refused token, an unreachable SLACK_API_URL, a busy PORT).
  const named = (token?: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN') => (err: unknown) => {
    throw startupProblem(err, { token, apiUrl: config.apiUrl, port: config.mode === 'http' ? (opts.listen?.port ?? config.port) : undefined }) ?? err;
  };
  await bolt.init().catch(named('SLACK_BOT_TOKEN'));

  let url: string | undefined;
  let server: Server | undefined;
  // Socket Mode's connection state, as the client reports it (it reconnects on its own).
  let socketState = 'connecting';
  socket?.client.on('connected', () => (socketState = 'connected'));
  socket?.client.on('disconnected', () => (socketState = 'disconnected'));
  socket?.client.on('reconnecting', () => {
    socketState = 'reconnecting';
    opts.app.metrics?.reconnect('slack');
  });
  if (config.mode === 'socket') {
    await bolt.start().catch(named('SLACK_APP_TOKEN')); // resolves on Slack's hello
  } else {
    server = (await bolt.start(opts.listen ?? { host: config.host, port: config.port }).catch(named())) as Server;
    const { port } = server.address() as AddressInfo;
    url = `http://${opts.listen?.host ?? config.host}:${port}${EVENTS_PATH}`;
  }
  log.info({ mode: config.mode, url }, 'slack: connected');

  const poster = slackPoster(new webApi.WebClient(config.botToken, { slackApiUrl: config.apiUrl, logger, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } }), log);
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    // bolt's stop() returns before the socket is closed; wait for it, or the process lingers.
    const closed = socket ? new Promise((resolve) => socket.client.once('disconnected', resolve)) : Promise.resolve();
    await bolt.stop();
    await within(Promise.all([closed, inflight.idle()]), STOP_WAIT_MS, () => log.warn('slack: stopped without waiting longer for the socket or replies in flight'));
    const dropped = lane.stop();
    if (dropped) log.info({ dropped }, 'slack: stopping: cards not yet shared were dropped (their answers stand as text)');
    log.info('slack: stopped');
  };
  return {
    name: 'slack',
    poster,
    deliver: (to, reply) => postReply(opts.app.deps, bolt.client, to.communityId, to.channelId, reply),
    // One bot token serves one workspace: a user of another team is nobody's admin here.
    isAdmin: async (to) => (await users.lookup(to.userId)).isAdmin,
    url,
    problem: () => {
      if (socket) return socketState === 'connected' ? undefined : `Socket Mode connection ${socketState}`;
      return server?.listening ? undefined : 'the HTTP receiver is not listening';
    },
    idle: async () => {
      await inflight.idle();
      await lane.drain();
    },
    stop: () => (stopped ??= stop()),
  };
}

async function within(work: Promise<unknown>, ms: number, onTimeout: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(() => resolve(onTimeout()), ms)));
  await Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
