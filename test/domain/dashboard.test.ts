// The dashboard's figures: answer and correct rates with each choice's share
// and broken-question flags, who is at risk, where the stages lose people, and
// the CSV export.
import { describe, expect, it } from 'vitest';
import { todaysChallenge } from '../../src/domain/challenges.ts';
import { challengeStats, groupOverview, progressCsv } from '../../src/domain/dashboard.ts';
import { findGroup } from '../../src/domain/groups.ts';
import { resolveCommunity } from '../../src/domain/community.ts';
import { groupChat } from '../helpers/chat.ts';

async function setup() {
  const c = await groupChat();
  for (const who of ['ann', 'ben', 'cat', 'dan']) await c.say(`@${who} /roadmap start`);
  const community = await resolveCommunity(c.app.deps, 'shell', 'c1');
  const group = (await findGroup(c.app.deps, community.id, 'study'))!;
  return { c, group };
}

describe('dashboard figures', () => {
  it('flags a quiz whose wrong choice is picked more than the key, with each choice’s share', async () => {
    const { c, group } = await setup();
    const today = await todaysChallenge(c.app.deps, group);
    if (today.challenge.type !== 'quiz' || !today.challenge.choices) throw new Error(`expected a multiple-choice quiz first, got ${today.challenge.id}`);
    const key = today.challenge.answer!;
    const wrong = today.challenge.choices.find((x) => x !== key)!;
    for (const who of ['ann', 'ben', 'cat']) expect((await c.say(`@${who} /challenge answer ${wrong}`)).error).toBe(false);
    await c.say(`@dan /challenge answer ${key}`);
    const [stats] = await challengeStats(c.app.deps, group);
    expect(stats).toMatchObject({ challengeId: today.challenge.id, attempts: 4, answerRate: 1, correctRate: 0.25, kind: 'quiz' });
    expect(stats!.choices.find((x) => x.choice === wrong)).toMatchObject({ picked: 3, share: 0.75, isKey: false });
    expect(stats!.choices.find((x) => x.choice === key)).toMatchObject({ picked: 1, share: 0.25, isKey: true });
    expect(stats!.flags).toEqual([`"${wrong}" picked more than the key`]);
  });

  it('flags members with a broken streak or a week idle, and shows where the stages lose people', async () => {
    const { c, group } = await setup();
    await c.say('@ann /roadmap done http');
    await c.say('@ann /roadmap done dns');
    await c.say('@ben /roadmap done http');
    let o = await groupOverview(c.app.deps, group);
    expect(o.members.every((m) => m.risk === null)).toBe(true);
    expect(o.funnel.map((s) => [s.reached, s.here])).toEqual([
      [4, 3],
      [1, 1],
    ]);
    c.app.clock.advance(3 * 86_400_000);
    o = await groupOverview(c.app.deps, group);
    const risk = Object.fromEntries(o.members.map((m) => [m.member.displayName, m.risk]));
    expect(risk).toEqual({ ann: 'streak broken', ben: 'streak broken', cat: null, dan: null });
    c.app.clock.advance(5 * 86_400_000);
    o = await groupOverview(c.app.deps, group);
    expect(o.members.find((m) => m.member.displayName === 'cat')!.risk).toBe('8 days idle');
    // This week and the eleven before it; ann and ben were active in one of them.
    expect(o.weeks).toHaveLength(12);
    expect(o.weeks.reduce((s, w) => s + w.active, 0)).toBe(2);
  });

  it('exports progress as CSV, quoting commas and defusing formulas', async () => {
    const { c, group } = await setup();
    await c.say('@eve /roadmap start');
    // A display name a spreadsheet would run as a formula, with a comma and quotes in it.
    await c.app.sql(`UPDATE members SET display_name = '=HYPERLINK("x"),1' WHERE user_id = 'eve'`);
    const csv = progressCsv(await groupOverview(c.app.deps, group));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('member,user_id,track,stage,topics_done,topics_total,percent,streak,last_active,at_risk');
    expect(lines).toContain(`"'=HYPERLINK(""x""),1",eve,,Basics,0,3,0,0,,`);
    expect(lines).toHaveLength(6);
  });
});
