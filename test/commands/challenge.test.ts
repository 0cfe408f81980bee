import { describe, expect, it } from 'vitest';
import { groupChat } from '../helpers/chat.ts';
import { letterShown, shownChoices } from '../helpers/quiz.ts';

describe('/challenge', () => {
  it("shows today's challenge with its topic and answer buttons", async () => {
    const c = await groupChat();
    const r = await c.say('@alice /challenge today');
    // Only to the asker: the daily post already showed it to the channel.
    expect(r.public).toBe(false);
    expect(r.text).toContain('Daily challenge · 2026-03-02');
    expect(r.text).toContain('Which method is idempotent but not safe?');
    expect(r.text).toContain('Topic: HTTP');
    expect(r.reply.buttons?.map((b) => b.command)).toEqual(['/challenge answer A', '/challenge answer B', '/challenge answer C', '/challenge today share:yes']);
  });

  it('shares today\'s challenge in the channel once a day, whoever presses Share first', async () => {
    const c = await groupChat({ timezone: 'Europe/Berlin', now: '2026-03-02T12:00:00Z' });
    const shared = await c.say('@alice /challenge today share:yes');
    expect(shared.public).toBe(true);
    expect(shared.text).toContain('Daily challenge · 2026-03-02');
    expect(shared.text).toContain('Shared by alice');
    expect(shared.reply.buttons?.map((b) => b.command)).toEqual(['/challenge answer A', '/challenge answer B', '/challenge answer C']);
    c.app.clock.set('2026-03-02T15:30:00Z');
    const again = await c.say('@bob /challenge today share:yes');
    expect(again.public).toBe(false);
    expect(again.text).toBe("alice already shared today's challenge in this channel (Mon 2 Mar 13:00), so it isn't posted again — scroll up to find it.");
    // A new local day, a new share.
    c.app.clock.set('2026-03-02T23:30:00Z');
    expect((await c.say('@bob /challenge today share:yes')).public).toBe(true);
    expect(await c.app.count('SELECT count(*) AS n FROM shares')).toBe(2);
  });

  it('is the same challenge for everyone all day, and a new one the next local day', async () => {
    const c = await groupChat({ timezone: 'Europe/Berlin', now: '2026-03-02T22:30:00Z' }); // 23:30 in Berlin
    const today = (await c.say('@alice /challenge today')).text;
    expect((await c.say('@bob /challenge today')).text).toBe(today);
    c.app.clock.set('2026-03-02T23:10:00Z'); // 00:10 on the 3rd in Berlin
    const tomorrow = await c.say('@alice /challenge today');
    expect(tomorrow.text).toContain('2026-03-03');
    expect(tomorrow.text).not.toContain('Which method is idempotent');
  });

  it('grades an answer at once, shows the explanation and pays points once', async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start');
    // Choices are shuffled per group and day: answer with the letter the card shows for PUT.
    const right = letterShown((await c.say('@alice /challenge today')).text, 'PUT');
    const r = await c.say(`@alice /challenge answer ${right.toLowerCase()}`);
    expect(r.text).toContain('Correct! +10 points');
    expect(r.text).toContain('PUT replaces state');
    expect(r.text).toContain('🔥 1 day');
    expect(r.public).toBe(false);
    const again = await c.say(`@alice /challenge answer ${right}`);
    expect(again.error).toBe(true);
    expect(again.text).toContain('You already answered today');
    const board = await c.say('@alice /leaderboard');
    expect(board.text).toContain('alice — 10 pts');
  });

  it('a wrong answer shows the right one and scores nothing; that was the one attempt', async () => {
    const c = await groupChat();
    await c.say('@bob /roadmap start');
    const card = (await c.say('@bob /challenge today')).text;
    const r = await c.say('@bob /challenge answer GET');
    expect(r.text).toContain('Not quite');
    // Both letters are the ones on the card shown today.
    expect(r.text).toContain(`You answered ${letterShown(card, 'GET')}) GET`);
    expect(r.text).toContain(`the answer is ${letterShown(card, 'PUT')}) PUT`);
    expect((await c.say('@bob /challenge answer PUT')).text).toContain('You already answered');
    expect((await c.say('@bob /streak')).text).toContain('No streak yet');
  });

  it('does not spend the attempt on an answer that is not a choice', async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start');
    const r = await c.say('@alice /challenge answer E');
    expect(r.error).toBe(true);
    expect(r.text).toContain('"E" is not one of the choices. Answer with a letter A–C');
    expect((await c.say('@alice /challenge answer PUT')).text).toContain('Correct!');
  });

  it('asks a member to start before answering or submitting', async () => {
    const c = await groupChat();
    for (const line of ['@zoe /challenge answer A', '@zoe /challenge submit https://x.dev']) {
      const r = await c.say(line);
      expect(r.error).toBe(true);
      expect(r.text).toContain('/roadmap start mini');
    }
  });

  it('submits a task for review: the learner is told, the mentors are asked', async () => {
    const c = await groupChat();
    await c.say('/group mentor add @maya');
    await c.say('@alice /roadmap start');
    const r = await c.say('@alice /challenge submit task:basics-project https://github.com/alice/server');
    const [toLearner, toMentors] = r.replies;
    expect(toLearner!.visibility).toBe('private');
    expect(r.text).toContain('Submission #1 for basics-project is waiting for a mentor');
    expect(toMentors!.visibility).toBe('public');
    expect(toMentors!.notify).toEqual(['maya']);
    expect(toMentors!.text).toContain('https://github.com/alice/server');
    expect(toMentors!.text).toContain('Answers GET /health with 200');
    expect(toMentors!.buttons?.map((b) => b.label)).toEqual(['Claim', 'Approve', 'Request changes']);
    const dup = await c.say('@alice /challenge submit task:basics-project https://github.com/alice/server2');
    expect(dup.error).toBe(true);
    expect(dup.text).toContain('still waiting for a mentor');
  });

  it('files work under a task: named after the link, and keeps only the link as the work', async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start');
    const r = await c.say('@alice /challenge submit https://github.com/alice/q task:data-project');
    expect(r.error).toBe(false);
    expect(r.text).toContain('Submission #1 for data-project is waiting');
    const mentors = r.replies[1]!;
    expect(mentors.text).toContain('> https://github.com/alice/q\n');
    expect(mentors.text).not.toContain('task:data-project');
  });

  it('refuses a task that needs a link when given none, a quiz id, a typo and another track', async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start mini track:python');
    expect((await c.say('@alice /challenge submit task:basics-project my notes')).text).toContain('asks for a link');
    expect((await c.say('@alice /challenge submit task:http-q1 x')).text).toContain('is a quiz, not a task');
    expect((await c.say('@alice /challenge submit task:basic-project https://a.dev')).text).toContain('`basics-project`');
    expect((await c.say('@alice /challenge submit task:basics-project-go https://a.dev')).text).toContain('is for the go track');
    expect(await c.app.count('SELECT count(*) AS n FROM submissions')).toBe(0);
  });

  it("without a task id, hands in the member's current stage task, preferring their track's", async () => {
    const c = await groupChat();
    await c.say('@gopher /roadmap start mini track:go');
    const r = await c.say('@gopher /challenge submit https://github.com/g/server');
    expect(r.text).toContain('basics-project-go');
  });

  it('never repeats a daily challenge until all have been used', async () => {
    const c = await groupChat({ now: '2026-03-02T12:00:00Z' });
    const seen: string[] = [];
    for (let day = 0; day < 12; day++) {
      const r = await c.say('@alice /challenge today');
      // Choices come in a new order each day, so a challenge is known by its prompt
      // (the text before the choices or criteria) and the set of its choices.
      const prompt = r.reply.text!.split('\n\n')[0]!;
      const quiz = r.reply.buttons?.some((b) => b.command.startsWith('/challenge answer'));
      const choices = quiz ? shownChoices(r.text).map(([, choice]) => choice).sort() : [];
      seen.push([r.reply.fields!.find((f) => f.name === 'Topic')!.value, prompt, ...choices].join('|'));
      c.app.clock.advance(86_400_000);
    }
    // The pool has 6 challenges for everyone (the Go-only task is excluded).
    expect(new Set(seen.slice(0, 6)).size).toBe(6);
    expect(seen.slice(6)).toEqual(seen.slice(0, 6));
  });

  it("shuffles one quiz differently for different groups, and grades each group's letters against its own order", async () => {
    const c = await groupChat();
    // Several groups on the same roadmap and day all get the same first quiz; the order of
    // its choices is seeded by the group, so somewhere among them PUT sits under another letter.
    const channels = ['study', 'lab1', 'lab2', 'lab3', 'lab4', 'lab5', 'lab6', 'lab7'];
    for (const channel of channels.slice(1)) {
      const setup = await c.say('/group setup roadmap:mini timezone:Europe/Berlin', { channel });
      expect(setup.error).toBe(false);
    }
    const cards = new Map<string, string>();
    for (const channel of channels) {
      const card = (await c.say('@alice /challenge today', { channel })).text;
      expect(card).toContain('Which method is idempotent but not safe?');
      expect(shownChoices(card).map(([, choice]) => choice).sort()).toEqual(['GET', 'POST', 'PUT']);
      cards.set(channel, card);
    }
    const putIn = (channel: string) => letterShown(cards.get(channel)!, 'PUT');
    const other = channels.find((ch) => putIn(ch) !== putIn('study'));
    expect(other, `PUT under the same letter in all ${channels.length} groups:\n${[...cards.values()].join('\n\n')}`).toBeDefined();
    const [here, there] = [putIn('study'), putIn(other!)];
    expect(shownChoices(cards.get(other!)!)).not.toEqual(shownChoices(cards.get('study')!));

    // In #study, #study's letter for PUT is right.
    await c.say('@alice /roadmap start');
    expect((await c.say(`@alice /challenge answer ${here}`)).text).toContain('Correct! +10 points');
    // In the other group that same letter is another choice, graded as wrong against that group's card…
    await c.say('@bob /roadmap start', { channel: other! });
    const wrong = await c.say(`@bob /challenge answer ${here}`, { channel: other! });
    expect(wrong.text).toContain('Not quite');
    expect(wrong.text).toContain(`You answered ${here}) ${shownChoices(cards.get(other!)!).find(([l]) => l === here)![1]}`);
    expect(wrong.text).toContain(`the answer is ${there}) PUT`);
    // …and that group's own letter for PUT is right there.
    await c.say('@carol /roadmap start', { channel: other! });
    expect((await c.say(`@carol /challenge answer ${there}`, { channel: other! })).text).toContain('Correct! +10 points');
    // #study still grades by its own order: the other group's letter is wrong here.
    await c.say('@dave /roadmap start');
    expect((await c.say(`@dave /challenge answer ${there}`)).text).toContain(`the answer is ${here}) PUT`);
  });
});
