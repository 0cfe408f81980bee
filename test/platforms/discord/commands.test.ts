// Slash commands through the real discord.js client against the fake Discord.
import { ButtonStyle, type APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { failInserts } from '../../helpers/app.ts';
import { ENGINE } from '../../helpers/engine.ts';
import { buttonsOf, isEphemeral, textOf } from './harness.ts';
import { studyServer } from './seed.ts';

const at = { channel: 'study' };

describe('Discord: slash commands', () => {
  it('sets up a group, lets a member join, and answers personal commands only to them', async () => {
    const s = await studyServer();
    const settings = await s.command('bob', '/group settings', {}, at);
    expect(settings.text).toContain('Europe/Berlin');
    expect(settings.text).toContain('Maya');

    const join = await s.command('bob', '/roadmap start', { track: 'python' }, at);
    expect(join.messages).toHaveLength(1);
    expect(isEphemeral(join.messages[0]!)).toBe(false);
    expect(join.text).toContain('joined');
    // Public text naming bob must not ping anyone but those the reply names.
    const cb = await s.fake.waitForCallback(join.state);
    expect((cb.body as { data: { allowed_mentions: unknown } }).data.allowed_mentions).toEqual({ parse: [], users: [] });

    const progress = await s.command('bob', '/roadmap progress', {}, at);
    expect(isEphemeral(progress.messages[0]!)).toBe(true);
    expect(progress.text).toContain('0 of');
    expect(Object.keys(buttonsOf(progress.messages[0]!))).toEqual(['Next topic', 'Mark done']);
  });

  it('walks the roadmap with the Next topic and Mark done buttons, and refuses them to anyone else', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    const progress = await s.command('bob', '/roadmap progress', {}, at);
    const card = progress.messages[0]!;

    const next = await s.press('bob', card, 'Next topic');
    expect(next.text).toContain('HTTP');
    expect(isEphemeral(next.messages[0]!)).toBe(true);

    const stolen = await s.press('carol', card, 'Mark done');
    expect(isEphemeral(stolen.messages[0]!)).toBe(true);
    expect(stolen.text).toContain(`Only <@${s.id('bob')}> can use that button.`);

    const done = await s.press('bob', card, 'Mark done');
    expect(done.text).toMatch(/1 of \d+|done/i);
    expect((await s.command('bob', '/roadmap progress', {}, at)).text).toContain('1 of');
  });

  it("answers today's quiz from its buttons, one scored attempt", async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    const today = await s.command('bob', '/challenge today', {}, at);
    expect(isEphemeral(today.messages[0]!)).toBe(true);
    const labels = Object.keys(buttonsOf(today.messages[0]!));
    expect(labels.at(-1)).toBe('Share in channel');
    const letters = labels.slice(0, -1);
    expect(letters).toEqual(['A', 'B', 'C', 'D'].slice(0, letters.length));
    expect(letters.length).toBeGreaterThanOrEqual(2);
    const row = today.messages[0]!.components![0] as { components: { style: number }[] };
    expect(row.components[0]!.style).toBe(ButtonStyle.Primary);

    const answer = await s.press('bob', today.messages[0]!, 'A');
    expect(isEphemeral(answer.messages[0]!)).toBe(true);
    expect(answer.text).toMatch(/Correct!|Not quite/);
    const again = await s.press('bob', today.messages[0]!, 'B');
    expect(again.text).toMatch(/already answered/i);
  });

  it('takes an answer back when it could not be saved: the answer is edited into the apology', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    const repair = await failInserts(s.app, 'quiz_attempts', 'refused by the test');
    const answer = await s.command('bob', '/challenge answer', { answer: 'A' }, at);
    // One message, the member's only, and what it ends up saying is that nothing counted.
    expect(answer.messages).toHaveLength(1);
    expect(isEphemeral(answer.messages[0]!)).toBe(true);
    expect(answer.text).toContain('nothing was changed');
    expect(answer.text).not.toMatch(/Correct!|Not quite/);
    if (ENGINE === 'sqlite') {
      // The grade went out first (Store.decide), and the edit replaced it.
      const callback = s.requests((r) => r.path.endsWith('/callback')).at(-1)!;
      expect(textOf((callback.body as { data: { embeds: APIEmbed[] } }).data)).toMatch(/Correct!|Not quite/);
      const edit = s.requests((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original')).at(-1)!;
      expect(edit.seq).toBeGreaterThan(callback.seq);
    }
    expect(await s.app.count('SELECT count(*) FROM quiz_attempts')).toBe(0);
    await repair();
    expect((await s.command('bob', '/challenge answer', { answer: 'A' }, at)).text).toMatch(/Correct!|Not quite/);
  });

  it("shares today's challenge in the channel from the Share button, once", async () => {
    const s = await studyServer();
    const mine = await s.command('bob', '/challenge today', {}, at);
    const shared = await s.press('bob', mine.messages[0]!, 'Share in channel');
    expect(isEphemeral(shared.messages[0]!)).toBe(false);
    expect(shared.text).toContain('Daily challenge');
    expect(shared.text).toContain('Shared by Bob');
    expect(Object.keys(buttonsOf(shared.messages[0]!))).not.toContain('Share in channel');
    const carols = await s.command('carol', '/challenge today', {}, at);
    const again = await s.press('carol', carols.messages[0]!, 'Share in channel');
    expect(isEphemeral(again.messages[0]!)).toBe(true);
    expect(again.text).toContain("Bob already shared today's challenge in this channel");
  });

  it('says clearly what was wrong with bad input, only to the person', async () => {
    const s = await studyServer();
    const notJoined = await s.command('bob', '/challenge answer', { answer: 'A' }, at);
    expect(notJoined.text).toContain('/roadmap start');
    await s.command('bob', '/roadmap start', {}, at);
    const cases: [string, Record<string, string>, RegExp][] = [
      ['/roadmap start', { roadmap: 'frontend' }, /no roadmap "frontend"/],
      ['/roadmap done', { topic: 'htp' }, /no topic "htp".*`http`/is],
      ['/challenge answer', { answer: 'Z' }, /Z/],
      ['/leaderboard', { period: 'year' }, /must be one of week, month, all/],
      ['/remind time', { time: '25:99' }, /HH:MM|time/i],
      ['/review approve', { id: '99' } as Record<string, string>, /mentors|no submission/i],
    ];
    for (const [line, options, expected] of cases) {
      const a = await s.command('bob', line, options, at);
      expect(a.messages.every(isEphemeral), line).toBe(true);
      expect(a.text, line).toMatch(expected);
    }
    const noGroup = await s.command('bob', '/challenge today', {}, { channel: 'general' });
    expect(noGroup.text).toContain('This channel has no study group yet');
  });

  it('refuses admin commands to members, and mentor actions to non-mentors', async () => {
    const s = await studyServer();
    const setup = await s.command('bob', '/group setup', { timezone: 'Asia/Tokyo' }, at);
    expect(isEphemeral(setup.messages[0]!)).toBe(true);
    expect(setup.text).toContain('Only community admins');
    expect((await s.command('alice', '/group settings', {}, at)).text).toContain('Europe/Berlin');
    const queue = await s.command('bob', '/review queue', {}, at);
    expect(queue.text).toContain("Only this group's mentors");
  });

  it('shows the leaderboard and streak, and help lists every command', async () => {
    const s = await studyServer();
    await s.command('bob', '/roadmap start', {}, at);
    expect((await s.command('bob', '/leaderboard', { period: 'week' }, at)).text).toMatch(/leaderboard/i);
    expect((await s.command('bob', '/streak', {}, at)).text).toMatch(/streak/i);
    const help = await s.command('bob', '/help', {}, at);
    for (const name of ['/roadmap', '/challenge', '/streak', '/leaderboard', '/remind', '/review', '/group']) expect(help.text).toContain(name);
    expect((await s.command('bob', '/remind off', {}, at)).text).toMatch(/off|won't/i);
  });
});
