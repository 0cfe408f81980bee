// Connects to Discord through the gateway with the Guilds intent only (no
// privileged intents: slash commands and buttons arrive as interactions) and
// serves the core commands. Commands are registered separately, by
// `npm run discord:register`, never at every start.
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { App } from '../../app.ts';
import type { DiscordConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { RunningPlatform } from '../running.ts';
import { handleInteraction } from './handlers.ts';
import { inviteUrl } from './invite.ts';
import { discordPoster } from './poster.ts';
import { welcome } from './welcome.ts';

export interface DiscordOptions {
  app: App;
  config: Pick<DiscordConfig, 'token' | 'apiUrl'>;
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
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // The gateway URL comes from GET /gateway/bot on this base, as with Discord itself.
    rest: { api: opts.config.apiUrl },
    // Nobody is pinged unless a message names them explicitly.
    allowedMentions: { parse: [] },
  });
  const ctx = { client, rt: opts.app, deps: opts.app.deps, log, deferAfterMs: opts.deferAfterMs ?? 1_500 };
  // Track handlers in flight, so a stop lets them finish their answers.
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const work = handleInteraction(ctx, interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on(Events.GuildCreate, (guild) => void welcome(opts.app.deps, log, guild));
  client.on(Events.ShardResume, (_id, replayed) => log.info({ replayed }, 'gateway resumed'));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(opts.config.token);
  } catch (err) {
    await client.destroy();
    throw new Error(`Discord refused to connect: ${err instanceof Error ? err.message : String(err)}. Check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).`, { cause: err });
  }
  await ready;
  // Servers that added Cohort while it was offline are greeted now.
  for (const guild of client.guilds.cache.values()) await welcome(opts.app.deps, log, guild);
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, invite: inviteUrl(client.application?.id ?? client.user?.id ?? '') }, 'connected to Discord');

  return {
    name: 'discord',
    client,
    poster: discordPoster(client),
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
  };
}
