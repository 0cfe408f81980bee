// Every slash command, typed in Slack and delivered to the real bolt app over
// HTTP (signed) and over Socket Mode: the happy path lands where a member
// would look for it (the channel, or only-you), and bad input gets a private
// answer that says what was wrong.
import { describe, expect, it } from 'vitest';
import { failInserts } from '../../helpers/app.ts';
import { ENGINE } from '../../helpers/engine.ts';
import { letterShown } from '../../helpers/quiz.ts';
import { admin, alice, bob, maya, MODES, startStudyGroup, study, type Harness, type Person } from './harness.ts';

interface Row {
  who: Person;
  line: string;
  /** Lines run first (by alice). In these and `line`, `{letter of X}` is the letter today's card in the channel shows for the choice X. */
  given?: string[];
  /** Where the answer shows: posted in the channel, or only to the person. */
  shows: 'channel' | 'private';
  says: string;
}

const SUBMIT = '/challenge submit task:basics-project https://github.com/alice/v1';

const happy: Row[] = [
  { who: alice, line: '/roadmap list', shows: 'private', says: 'Mini Backend · `mini`' },
  { who: bob, line: '/roadmap start mini track:go', shows: 'channel', says: "bob joined Mini Backend\nWelcome, <@U0BOB>! You're at 0 of 3 topics on the Go track." },
  { who: alice, line: '/roadmap progress', shows: 'private', says: 'Your progress · Mini Backend' },
  { who: alice, line: '/roadmap next', shows: 'private', says: 'Next topic: HTTP' },
  { who: alice, line: '/roadmap done http', shows: 'private', says: '✅ *HTTP* done — +5 points.' },
  { who: alice, line: '/roadmap leave', shows: 'private', says: 'You left the group.' },
  { who: alice, line: '/challenge today', shows: 'private', says: 'Daily challenge · 2026-03-02\nWhich method is idempotent but not safe?' },
  { who: alice, line: '/challenge today share:yes', shows: 'channel', says: 'Daily challenge · 2026-03-02\nWhich method is idempotent but not safe?' },
  { who: alice, line: '/challenge answer {letter of PUT}', shows: 'private', says: 'Correct! +10 points' },
  { who: alice, line: SUBMIT, shows: 'private', says: 'Submission #1 for *basics-project* is waiting for a mentor' },
  { who: alice, line: '/streak', shows: 'private', says: 'Your streak' },
  { who: alice, line: '/leaderboard all', given: ['/challenge answer {letter of PUT}'], shows: 'private', says: 'Leaderboard · points all time\n🥇 alice — 10 pts' },
  { who: alice, line: '/leaderboard all share:yes', given: ['/challenge answer {letter of PUT}'], shows: 'channel', says: 'Leaderboard · points all time\n🥇 alice — 10 pts' },
  { who: maya, line: '/review queue', given: [SUBMIT], shows: 'private', says: 'Review queue · 1 waiting' },
  { who: maya, line: '/review approve 1 Nice work', given: [SUBMIT], shows: 'channel', says: 'approved by maya — +50 points!' },
  { who: maya, line: '/review changes 1 Add a README', given: [SUBMIT], shows: 'channel', says: 'maya asked for changes on submission #1' },
  { who: admin, line: '/group setup post-time:08:30', shows: 'channel', says: 'Study group updated' },
  { who: alice, line: '/group settings', shows: 'private', says: '*Mentors*\nmaya' },
  { who: admin, line: '/group mentor add <@U0BOB|bob>', shows: 'channel', says: '<@U0BOB> is now a mentor of this group' },
  { who: alice, line: '/cohort remind off', shows: 'private', says: 'Reminders off.' },
  { who: alice, line: '/cohort remind time 19:30', shows: 'private', says: "you haven't been active by 19:30 (Europe/Berlin)" },
  { who: alice, line: '/cohort help', shows: 'private', says: 'Cohort commands' },
];

const bad: Row[] = [
  { who: alice, line: '/roadmap lst', shows: 'private', says: 'Did you mean `/roadmap list`?' },
  { who: alice, line: '/roadmap start nosuch', shows: 'private', says: 'nosuch' },
  { who: alice, line: '/roadmap done nosuch', shows: 'private', says: 'nosuch' },
  { who: alice, line: '/challenge answer E', shows: 'private', says: '"E" is not one of the choices' },
  { who: alice, line: '/challenge submit', shows: 'private', says: 'Missing `work`' },
  { who: alice, line: '/streak nobody', shows: 'private', says: '`member` must mention a member' },
  { who: alice, line: '/leaderboard year', shows: 'private', says: '`period` must be one of week, month, all' },
  { who: maya, line: '/review approve abc', shows: 'private', says: '`id` must be a number' },
  { who: maya, line: '/review approve 99', shows: 'private', says: 'There is no submission #99' },
  { who: admin, line: '/group setup timezone:Mars/Olympus', shows: 'private', says: 'Mars/Olympus' },
  { who: admin, line: '/group mentor add', shows: 'private', says: 'Missing `member`' },
  { who: alice, line: '/cohort remind time 25:00', shows: 'private', says: '25:00' },
  { who: alice, line: '/cohort nope', shows: 'private', says: '`/nope` is not a Cohort command' },
];

