// What keeps the Discord bot dependable: the 3-second rule, rate limits,
// gateway reconnects, failures mid-answer, and nobody pinged by accident.
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { isEphemeral, textOf } from './harness.ts';
import { studyServer } from './seed.ts';

const at = { channel: 'study' };

describe('Discord: robustness', () => {
  it('defers a command that is not done in time and then edits the answer in', async () => {
    // deferAfterMs 0: every command counts as slow, so the defer-then-edit path runs.
    const s = await studyServer({ deferAfterMs: 0 });
    const progress = await s.command('bob', '/roadmap list', {}, at);
    expect(progress.state.response).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const cb = await s.fake.waitForCallback(progress.state);
    expect((cb.body as { data: { flags: number } }).data.flags).toBe(MessageFlags.Ephemeral);
    expect(s.requests((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'))).not.toHaveLength(0);
    expect(progress.text).toContain('mini');

    // A public answer after a private defer: the private "thinking…" says so, and the post is public for all.
    const join = await s.command('bob', '/roadmap start', {}, at);
    expect(join.messages.map((m) => [isEphemeral(m), textOf(m).split('\n')[0]])).toEqual([
      [true, '✓ Posted in the channel.'],
      [false, 'Bob joined Mini Backend'],
    ]);
  });

  it('retries a 429 from Discord and answers once', async () => {
    const s = await studyServer();
    s.fake.failNext('POST', /\/interactions\/\d+\/[^/]+\/callback/, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.1, global: false },
      headers: { 'retry-after': '0.1', 'x-ratelimit-scope': 'user' },
    });
    const a = await s.command('bob', '/roadmap list', {}, at);
    expect(a.text).toContain('mini');
    const callbacks = s.requests((r) => r.path === `/interactions/${a.state.id}/${a.state.token}/callback`);
    expect(callbacks.map((r) => r.status)).toEqual([429, 204]);
  });

  it('tries the answer again after a 5xx from Discord, and after an interaction Discord no longer knows still answers the next', async () => {
    const s = await studyServer();
    s.fake.failNext('POST', /\/interactions\/\d+\/[^/]+\/callback/, { status: 502, body: { message: 'Bad Gateway', code: 0 } });
    const a = await s.command('bob', '/roadmap list', {}, at);
    expect(a.text).toContain('mini');
    const callbacks = s.requests((r) => r.path === `/interactions/${a.state.id}/${a.state.token}/callback`);
    expect(callbacks.map((r) => r.status)).toEqual([502, 204]);

    // 10062 Unknown interaction (answered too late, say): not tried again as the same answer; the person is
    // offered the apology with a reference instead, and the bot carries on.
    s.fake.failNext('POST', /\/interactions\/\d+\/[^/]+\/callback/, { status: 404, body: { message: 'Unknown interaction', code: 10062 } });
    const lost = s.fake.sendCommand({ name: 'roadmap', subcommand: 'list', user: 'bob', channel: s.channel.id });
    await s.fake.waitFor((r) => r.path === `/interactions/${lost.id}/${lost.token}/callback` && r.status === 404);
    const b = await s.command('bob', '/roadmap list', {}, at);
    expect(b.text).toContain('mini');
    const tries = s.requests((r) => r.path === `/interactions/${lost.id}/${lost.token}/callback`);
    expect(tries.map((r) => r.status)).toEqual([404, 204]);
    expect(JSON.stringify(tries[0]!.body)).toContain('Mini Backend');
    expect(JSON.stringify(tries[1]!.body)).toContain('something went wrong on our side');
  });

  it('loses no interaction across an op 7 reconnect in the middle of a session', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    s.fake.requestReconnect();
    // Sent while the bot reconnects: replayed on RESUME and answered.
    const during = s.fake.sendCommand({ name: 'streak', user: 'bob', channel: 'study' });
    const a = await s.answered(during);
    expect(a.text).toMatch(/streak/i);
    expect(s.fake.connections.length).toBe(2);
    expect((await s.command('bob', '/roadmap progress', {}, at)).text).toContain('0 of');
  });

  it('still answers the person when Discord rejects the answer midway', async () => {
    const s = await studyServer({ deferAfterMs: 0 });
    s.fake.failNext('PATCH', /\/webhooks\/\d+\/[^/]+\/messages\/@original/, { status: 400, body: { code: 50035, message: 'Invalid Form Body' } });
    const a = await s.command('bob', '/roadmap list', {}, at);
    expect(a.messages.some(isEphemeral)).toBe(true);
    expect(a.text).toMatch(/Sorry — something went wrong on our side.*reference `[0-9a-f]{6}`/s);
  });

  it('never lets member text ping @everyone, @here or a role', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    await s.command('bob', '/challenge submit', { work: '@everyone @here <@&123456789012345678> look https://github.com/bob/x', task: 'basics-project' }, at);
    const create = s.requests((r) => r.method === 'POST' && r.path === `/channels/${s.channel.id}/messages`)[0]!;
    const body = create.body as { content: string; allowed_mentions: { parse: string[]; users: string[] } };
    expect(body.allowed_mentions).toEqual({ parse: [], users: [s.id('maya')] });
    expect(body.content).not.toContain('@everyone');
    const answered = s.requests((r) => r.method === 'POST' && r.path.endsWith('/callback')).map((r) => (r.body as { data?: { allowed_mentions?: unknown } }).data?.allowed_mentions);
    for (const m of answered.filter(Boolean)) expect(m).toMatchObject({ parse: [] });
  });
});
