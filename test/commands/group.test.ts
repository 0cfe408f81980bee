import { describe, expect, it } from 'vitest';
import { chat, groupChat } from '../helpers/chat.ts';

describe('/group', () => {
  it('sets up a group with its zone and times, and shows the settings', async () => {
    const c = await chat();
    const r = await c.say('/group setup roadmap:mini timezone:america/new_york post-time:7:30 reminder-time:19:00');
    expect(r.public).toBe(true);
    expect(r.text).toContain('This channel now follows Mini Backend');
    expect(r.text).toContain('Time zone: America/New_York');
    expect(r.text).toContain('Daily post: 07:30');
    const s = await c.say('@alice /group settings');
    expect(s.text).toContain('Streak reminder: 19:00');
    expect(s.public).toBe(false);
  });

  it('changes only the settings given', async () => {
    const c = await groupChat({ timezone: 'Asia/Tokyo' });
    await c.say('/group setup post-time:06:00');
    const s = await c.say('/group settings');
    expect(s.text).toContain('Time zone: Asia/Tokyo');
    expect(s.text).toContain('Daily post: 06:00');
    expect(s.text).toContain('Roadmap: Mini Backend');
  });

  it('explains bad settings and stores nothing', async () => {
    const c = await chat();
    const zone = await c.say('/group setup roadmap:mini timezone:Europe/Berln');
    expect(zone.text).toContain('"Europe/Berln" is not an IANA time zone');
    expect(zone.text).toContain('Europe/Berlin');
    const time = await c.say('/group setup roadmap:mini post-time:9am');
    expect(time.text).toContain('post-time "9am" is not a 24-hour time');
    const roadmap = await c.say('/group setup roadmap:mni');
    expect(roadmap.text).toContain('Did you mean `mini`');
    expect(await c.app.count('SELECT count(*) AS n FROM groups')).toBe(0);
  });

  it('lets only admins set up groups and manage mentors', async () => {
    const c = await groupChat();
    for (const line of ['@eve /group setup timezone:UTC', '@eve /group mentor add @eve']) {
      const r = await c.say(line);
      expect(r.error).toBe(true);
      expect(r.text).toContain('Only community admins');
    }
    expect((await c.say('/group settings')).text).toContain('Time zone: Europe/Berlin');
  });

  it('adds and removes mentors, saying when nothing changed', async () => {
    const c = await groupChat();
    expect((await c.say('/group mentor add @maya')).text).toContain('@maya is now a mentor');
    expect((await c.say('/group mentor add @maya')).text).toContain('already a mentor');
    expect((await c.say('/group settings')).text).toContain('Mentors: maya');
    expect((await c.say('/group mentor remove @maya')).text).toContain('no longer a mentor');
    expect((await c.say('/group mentor remove @maya')).text).toContain("isn't a mentor here");
    expect((await c.say('/group mentor add maya')).text).toContain('`member` must mention a member');
  });
});

describe('communities are isolated', () => {
  it('never shows one community’s members, points or submissions to another', async () => {
    const a = await groupChat({ community: 'guild-a' });
    const b = await groupChat({ community: 'guild-b', app: a.app });
    await a.say('@alice /roadmap start');
    await a.say('@alice /roadmap done http');
    await a.say('/group mentor add @maya');
    await a.say('@alice /challenge submit task:basics-project https://github.com/alice/x');

    // Same channel id and same user ids, different community.
    await b.say('@bob /roadmap start');
    await b.say('/group mentor add @maya');
    expect((await b.say('@bob /leaderboard all')).text).not.toContain('alice');
    expect((await b.say('@maya /review queue')).text).toContain('0 waiting');
    expect((await b.say('@maya /review approve 1')).text).toContain('There is no submission #1');
    expect((await b.say('@alice /roadmap progress')).text).toContain('You need to join');
    expect((await a.say('@alice /roadmap progress')).text).toContain('1 of 3 topics done');
  });
});
