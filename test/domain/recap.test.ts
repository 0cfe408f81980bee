// The leaderboard card and the weekly recap from a seeded week: rank movement
// since the last period, rows in order (bars read back from the picture, names
// in the alt text), the asker's own row below the top 10, and the week's figures.
import { describe, expect, it } from 'vitest';
import { leaderboardBar, type LeaderboardCardInput } from '../../src/cards/leaderboard.ts';
import { THEMES } from '../../src/cards/theme.ts';
import { weeklyPost } from '../../src/commands/posts.ts';
import { drawPicture } from '../../src/commands/pictures.ts';
import type { GroupRow } from '../../src/db/types.ts';
import { resolveCommunity, resolveMember } from '../../src/domain/community.ts';
import { inTransaction } from '../../src/domain/deps.ts';
import { findGroup } from '../../src/domain/groups.ts';
import { award } from '../../src/domain/points.ts';
import { weeklyRecap } from '../../src/domain/recap.ts';
import { groupChat, type Chat } from '../helpers/chat.ts';
import { countInRow, readPng } from '../helpers/png.ts';
import { letterShown } from '../helpers/quiz.ts';

async function seed(c: Chat, names: string[]): Promise<{ group: GroupRow; pay: (name: string, points: number, ref: string) => Promise<void> }> {
  for (const n of names) await c.say(`@${n} /roadmap start`);
  const community = await resolveCommunity(c.app.deps, 'shell', 'c1');
  const group = (await findGroup(c.app.deps, community.id, 'study'))!;
  const pay = async (name: string, points: number, ref: string) => {
    const m = await resolveMember(c.app.deps, community, name, name);
    await inTransaction(c.app.deps, (tx) => award(tx, group, { memberId: m.id, points, reason: 'test', ref, at: c.app.clock.now().getTime() }));
  };
  return { group, pay };
}

describe('leaderboard card', () => {
  it('shows rows in order with their movement since last week, and the asker below the top 10', async () => {
    const c = await groupChat({ timezone: 'UTC', now: '2026-02-25T12:00:00Z' }); // a Wednesday
    const names = ['ana', 'bo', 'cy', 'di', 'ed', 'flo', 'gus', 'hal', 'ivy', 'jo', 'kai', 'lu'];
    const { pay } = await seed(c, names);
    await pay('ana', 30, 'w1');
    await pay('bo', 20, 'w1');
    await pay('cy', 10, 'w1');
    c.app.clock.set('2026-03-04T12:00:00Z');
    // This week: cy climbs from 3rd to 1st, ana drops to 2nd, the rest are new on the board.
    for (const [i, n] of names.entries()) await pay(n, n === 'cy' ? 200 : n === 'ana' ? 150 : 120 - i * 5, 'w2');

    const said = await c.say('@lu /leaderboard');
    const image = said.reply.image!;
    expect(image.name).toBe('leaderboard.png');
    expect(image.alt).toMatch(/^Leaderboard · points this week, .*: 1\. cy, 200 pts \(up 2\); 2\. ana, 150 pts \(down 1\); 3\. bo, 115 pts \(down 1\); 4\. di, 105 pts \(new\)/);
    expect(image.alt).toContain('… 12. lu, 65 pts (new) (you).');

    const p = await readPng(image.png);
    const input = { rows: new Array(10), you: {} } as unknown as LeaderboardCardInput;
    const filled = (i: number, color: string) => {
      const bar = leaderboardBar(input, i);
      return countInRow(p, bar.y + bar.height / 2, bar.x, bar.maxWidth, color);
    };
    const widths = Array.from({ length: 10 }, (_, i) => filled(i, THEMES.light.done));
    // Longest bar first, each no longer than the one above: the rows are in order.
    expect(widths[0]).toBeGreaterThan(240);
    for (let i = 1; i < 10; i++) expect(widths[i]).toBeLessThanOrEqual(widths[i - 1]!);
    expect(Math.abs(widths[1]! - widths[0]! * (150 / 200))).toBeLessThanOrEqual(3);
    // The asker's own row, under the top 10, in its own colour.
    expect(Math.abs(filled(10, THEMES.light.current) - widths[0]! * (65 / 200))).toBeLessThanOrEqual(3);
  });
});

describe('weekly recap', () => {
  it("sums up the group's week and rides on the Monday post", async () => {
    const c = await groupChat({ timezone: 'Europe/Berlin', now: '2026-03-03T10:00:00Z' }); // Tuesday
    const { group, pay } = await seed(c, ['ana', 'bo', 'cy']);
    await c.say('/group mentor add @mentor');
    await pay('cy', 40, 'before');
    await pay('ana', 10, 'before');
    // Last week (Mon 2 – Sun 8 March): answers, topics, a reviewed task.
    const card = (await c.say('@ana /challenge today')).text;
    const roadmap = c.app.deps.roadmaps.get('mini')!;
    const quiz = roadmap.challenges.find((q) => q.type === 'quiz' && card.includes(q.prompt))!;
    const right = quiz.type === 'quiz' && quiz.choices ? letterShown(card, quiz.answer!) : quiz.type === 'quiz' ? quiz.accept![0]! : '';
    const wrong = quiz.type === 'quiz' && quiz.choices ? ['A', 'B', 'C'].find((l) => l !== right)! : 'nonsense';
    await c.say(`@ana /challenge answer ${right}`);
    await c.say(`@bo /challenge answer ${wrong}`);
    await c.say('@bo /roadmap done http');
    await c.say('@bo /roadmap done dns');
    const s = await c.say('@cy /challenge submit task:data-project https://example.com/cy');
    await c.say(`@mentor /review approve ${/#(\d+)/.exec(s.text)![1]} nice`);
    c.app.clock.set('2026-03-09T09:30:00Z'); // Monday, 10:30 in Berlin

    const recap = await weeklyRecap(c.app.deps, group, '2026-03-09');
    expect(recap).toMatchObject({ from: '2026-03-02', to: '2026-03-08', activeMembers: 3, members: 3, solved: 2, attempts: 2, correctRate: 50, topicsDone: 2, reviewsGiven: 1 });
    expect(recap.top.map((t) => t.name)).toEqual(['cy', 'ana', 'bo']);

    const post = await weeklyPost(c.app.deps, group, '2026-03-09');
    const image = await drawPicture(post.image);
    expect(image?.name).toBe('recap.png');
    expect(image?.alt).toContain('3 of 3 members active, 2 challenges solved (50% correct), 2 topics done, 1 review given.');
    expect(post.text).toContain('cy');
  });
});
