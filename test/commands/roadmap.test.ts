import { describe, expect, it } from 'vitest';
import { groupChat, chat } from '../helpers/chat.ts';

describe('/roadmap', () => {
  it('lists the installed roadmaps with their tracks', async () => {
    const c = await chat();
    const r = await c.say('@alice /roadmap list');
    expect(r.text).toContain('Mini Backend');
    expect(r.text).toContain('`mini`');
    expect(r.text).toMatch(/2 stages · 3 topics · 7 challenges/);
    expect(r.text).toContain('`python`');
    expect(r.public).toBe(false);
  });

  it('enrols a member once; starting again is a friendly no-op', async () => {
    const c = await groupChat();
    const first = await c.say('@alice /roadmap start mini');
    expect(first.public).toBe(true);
    expect(first.text).toContain("You're at 0 of 3 topics");
    const again = await c.say('@alice /roadmap start mini');
    expect(again.error).toBe(false);
    expect(again.text).toContain("You're already on **Mini Backend**".replace(/\*\*/g, ''));
    expect(await c.app.count('SELECT count(*) AS n FROM enrolments')).toBe(1);
  });

  it('defaults to the group roadmap and refuses another one with a way forward', async () => {
    const c = await groupChat();
    expect((await c.say('@alice /roadmap start')).text).toContain('0 of 3 topics');
    const other = await c.say('@bob /roadmap start backend');
    expect(other.error).toBe(true);
    expect(other.text).toMatch(/There is no roadmap "backend".*Available: mini/);
  });

  it('validates the track and suggests the closest one', async () => {
    const c = await groupChat();
    const r = await c.say('@alice /roadmap start mini track:pyhton');
    expect(r.error).toBe(true);
    expect(r.text).toContain('Did you mean `python`');
    expect(r.text).toContain('Tracks: python, go');
    const ok = await c.say('@alice /roadmap start mini track:python');
    expect(ok.text).toContain('Python track');
    const sw = await c.say('@alice /roadmap start mini track:go');
    expect(sw.text).toContain('Switched you to the Go track');
  });

  it('shows progress: stage, topics done of total, percent, next topic and streak', async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start');
    const before = await c.say('@alice /roadmap progress');
    expect(before.text).toContain('0 of 3 topics done (0%)');
    expect(before.text).toContain('Next topic: HTTP (`http`)');
    expect(before.text).toContain('Stage: 1 of 2: Basics');
    expect(before.reply.buttons?.map((b) => b.command)).toEqual(['/roadmap next', '/roadmap done http']);

    const done = await c.say('@alice /roadmap done http');
    expect(done.text).toContain('HTTP done — +5 points');
    expect(done.text).toContain('Next up: DNS');

    const after = await c.say('@alice /roadmap progress');
    expect(after.text).toContain('1 of 3 topics done (33%)');
    expect(after.text).toContain('Next topic: DNS (`dns`)');
    expect(after.text).toContain('🔥 1 day');
  });

  it("shows another member's progress, and says when they have not started", async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start');
    await c.say('@alice /roadmap done http');
    expect((await c.say('@bob /roadmap progress @alice')).text).toContain("alice's progress");
    const none = await c.say('@alice /roadmap progress @carol');
    expect(none.error).toBe(true);
    expect(none.text).toContain('carol has not started');
  });

  it('shows the next topic with resources for the learner’s track only', async () => {
    const c = await groupChat();
    await c.say('@py /roadmap start mini track:python');
    await c.say('@gopher /roadmap start mini track:go');
    const py = await c.say('@py /roadmap next');
    const go = await c.say('@gopher /roadmap next');
    expect(py.text).toContain('Python http.server');
    expect(py.text).not.toContain('Go net/http');
    expect(go.text).toContain('Go net/http');
    expect(go.text).not.toContain('Python http.server');
    expect(py.text).toContain('MDN HTTP');
  });

  it('marks a topic done once, and suggests the closest ids for an unknown topic', async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start');
    await c.say('@alice /roadmap done http');
    const twice = await c.say('@alice /roadmap done http');
    expect(twice.text).toContain('was already done');
    expect(await c.app.count("SELECT count(*) AS n FROM ledger WHERE ref = 'topic:http'")).toBe(1);
    const typo = await c.say('@alice /roadmap done dsn');
    expect(typo.error).toBe(true);
    expect(typo.text).toContain('There is no topic "dsn"');
    expect(typo.text).toContain('`dns`');
  });

  it('leaving keeps progress; starting again welcomes the member back', async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start');
    await c.say('@alice /roadmap done http');
    expect((await c.say('@alice /roadmap leave')).text).toContain('progress is kept');
    const notIn = await c.say('@alice /roadmap progress');
    expect(notIn.error).toBe(true);
    expect(notIn.text).toContain('/roadmap start mini');
    expect((await c.say('@alice /roadmap start')).text).toContain('Welcome back');
    expect((await c.say('@alice /roadmap progress')).text).toContain('1 of 3 topics done');
  });

  it('tells a member in a channel without a group how an admin sets one up', async () => {
    const c = await chat();
    const r = await c.say('@alice /roadmap start', { channel: 'random' });
    expect(r.error).toBe(true);
    expect(r.text).toContain('This channel has no study group yet');
    expect(r.text).toContain('/group setup');
  });
});
