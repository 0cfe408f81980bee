// Races that one SQLite writer serialised for free must stay impossible on
// PostgreSQL, where two bot processes write at the same moment. Each case
// runs two apps (two processes' worth of pools) on one store, at once.
// On SQLite the second "process" is the same app: two connections in one
// thread would wait on each other's lock synchronously (busy_timeout blocks
// the event loop), which real processes don't; one app still runs both
// commands interleaved through its serialized transaction runner.
import { describe, expect, it } from 'vitest';
import { claimWelcomeFor } from '../../src/domain/community.ts';
import { firstDelivery } from '../../src/domain/deliveries.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { chat, groupChat, type Chat } from '../helpers/chat.ts';
import { ENGINE } from '../helpers/engine.ts';

/** A second process on the same store, with the same clock. */
async function secondProcess(c: Chat): Promise<Chat> {
  if (ENGINE === 'sqlite') return chat({ app: c.app });
  const app: TestApp = await testApp({ store: c.app.testStore });
  app.clock.set(c.app.clock.now());
  return chat({ app });
}

describe('two processes at once', () => {
  it("two members pressing Share at once: today's challenge is posted once, the other is told who shared it", async () => {
    const a = await groupChat();
    const b = await secondProcess(a);
    const [ann, ben] = await Promise.all([a.say('@ann /challenge today share:yes'), b.say('@ben /challenge today share:yes')]);
    expect([ann, ben].filter((r) => r.public)).toHaveLength(1);
    expect([ann, ben].find((r) => !r.public)!.text).toMatch(/^(ann|ben) already shared today's challenge/);
    expect(await a.app.count('SELECT count(*) AS n FROM shares')).toBe(1);
  });

  it('two mentors approving the same submission: one decides, the other is told, points are paid once', async () => {
    const a = await groupChat();
    await a.say('/group mentor add @maya');
    await a.say('/group mentor add @omar');
    await a.say('@alice /roadmap start');
    await a.say('@alice /challenge submit task:basics-project https://github.com/alice/x');
    const b = await secondProcess(a);
    const [maya, omar] = await Promise.all([a.say('@maya /review approve 1'), b.say('@omar /review approve 1')]);
    const outcomes = [maya, omar].map((r) => (r.error ? r.text : 'approved'));
    expect(outcomes.filter((o) => o === 'approved')).toHaveLength(1);
    expect(outcomes.find((o) => o !== 'approved')).toMatch(/already approved by (maya|omar)/);
    expect(await a.app.count("SELECT count(*) AS n FROM ledger WHERE ref LIKE 'task:%'")).toBe(1);
  });

  it('two mentors claiming the same submission at once: exactly one holds it, the other is told who', async () => {
    const a = await groupChat();
    await a.say('/group mentor add @maya');
    await a.say('/group mentor add @omar');
    await a.say('@alice /roadmap start');
    await a.say('@alice /challenge submit task:basics-project https://github.com/alice/x');
    const b = await secondProcess(a);
    for (let round = 0; round < 5; round++) {
      const [maya, omar] = await Promise.all([a.say('@maya /review claim 1'), b.say('@omar /review claim 1')]);
      const winners = [maya, omar].filter((r) => !r.error);
      expect(winners).toHaveLength(1);
      const holder = winners[0] === maya ? 'maya' : 'omar';
      expect([maya, omar].find((r) => r.error)!.text).toContain(`claimed by ${holder}, 30 min left`);
      const [row] = await a.app.sql<{ claimed_by: number }>('SELECT claimed_by FROM submissions WHERE id = 1');
      expect(row!.claimed_by).toBe(holder === 'maya' ? 2 : 3);
      // Let it lapse before the next round.
      a.app.clock.advance(31 * 60_000);
      if (b.app !== a.app) b.app.clock.advance(31 * 60_000);
    }
  });

  it('one member answering twice at once from two processes: one scored attempt, paid once', async () => {
    const a = await groupChat();
    await a.say('@alice /roadmap start');
    const b = await secondProcess(a);
    const answers = await Promise.all([a.say('@alice /challenge answer PUT'), b.say('@alice /challenge answer PUT')]);
    expect(answers.filter((r) => r.text.includes('Correct!'))).toHaveLength(1);
    expect(answers.find((r) => !r.text.includes('Correct!'))?.text).toContain('already answered');
    expect(await a.app.count('SELECT count(*) AS n FROM quiz_attempts')).toBe(1);
    expect(await a.app.count('SELECT count(*) AS n FROM ledger')).toBe(1);
    expect(await a.app.count('SELECT count(*) AS n FROM activities')).toBe(1);
  });

  it('the same day picked by two processes at once: both show the one challenge', async () => {
    const a = await groupChat();
    await a.say('@alice /roadmap start');
    const b = await secondProcess(a);
    const [x, y] = await Promise.all([a.say('@alice /challenge today'), b.say('@alice /challenge today')]);
    expect(x.text).toBe(y.text);
    expect(await a.app.count('SELECT count(*) AS n FROM daily_challenges')).toBe(1);
  });

  it('a redelivered Slack request reaching another process is acted on once', async () => {
    const a = await testApp();
    const b = ENGINE === 'sqlite' ? a : await testApp({ store: a.testStore });
    const seen = await Promise.all([firstDelivery(a.deps, 'slack', 'T1.trigger'), firstDelivery(b.deps, 'slack', 'T1.trigger')]);
    expect(seen.sort()).toEqual([false, true]);
    expect(await firstDelivery(a.deps, 'slack', 'T2.trigger')).toBe(true);
  });

  it('a server is welcomed once, even when a member command created it first and two processes see it join', async () => {
    const a = await chat();
    await a.say('@alice /help');
    const b = ENGINE === 'sqlite' ? a.app : await testApp({ store: a.app.testStore });
    const claims = await Promise.all([claimWelcomeFor(a.app.deps, 'shell', 'c1'), claimWelcomeFor(b.deps, 'shell', 'c1')]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await claimWelcomeFor(a.app.deps, 'shell', 'c1')).toBe(false);
  });
});
