// Cohort on a sharded bot, in one process: with `shards: 'auto'` it runs
// every shard the fake Discord recommends, greets and serves every guild, and
// each guild's interaction arrives (and is answered) through the shard that
// holds it. Several processes splitting the shards: sharded-processes.test.ts.
import { Writable } from 'node:stream';
import { GatewayOpcodes } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/log.ts';
import { startDiscord } from '../../../src/platforms/discord/start.ts';
import { FakeDiscord, guildsOverShards, shardOf } from '../../fakes/discord/index.ts';
import { testApp } from '../../helpers/app.ts';
import { discordHarness, textOf } from './harness.ts';

const SHARDS = 3;
const GUILDS = 30;

/** A logger whose JSON lines a test can read. */
function capturedLog(): { log: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      out.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger('debug', stream), lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('Discord: sharded, in one process', () => {
  it(`runs all ${SHARDS} recommended shards and answers each of ${GUILDS} guilds through the shard holding it`, async () => {
    const captured = capturedLog();
    const h = await discordHarness({ fake: { shards: SHARDS, guilds: guildsOverShards({ count: GUILDS, shards: SHARDS }) }, log: captured.log });
    const { fake, bot } = h;

    // One IDENTIFY per shard, each for [i, 3]; the client holds every guild.
    expect(fake.received(GatewayOpcodes.Identify).map((f) => (f.d as { shard: number[] }).shard).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect([...bot.client.ws.shards.keys()].sort()).toEqual([0, 1, 2]);
    expect(bot.client.guilds.cache.size).toBe(GUILDS);
    // "connected" is logged once, after every shard was ready, naming them.
    const lines = captured.lines();
    const connected = lines.findIndex((l) => l.msg === 'connected to Discord');
    expect(lines[connected]).toMatchObject({ shards: [0, 1, 2], shardCount: 3, guilds: GUILDS });
    const shardReady = lines.flatMap((l, i) => (l.msg === 'gateway shard ready' ? [i] : []));
    expect(shardReady).toHaveLength(3);
    expect(Math.max(...shardReady)).toBeLessThan(connected);

    for (const [k, guildId] of [...fake.world.guilds.keys()].entries()) {
      const shard = shardOf(guildId, SHARDS);
      // Every guild was greeted (its GUILD_CREATE came through its own shard) ...
      const general = fake.world.textChannel(guildId, 'general');
      expect(h.posts(general.id).map(textOf).join()).toContain('Hello from Cohort');

      // ... and set up and joined through interactions that went to its shard, and only there.
      const where = { guild: guildId, channel: fake.world.textChannel(guildId, 'study').id };
      const setup = await h.command(`owner-${k}`, '/group setup', { roadmap: 'mini', timezone: 'UTC' }, where);
      expect(setup.text).toContain('Mini Backend');
      const join = await h.command(`member-${k}`, '/roadmap start', {}, where);
      expect(join.text).toContain('joined Mini Backend');
      for (const answer of [setup, join]) {
        const deliveries = fake.deliveriesOf(answer.state.id);
        expect(deliveries.map((d) => d.shard)).toEqual([[shard, SHARDS]]);
        expect(fake.connections.find((c) => c.id === deliveries[0]!.connection)?.shard).toEqual([shard, SHARDS]);
        expect(h.requests((r) => r.path === `/interactions/${answer.state.id}/${answer.state.token}/callback`)).toHaveLength(1);
      }
    }

    // Only what Cohort reads stays cached: no members but the bot's own, no users but itself, no messages.
    expect(bot.client.users.cache.size).toBeLessThanOrEqual(1);
    for (const guild of bot.client.guilds.cache.values()) {
      expect([...guild.members.cache.keys()]).toEqual([fake.bot.id]);
      expect(guild.channels.cache.size).toBeGreaterThan(0);
    }
  }, 60_000);

  it('posts by REST in a channel of a guild none of its shards hold, and DMs anyone', async () => {
    // The process runs shard 0 of 2; the scheduler may still claim a post for a guild on shard 1.
    const channels = [{ name: 'Study', type: 'category' as const }, { name: 'general', parent: 'Study' }, { name: 'study', parent: 'Study' }];
    const fake = await FakeDiscord.start({ shards: 2, guilds: guildsOverShards({ count: 2, shards: 2, seed: () => ({ channels }) }) });
    const app = await testApp();
    const bot = await startDiscord({ app, config: { token: fake.token, apiUrl: fake.restUrl, shards: { ids: [0], count: 2 } }, log: createLogger('silent') });
    try {
      const [onMine, onOther] = [...fake.world.guilds.keys()];
      expect(bot.client.guilds.cache.has(onMine!)).toBe(true);
      expect(bot.client.guilds.cache.has(onOther!)).toBe(false);
      const channel = fake.world.textChannel(onOther!, 'study');
      const reply = { visibility: 'public' as const, title: 'Daily challenge', text: 'What does DNS do?' };
      const posted = await bot.poster.post({ communityId: onOther!, channelId: channel.id }, reply, { nonce: 'cohort-run-1' });
      expect(fake.message(posted.messageId)?.channel_id).toBe(channel.id);
      expect(fake.messagesIn(channel.id).map((m) => m.nonce)).toEqual(['cohort-run-1']);
      const member = fake.world.user('member-1');
      const dm = await bot.poster.dm({ communityId: onOther!, userId: member.id }, { visibility: 'private', text: 'Keep your streak' }, { nonce: 'cohort-run-2' });
      expect(textOf(fake.message(dm.messageId)!)).toContain('Keep your streak');
      // A category is not a channel anyone can post in: gone, so the scheduler pauses the group.
      const category = fake.world.guild(onOther).channels.find((c) => c.name === 'Study')!;
      await expect(bot.poster.post({ communityId: onOther!, channelId: category.id }, reply, { nonce: 'cohort-run-3' })).rejects.toMatchObject({ kind: 'gone' });
      expect(fake.requests.at(-1)).toMatchObject({ path: `/channels/${category.id}/messages`, status: 400, response: { code: 50008 } });
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  it("follows Discord's recommendation with 'auto' where an unsharded bot is refused (4011)", async () => {
    // A fake Discord that, like the real one at 2,500, refuses a shard holding too many guilds.
    const options = { shards: 2, maxGuildsPerShard: 2, guilds: guildsOverShards({ count: 4, shards: 2 }) };
    const refusing = await FakeDiscord.start(options);
    try {
      const unsharded = startDiscord({ app: await testApp(), config: { token: refusing.token, apiUrl: refusing.restUrl, shards: { ids: [0], count: 1 } }, log: createLogger('silent') });
      await expect(unsharded).rejects.toThrow(/Discord refused to connect: Sharding is required\. .*DISCORD_SHARDS/);
      await vi.waitFor(() => expect(refusing.connections.map((c) => c.closeCode)).toContain(4011));
    } finally {
      await refusing.close();
    }
    const fake = await FakeDiscord.start(options);
    const bot = await startDiscord({ app: await testApp(), config: { token: fake.token, apiUrl: fake.restUrl }, log: createLogger('silent') });
    try {
      expect([...bot.client.ws.shards.keys()].sort()).toEqual([0, 1]);
      expect(bot.client.guilds.cache.size).toBe(4);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  it('says which setting to change when Discord refuses a shard', async () => {
    const fake = await FakeDiscord.start({ shards: 2 });
    try {
      const start = startDiscord({ app: await testApp(), config: { token: fake.token, apiUrl: fake.restUrl, shards: { ids: [2], count: 2 } }, log: createLogger('silent') });
      await expect(start).rejects.toThrow(/Discord refused to connect: Invalid shard\. .*DISCORD_SHARD_COUNT/);
    } finally {
      await fake.close();
    }
  });
});
