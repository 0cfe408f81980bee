// Saved replies, criteria, the mentor ledger and review figures, on the
// command layer with a hand-moved clock.
import { describe, expect, it } from 'vitest';
import { groupChat } from '../helpers/chat.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

async function mentored() {
  const c = await groupChat();
  await c.say('/group mentor add @maya');
  await c.say('/group mentor add @omar');
  for (const who of ['alice', 'bob', 'carol']) await c.say(`@${who} /roadmap start`);
  return c;
}

describe('saved replies', () => {
  it('mentors save, list, use and remove snippets; :name: expands, other :words: stay', async () => {
    const c = await mentored();
    expect((await c.say('@alice /review snippet add readme Add a README')).text).toContain("Only this group's mentors");
    expect((await c.say('@maya /review snippet add readme Please add a README that says how to run it.')).text).toContain('Saved :readme:');
    expect((await c.say('@maya /review snippet add tests Add a test for /health.')).text).toContain('Saved :tests:');
    expect((await c.say('@omar /review snippet add tests Add a test for GET /health.')).text).toContain('Replaced :tests:');
    expect((await c.say('@maya /review snippet add bad name here')).error).toBe(false);
    expect((await c.say('@maya /review snippet add :: x')).text).toContain('A snippet name is one short word');
    const list = await c.say('@maya /review snippet list');
    expect(list.text).toContain(':readme: Please add a README that says how to run it.');
    expect(list.text).toContain(':tests: Add a test for GET /health.');

    // The post offers them, next to the Request changes form.
    const submit = await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v1');
    const post = submit.replies.find((r) => r.post)!;
    expect(post.fields?.find((f) => f.name === 'Saved replies')?.value).toBe(':bad: :readme: :tests:');
    expect(post.buttons?.find((b) => b.label === 'Request changes')?.ask?.placeholder).toBe(':bad: expands a saved reply');

    const changes = await c.say('@maya /review changes 1 :readme: And :tests: :tada:');
    expect(changes.text).toContain('Please add a README that says how to run it. And Add a test for GET /health. :tada:');
    expect(await c.app.sql('SELECT feedback FROM submissions WHERE id = 1')).toEqual([{ feedback: 'Please add a README that says how to run it. And Add a test for GET /health. :tada:' }]);

    expect((await c.say('@maya /review snippet remove readme')).text).toContain('Removed the saved reply :readme:');
    expect((await c.say('@maya /review snippet remove readme')).text).toContain('There is no saved reply "readme"');
  });
});

describe('criteria', () => {
  it('shows the numbered criteria and records which were met or missed', async () => {
    const c = await mentored();
    const submit = await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v1');
    expect(submit.replies.find((r) => r.post)!.text).toContain('Criteria:**\n1. Answers GET /health with 200\n2. Has a README saying how to run it');
    expect((await c.say('@maya /review approve 1 met:3')).text).toContain('This task has criteria 1–2; "met:3" names 3');
    expect((await c.say('@maya /review approve 1 met:1 missed:1')).text).toContain('marked both met and missed');
    const changes = await c.say('@maya /review changes 1 met:1 missed:2 The README is missing');
    expect(changes.text).toContain('✅ 1. Answers GET /health with 200\n❌ 2. Has a README saying how to run it\n> The README is missing');
    expect(changes.replies.find((r) => r.edit)!.fields![0]!.value).toContain('criteria met: 1 · missed: 2');
    await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v2');
    const approve = await c.say('@maya /review approve 2 met:all');
    expect(approve.text).toContain('✅ 1. Answers GET /health with 200\n✅ 2. Has a README saying how to run it');
    expect(await c.app.sql('SELECT id, criteria_met, criteria_missed FROM submissions ORDER BY id')).toEqual([
      { id: 1, criteria_met: 1, criteria_missed: 2 } /* the test's sql helper reads digit strings as numbers */,
      { id: 2, criteria_met: '1,2', criteria_missed: null },
    ]);
  });
});

describe('mentor standing', () => {
  it('pays every review once into the mentor ledger, ranks mentors, and the stats match a hand-made timeline', async () => {
    const c = await mentored(); // Monday 2 March 2026, 12:00 UTC (13:00 in Berlin)
    await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v1'); // #1 at 12:00
    c.app.clock.advance(HOUR);
    await c.say('@bob /challenge submit task:basics-project https://github.com/bob/v1'); // #2 at 13:00
    c.app.clock.advance(HOUR);
    await c.say('@maya /review claim 1'); // 14:00: first review of #1 after 2 h
    c.app.clock.advance(30 * MIN);
    await c.say('@maya /review approve 1'); // 14:30: decided after 2 h 30 min
    c.app.clock.advance(30 * MIN);
    await c.say('@omar /review changes 2 Add a README'); // 15:00: first review and decision of #2 after 2 h
    c.app.clock.advance(HOUR);
    await c.say('@carol /challenge submit task:basics-project https://github.com/carol/v1'); // #3 at 16:00
    c.app.clock.advance(HOUR);
    await c.say('@omar /review claim 3'); // 17:00: first review of #3 after 1 h
    c.app.clock.advance(20 * MIN); // now 17:20: #3 has waited 1 h 20 min, omar's claim holds 10 more minutes

    // Paid once: a second decision is refused, and nothing is paid for it.
    expect((await c.say('@omar /review approve 1')).text).toContain('already approved by maya');
    expect(await c.app.sql('SELECT member_id, points, ref FROM mentor_ledger ORDER BY id')).toEqual([
      { member_id: 2, points: 10, ref: 'review:1' },
      { member_id: 3, points: 10, ref: 'review:2' },
    ]);
    // The learners' board is untouched by mentor points.
    expect(await c.app.count("SELECT count(*) AS n FROM ledger WHERE ref LIKE 'review:%'")).toBe(0);
    const board = await c.say('@carol /leaderboard mentors');
    expect(board.text).toContain('🥇 maya — 10 pts · 1 review\n🥈 omar — 10 pts · 1 review');

    expect((await c.say('@alice /review stats')).text).toContain("Only this group's mentors (and admins) see review figures.");
    const stats = await c.say('@maya /review stats');
    // Group: 2 decisions; first reviews 2 h, 2 h, 1 h → median 2 h; decisions 2 h 30, 2 h → median 2 h 15 min.
    expect(stats.text).toContain('Group: 2 this week · 2 this month · first review 2 h · decision 2 h 15 min (medians) · longest wait now 1 h 20 min');
    expect(stats.text).toContain('maya: 1 this week · 1 this month · first review 2 h · decision 2 h 30 min (medians) · longest wait now —');
    // omar first-reviewed #2 (2 h) and #3 (1 h), decided #2 after 2 h, and holds #3, waiting 1 h 20 min.
    expect(stats.text).toContain('omar: 1 this week · 1 this month · first review 1 h 30 min · decision 2 h (medians) · longest wait now 1 h 20 min');
  });
});
