// Joining servers, registering commands, autocomplete, and scheduled posts
// through the Discord poster.
import { ApplicationCommandOptionType, InteractionResponseType, PermissionFlagsBits } from 'discord.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INVITE_PERMISSIONS, inviteUrl } from '../../../src/platforms/discord/invite.ts';
import { commands } from '../../../src/commands/index.ts';
import { registerCommands } from '../../../src/platforms/discord/register.ts';
import { DeliveryError } from '../../../src/scheduler/poster.ts';
import { textOf } from './harness.ts';
import { studyServer } from './seed.ts';

describe('Discord: servers, registration and scheduled posts', () => {
  it('welcomes a server once, when it is added, saying how to set up', async () => {
    const s = await studyServer();
    const general = s.fake.textChannel('general');
    expect(s.posts(general.id).map(textOf).join()).toContain('/group setup roadmap:backend');
    const other = s.fake.joinGuild({ name: 'Night Owls', channels: [{ name: 'lobby' }], members: [{ username: 'zed' }] });
    const lobby = s.fake.world.textChannel(other.id, 'lobby');
    await s.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${lobby.id}/messages`);
    expect(textOf(s.fake.messagesIn(lobby.id)[0]!)).toContain('Hello from Cohort');
    // Restarts do not greet again: the server is known now.
    expect(s.posts(general.id)).toHaveLength(1);
  });

  it('registers the commands to one server or globally, valid by Discord’s rules, and never at start', async () => {
    const s = await studyServer();
    expect(s.requests((r) => r.method === 'PUT')).toHaveLength(0);
    const appId = s.fake.world.application.id;
    const guild = await registerCommands(commands, { token: s.fake.token, applicationId: appId, guildId: s.fake.guild.id, apiUrl: s.fake.restUrl });
    expect(guild).toEqual({ scope: 'guild', names: ['roadmap', 'challenge', 'streak', 'leaderboard', 'remind', 'review', 'group', 'help'] });
    expect((await registerCommands(commands, { token: s.fake.token, applicationId: appId, apiUrl: s.fake.restUrl })).scope).toBe('global');

    const registered = s.fake.world.commands.get(s.fake.guild.id)!;
    const group = registered.find((c) => c.name === 'group')!;
    expect(group.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(registered.find((c) => c.name === 'roadmap')!.default_member_permissions).toBeNull();
    const board = registered.find((c) => c.name === 'leaderboard')!;
    expect(board.options?.find((o) => o.name === 'period')).toMatchObject({ type: ApplicationCommandOptionType.String, choices: [{ name: 'week', value: 'week' }, { name: 'month', value: 'month' }, { name: 'all', value: 'all' }, { name: 'mentors', value: 'mentors' }] });
    const roadmap = registered.find((c) => c.name === 'roadmap')!;
    const start = roadmap.options?.find((o) => o.name === 'start') as { options: { name: string; autocomplete?: boolean }[] };
    expect(start.options.map((o) => [o.name, o.autocomplete])).toEqual([
      ['roadmap', true],
      ['track', true],
    ]);
  });

  it('documents the invite link with exactly the permissions the code asks for', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`permissions=${INVITE_PERMISSIONS.toString()}`);
    expect(new URL(inviteUrl('123456789012345678')).searchParams.get('scope')).toBe('bot applications.commands');
  });

  it('suggests roadmaps, tracks, topics, tasks and time zones while typing', async () => {
    const s = await studyServer();
    const suggest = async (name: string, subcommand: string, options: Record<string, string>, focused: string) => {
      const i = s.fake.sendAutocomplete({ name, subcommand, user: 'bob', channel: 'study', options, focused });
      const cb = await s.fake.waitForCallback(i);
      expect((cb.body as { type: number }).type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
      return (cb.body as { data: { choices: { name: string; value: string }[] } }).data.choices;
    };
    expect(await suggest('roadmap', 'start', { roadmap: 'mi' }, 'roadmap')).toEqual([{ name: 'Mini Backend (mini)', value: 'mini' }]);
    expect((await suggest('roadmap', 'start', { roadmap: 'mini', track: '' }, 'track')).map((c) => c.value)).toEqual(['python', 'go']);
    // Topics of the group's roadmap, matched on id or title.
    expect((await suggest('roadmap', 'done', { topic: 'dn' }, 'topic')).map((c) => c.value)).toEqual(['dns']);
    expect((await suggest('challenge', 'submit', { work: 'x', task: 'project' }, 'task')).map((c) => c.value)).toContain('basics-project');
    const zones = await suggest('group', 'setup', { timezone: 'kolk' }, 'timezone');
    expect(zones.map((c) => c.value)).toContain('Asia/Kolkata');
    expect((await suggest('group', 'setup', { timezone: '' }, 'timezone')).length).toBe(25);
  });

  it('posts scheduled messages once per nonce, DMs reminders, and reports a deleted channel as gone', async () => {
    const s = await studyServer();
    const to = { communityId: s.fake.guild.id, channelId: s.channel.id };
    const reply = { visibility: 'public' as const, title: 'Daily challenge', text: 'What does DNS do?' };
    const first = await s.bot.poster.post(to, reply, { nonce: 'cohort-run-7' });
    // A resend after a crash between sending and recording: Discord returns the first message.
    const again = await s.bot.poster.post(to, reply, { nonce: 'cohort-run-7' });
    expect(again.messageId).toBe(first.messageId);
    expect(s.posts(s.channel.id)).toHaveLength(1);
    const create = s.requests((r) => r.method === 'POST' && r.path === `/channels/${s.channel.id}/messages`)[0]!;
    expect(create.body).toMatchObject({ nonce: 'cohort-run-7', enforce_nonce: true });

    const dm = await s.bot.poster.dm({ communityId: s.fake.guild.id, userId: s.id('bob') }, { visibility: 'private', text: 'Keep your streak' }, { nonce: 'cohort-run-8' });
    expect(textOf(s.fake.message(dm.messageId)!)).toContain('Keep your streak');

    const gone = s.bot.poster.post({ ...to, channelId: '999999999999999999' }, reply, { nonce: 'cohort-run-9' });
    await expect(gone).rejects.toBeInstanceOf(DeliveryError);
    await expect(gone).rejects.toMatchObject({ kind: 'gone' });
    s.fake.failNext('POST', `/channels/${s.channel.id}/messages`, { status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    await expect(s.bot.poster.post(to, reply, { nonce: 'cohort-run-10' })).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
