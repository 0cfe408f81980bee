import { describe, expect, it } from 'vitest';
import { groupChat } from '../helpers/chat.ts';

describe('/leaderboard', () => {
  it('ranks by points this week in the group zone, ties to whoever got there first', async () => {
    // Monday 2026-03-02, 00:30 in Berlin is still Sunday in UTC.
    const c = await groupChat({ timezone: 'Europe/Berlin', now: '2026-03-01T22:50:00Z' });
    for (const m of ['ann', 'ben', 'cat']) await c.say(`@${m} /roadmap start`);
    c.app.clock.set('2026-03-01T22:40:00Z'); // Sunday 23:40 Berlin: last week
    await c.say('@cat /roadmap done sql');
    c.app.clock.set('2026-03-02T08:00:00Z');
    await c.say('@ben /roadmap done http');
    c.app.clock.set('2026-03-02T09:00:00Z');
    await c.say('@ann /roadmap done http');
    await c.say('@ann /roadmap done dns');
    c.app.clock.set('2026-03-02T10:00:00Z');
    await c.say('@cat /roadmap done http');

    const week = await c.say('@ann /leaderboard week');
    expect(week.public).toBe(false);
    expect(week.reply.buttons?.map((b) => b.command)).toEqual(['/leaderboard week share:yes']);
    expect(week.text).toContain('points this week');
    const lines = week.reply.text!.split('\n');
    expect(lines).toEqual(['🥇 ann — 10 pts', '🥈 ben — 5 pts', '🥉 cat — 5 pts']);

    const all = await c.say('@ann /leaderboard all');
    expect(all.reply.text!.split('\n')).toEqual(['🥇 ann — 10 pts', '🥈 cat — 10 pts', '🥉 ben — 5 pts']);
  });

  it('ranks current streaks, and leaves out members who left', async () => {
    const c = await groupChat({ now: '2026-03-02T10:00:00Z' });
    await c.say('@ann /roadmap start');
    await c.say('@ben /roadmap start');
    await c.say('@ann /roadmap done http');
    c.app.clock.advance(86_400_000);
    await c.say('@ann /roadmap done dns');
    await c.say('@ben /roadmap done http');
    const board = await c.say('@ben /leaderboard week streak');
    expect(board.reply.text!.split('\n')).toEqual(['🥇 ann — 2 days', '🥈 ben — 1 day']);
    await c.say('@ann /roadmap leave');
    expect((await c.say('@ben /leaderboard all points')).reply.text).toBe('🥇 ben — 5 pts');
  });

  it('shows the asking member their own rank below the top 10', async () => {
    const c = await groupChat();
    for (let i = 1; i <= 12; i++) {
      await c.say(`@m${i} /roadmap start`);
      await c.say(`@m${i} /roadmap done http`);
      if (i <= 10) await c.say(`@m${i} /roadmap done dns`);
      c.app.clock.advance(1000);
    }
    const r = await c.say('@m12 /leaderboard');
    const lines = r.reply.text!.split('\n');
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toBe('**12.** m12 — 5 pts (you)');
    expect(r.text).toContain('12 ranked');
  });

  it('says how to get on an empty board, and rejects an unknown period', async () => {
    const c = await groupChat();
    expect((await c.say('@ann /leaderboard month')).text).toContain('No points this month yet');
    const bad = await c.say('@ann /leaderboard year');
    expect(bad.error).toBe(true);
    expect(bad.text).toContain('`period` must be one of week, month, all');
  });

  it('shares a board in the channel once a day, without anyone\'s "you" row', async () => {
    const c = await groupChat({ now: '2026-03-02T10:00:00Z' });
    for (const n of ['ann', 'ben', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal', 'ida', 'jo', 'kim']) await c.say(`@${n} /roadmap start`);
    await c.say('@ann /roadmap done http');
    const mine = await c.say('@kim /leaderboard');
    expect(mine.public).toBe(false);
    const shared = await c.say('@kim /leaderboard share:yes');
    expect(shared.public).toBe(true);
    expect(shared.text).toContain('🥇 ann — 5 pts');
    expect(shared.text).not.toContain('(you)');
    expect(shared.text).toContain('Shared by kim');
    expect((await c.say('@ben /leaderboard share:yes')).text).toContain('kim already shared this leaderboard in this channel (');
    // Another board is another share.
    expect((await c.say('@ben /leaderboard all share:yes')).public).toBe(true);
  });
});
