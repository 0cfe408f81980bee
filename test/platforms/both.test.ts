// Discord and Slack in one process: `npm start` with both configured serves
// each platform's members from one store and one scheduler.
import { join } from 'node:path';
import { GatewayOpcodes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/index.ts';
import { startFakeSlack, withTimeout, type FakeSlack } from '../fakes/slack/index.ts';
import { FIXTURE_ROADMAPS, tempDir } from '../helpers/app.ts';
import { discordEnv, spawnBot } from '../helpers/bot-process.ts';
import { admin, study } from './slack/harness.ts';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('npm start with Discord and Slack', () => {
  it('answers on both platforms from one process and stops both on SIGTERM', async () => {
    const discord = await FakeDiscord.start();
    closers.push(() => discord.close());
    const slack: FakeSlack = await startFakeSlack({ users: [{ id: admin.id, name: admin.name, is_admin: true }], channels: [study] });
    closers.push(() => slack.close());
    const bot = spawnBot('sources', {
      DATABASE_PATH: join(tempDir(), 'cohort.db'),
      ROADMAPS_DIR: FIXTURE_ROADMAPS,
      LOG_LEVEL: 'warn',
      ...discordEnv(discord),
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
    });
    closers.push(() => void bot.child.kill('SIGKILL'));
    // Closed: exited, and everything it wrote has been read.
    const closed = new Promise<number | null>((resolve) => bot.child.on('close', resolve));

    await slack.socket.waitForConnection(1, { timeoutMs: 20_000 });
    await discord.waitForOp(GatewayOpcodes.Identify, { timeoutMs: 20_000 });
    const i = discord.sendCommand({ name: 'roadmap', subcommand: 'list', user: 'bob' });
    expect(JSON.stringify((await discord.waitForCallback(i, { timeoutMs: 10_000 })).body)).toContain('Mini Backend');
    await slack.socket.send('slash_commands', slack.payloads.slashCommand({ command: '/group', text: 'setup roadmap:mini', user_id: admin.id, user_name: admin.name, channel_id: study.id, channel_name: study.name }));
    expect((await slack.waitFor('chat.postMessage')).args.text).toContain('Study group created · Mini Backend');

    bot.child.kill('SIGTERM');
    expect(await withTimeout(closed, 15_000, 'the process to exit')).toBe(0);
    expect(bot.stderr()).toBe('');
    expect(discord.connections[0]?.closeCode).not.toBeNull();
  }, 60_000);
});
