// Connects to Discord through the gateway with the Guilds intent only (no
// privileged intents: slash commands and buttons arrive as interactions) and
// serves the core commands. Commands are registered separately, by
// `npm run discord:register`, never at every start.
//
// Sharding: `shards: 'auto'` runs every shard Discord recommends in this
// process; `{ ids, count }` runs only those shards of a bot split between
// processes. A guild's interactions arrive on the shard holding it, so they
// are answered by the one process running that shard; posts go out by REST
// and work for any guild (see deliver.ts).
import { Client, Events, GatewayIntentBits, Status } from 'discord.js';
import type { App } from '../../app.ts';
import type { DiscordConfig, DiscordShards } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { quietLane } from '../quiet-lane.ts';
import type { RunningPlatform } from '../running.ts';
import { makeCache, SWEEPERS } from './cache.ts';
import { handleInteraction } from './handlers.ts';
import { inviteUrl } from './invite.ts';
import { postReply } from './deliver.ts';
import { discordPoster } from './poster.ts';
import { welcome } from './welcome.ts';

export interface DiscordOptions {
  app: App;
  /** `shards` defaults to `'auto'`: every shard Discord recommends, in this process. */
  config: Pick<DiscordConfig, 'token' | 'apiUrl'> & { shards?: DiscordShards };
  log: Logger;
  /** A command still running after this is deferred (Discord allows 3 s for the first answer). */
  deferAfterMs?: number;
}

export interface RunningDiscord extends RunningPlatform {
  client: Client;
  /** Resolves when every interaction received so far has been answered. */
  idle(): Promise<void>;
}

export async function startDiscord(opts: DiscordOptions): Promise<RunningDiscord> {
  const log = opts.log.child({ platform: 'discord' });
  const shards = opts.config.shards ?? 'auto';
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // The gateway URL (and, with 'auto', the shard count) comes from GET /gateway/bot on this base, as with Discord itself.
    rest: { api: opts.config.apiUrl },
    ...(shards === 'auto' ? { shards: 'auto' as const } : { shards: shards.ids, shardCount: shards.count }),
    // Nobody is pinged unless a message names them explicitly.
    allowedMentions: { parse: [] },
    makeCache: makeCache(),
    sweepers: SWEEPERS,
  });
  const lane = quietLane(log);
  const ctx = { client, rt: opts.app, deps: opts.app.deps, log, lane, deferAfterMs: opts.deferAfterMs ?? 1_500 };
  // Track handlers in flight, so a stop lets them finish their answers.
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    lane.activity();
    const work = handleInteraction(ctx, interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on(Events.GuildCreate, (guild) => void welcome(opts.app.deps, log, guild));
  client.on(Events.ShardReady, (shard, unavailable) => log.debug({ shard, unavailable: unavailable?.size ?? 0 }, 'gateway shard ready'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReconnecting, () => opts.app.metrics?.reconnect('discord'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway shard disconnected for good'));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));

  // discord.js emits this once every shard of this process is ready (each has had its guilds).
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(opts.config.token);
  } catch (err) {
    await client.destroy();
    const why = err instanceof Error ? err.message : String(err);
    const fix = /shard/i.test(why)
      ? 'Unset DISCORD_SHARDS and DISCORD_SHARD_COUNT to run every shard Discord recommends, or raise DISCORD_SHARD_COUNT and split the shards between processes'
      : 'Check DISCORD_TOKEN (Developer Portal → Bot → Reset Token)';
    throw new Error(`Discord refused to connect: ${why}. ${fix}.`, { cause: err });
  }
  await ready;
  // Servers that added Cohort while it was offline are greeted now.
  for (const guild of client.guilds.cache.values()) await welcome(opts.app.deps, log, guild);
  log.info(
    {
      user: client.user?.tag,
      shards: [...client.ws.shards.keys()],
      shardCount: client.options.shardCount,
      guilds: client.guilds.cache.size,
      invite: inviteUrl(client.application?.id ?? client.user?.id ?? ''),
    },
    'connected to Discord',
  );

  return {
    name: 'discord',
    client,
    poster: discordPoster(client),
    problem() {
      const down = [...client.ws.shards.values()].filter((shard) => shard.status !== Status.Ready).map((shard) => shard.id);
      if (!client.isReady()) return 'not connected to the Discord gateway';
      return down.length ? `gateway shard ${down.join(', ')} not connected (reconnecting)` : undefined;
    },
    deliver: (to, reply) => postReply({ client, deps: opts.app.deps, log }, to.communityId, to.channelId, reply),
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      await lane.drain();
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
      const dropped = lane.stop();
      if (dropped) log.info({ dropped }, 'stopping: cards not yet added to their answers were dropped (the answers stand as text)');
      await client.destroy();
    },
  };
}
