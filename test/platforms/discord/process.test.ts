// The bot as admins run it: `src/main.ts` in its own process, configured by
// environment variables, pointed at the fake Discord through DISCORD_API_URL.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { GatewayOpcodes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { systemClock } from '../../../src/clock.ts';
import { resolveCommunity } from '../../../src/domain/community.ts';
import { setupGroup } from '../../../src/domain/groups.ts';
import { createLogger } from '../../../src/log.ts';
import { FakeDiscord } from '../../fakes/discord/index.ts';
import { FIXTURE_ROADMAPS, testStore } from '../../helpers/app.ts';
import { discordEnv, spawnBot, type BotProcess } from '../../helpers/bot-process.ts';

const children: ChildProcess[] = [];
const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const f of fakes.splice(0)) await f.close();
});

function startBot(fake: FakeDiscord, store: Record<string, string>): BotProcess {
  const bot = spawnBot('sources', { ...store, ROADMAPS_DIR: FIXTURE_ROADMAPS, LOG_LEVEL: 'info', ...discordEnv(fake) });
  children.push(bot.child);
  return bot;
}

describe('Discord: the bot process', () => {
  it('connects with DISCORD_* set, answers, and on SIGTERM disconnects and closes the database', async () => {
    const fake = await FakeDiscord.start();
    fakes.push(fake);
    const db = await testStore();
    const bot = startBot(fake, db.env);
    const identify = await fake.waitForOp(GatewayOpcodes.Identify, { timeoutMs: 20_000 });
    // The Guilds intent only: no privileged intents.
    expect((identify.d as { intents: number }).intents).toBe(1);
    await fake.waitFor((r) => r.method === 'POST' && r.path.startsWith('/channels/'), { timeoutMs: 10_000 }); // the welcome
    const i = fake.sendCommand({ name: 'roadmap', subcommand: 'list', user: 'bob' });
    const cb = await fake.waitForCallback(i, { timeoutMs: 10_000 });
    expect(JSON.stringify(cb.body)).toContain('Mini Backend');

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(fake.connections[0]?.closeCode).not.toBeNull();
    // A clean close checkpoints SQLite's WAL into the database file.
    if (db.env.DATABASE_PATH) expect(existsSync(`${db.env.DATABASE_PATH}-wal`)).toBe(false);
    expect(bot.log()).toContain('"msg":"stopped"');
  }, 40_000);

  it('posts every group’s daily challenge exactly once when killed mid fan-out and restarted', async () => {
    const channels = Array.from({ length: 24 }, (_, n) => ({ name: `group-${n}` }));
    const fake = await FakeDiscord.start({ guilds: [{ name: 'Big School', channels, members: [{ username: 'alice' }] }] });
    fakes.push(fake);
    const db = await testStore();
    // 24 groups whose post time has passed today: all due the moment the bot starts.
    const app = await createApp({ store: db.target, roadmapsDir: FIXTURE_ROADMAPS, clock: systemClock, log: createLogger('silent') });
    const community = await resolveCommunity(app.deps, 'discord', fake.guild.id);
    const ids = channels.map((c) => fake.world.textChannel(fake.guild.id, c.name).id);
    for (const id of ids) await setupGroup(app.deps, community.id, id, { roadmap: 'mini', timezone: 'UTC', postTime: '00:00' });
    await app.close();

    // A slow Discord, so the kill lands with posts sent but not yet recorded.
    const post = /^\/channels\/\d+\/messages$/;
    fake.slowDown('POST', post, 300);
    const first = startBot(fake, db.env);
    await fake.waitForCount((r) => r.method === 'POST' && post.test(r.path), 6, { timeoutMs: 20_000 });
    first.child.kill('SIGKILL');
    await first.exited;

    const second = startBot(fake, db.env);
    // Scheduled posts carry the run's nonce (the server's welcome, in the first channel, does not).
    const posted = (id: string) => fake.messagesIn(id).filter((m) => String(m.nonce ?? '').startsWith('cohort-run-')).length;
    const deadline = Date.now() + 60_000;
    while (ids.some((id) => posted(id) === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    expect(ids.map(posted)).toEqual(ids.map(() => 1));
    // The first process had sends in flight: some nonces went out twice, and Discord returned the first message.
    const nonces = fake.requests
      .filter((r) => r.method === 'POST' && post.test(r.path))
      .map((r) => (r.body as { nonce?: string }).nonce)
      .filter((n) => n !== undefined);
    expect(new Set(nonces).size).toBe(24);
    expect(nonces.length).toBeGreaterThan(24);
  }, 90_000);
});