/** Choices are shuffled per group and day: `{letter of PUT}` becomes the letter `/challenge today` shows for PUT in the channel. */
async function shownLetters(h: Harness, line: string): Promise<string> {
  const m = /\{letter of ([^}]+)\}/.exec(line);
  if (!m) return line;
  const card = (await h.command(alice, '/challenge today')).private[0]!;
  return line.replace(m[0], letterShown(card.text, m[1]!));
}

describe.each(MODES)('slash commands over %s', (mode) => {
  it.each([...happy, ...bad])('$who.name: $line', async (row) => {
    const h = await startStudyGroup(mode);
    for (const line of row.given ?? []) await h.command(alice, await shownLetters(h, line));
    const out = await h.command(row.who, await shownLetters(h, row.line));
    const where = row.shows === 'channel' ? out.posts : out.private;
    expect(where.map((m) => m.text).join('\n---\n')).toContain(row.says);
    expect(out.status ?? 200).toBe(200);
  });

  it('answers only-you replies on the response_url as ephemeral, and posts public ones as the bot in the channel', async () => {
    const h = await startStudyGroup(mode);
    const list = await h.command(alice, '/roadmap list');
    expect(list.private[0]!.raw).toMatchObject({ response_type: 'ephemeral' });
    const today = await h.command(alice, '/challenge today share:yes');
    expect(today.posts[0]).toMatchObject({ channel: study.id });
    // A plain-text fallback goes with the blocks, for notifications.
    expect(today.posts[0]!.raw.text).toContain('Daily challenge · 2026-03-02');
  });

  it('follows an answer that could not be saved with an apology saying nothing counted', async () => {
    const h = await startStudyGroup(mode);
    const repair = await failInserts(h.app, 'quiz_attempts', 'refused by the test');
    const out = await h.command(alice, '/challenge answer A');
    // SQLite shows the grade before it is saved (Store.decide), then takes it back; PostgreSQL saves first.
    expect(out.private.map((m) => m.text)).toEqual(ENGINE === 'sqlite' ? [expect.stringMatching(/Correct!|Not quite/), expect.stringContaining('What I just told you does not count')] : [expect.stringContaining('nothing was changed')]);
    expect(out.private.at(-1)!.text).toContain('nothing was changed');
    expect(await h.app.count('SELECT count(*) FROM quiz_attempts')).toBe(0);
    await repair();
    expect((await h.command(alice, '/challenge answer A')).private.map((m) => m.text)).toEqual([expect.stringMatching(/Correct!|Not quite/)]);
  });

  it('refuses admin-only commands to members who are not workspace admins or owners', async () => {
    const h = await startStudyGroup(mode);
    const refused = await h.command(bob, '/group setup timezone:UTC');
    expect(refused.private[0]!.text).toContain('Only community admins can run `/group setup`');
    expect(refused.posts).toEqual([]);
    h.fake.addUser({ id: 'U0OWNER', name: 'olga', is_owner: true });
    const owner = await h.command({ id: 'U0OWNER', name: 'olga' }, '/group setup timezone:UTC');
    expect(owner.posts[0]!.text).toContain('Study group updated');
  });

  it('asks Slack who an admin is again after a rate limit, and fails closed (a member, by their username) when Slack refuses', async () => {
    const h = await startStudyGroup(mode);
    h.fake.addUser({ id: 'U0OWNER', name: 'olga', is_owner: true });
    h.fake.rateLimitNext('users.info', 0);
    const owner = await h.command({ id: 'U0OWNER', name: 'olga' }, '/group setup timezone:UTC');
    expect(owner.posts[0]!.text).toContain('Study group updated');
    expect(h.fake.calls.filter((c) => c.method === 'users.info' && c.args.user === 'U0OWNER').length).toBeGreaterThanOrEqual(2);

    h.fake.addUser({ id: 'U0OTTO', name: 'otto', is_owner: true });
    h.fake.failNext('users.info', 'user_not_found');
    const refused = await h.command({ id: 'U0OTTO', name: 'otto' }, '/group setup timezone:UTC');
    expect(refused.private[0]!.text).toContain('Only community admins can run `/group setup`');
  });
});
