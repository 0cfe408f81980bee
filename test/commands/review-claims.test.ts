// Claims, the queue and what the learner hears: conversation-style, on the
// command layer, with the clock moved by hand.
import { describe, expect, it } from 'vitest';
import { groupChat } from '../helpers/chat.ts';

async function withSubmission(opts: { reviewChannel?: boolean } = {}) {
  const c = await groupChat();
  if (opts.reviewChannel) await c.say('/group setup review-channel:#reviews');
  await c.say('/group mentor add @maya');
  await c.say('/group mentor add @omar');
  await c.say('@alice /roadmap start');
  await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v1');
  return c;
}

const MIN = 60_000;

describe('claims', () => {
  it('a claim keeps others from deciding, shows who holds it and for how long, and lapses on its own', async () => {
    const c = await withSubmission();
    const claim = await c.say('@maya /review claim 1');
    expect(claim.reply.visibility).toBe('private');
    expect(claim.text).toContain('#1 is yours until');
    // The post is edited in place: status line, Release for maya only.
    const edit = claim.replies.find((r) => r.edit)!;
    expect(edit.edit).toEqual({ key: 'submission:1' });
    expect(edit.fields?.find((f) => f.name === 'Status')?.value).toMatch(/^🔒 Claimed by maya/);
    expect(edit.buttons?.find((b) => b.label === 'Release')?.onlyFor).toBe('maya');
    // The learner is told, in the thread they can read.
    const told = claim.replies.find((r) => r.notify?.includes('alice'))!;
    expect(told.visibility).toBe('public');
    expect(told.thread?.key).toBe('review:1:4:basics-project');
    expect(told.text).toContain('maya is reviewing your submission #1');

    c.app.clock.advance(18 * MIN);
    const blocked = await c.say('@omar /review approve 1');
    expect(blocked.error).toBe(true);
    expect(blocked.text).toContain('claimed by maya, 12 min left');
    expect((await c.say('@omar /review claim 1')).text).toContain('claimed by maya, 12 min left');
    expect((await c.say('@omar /review release 1')).text).toContain('only they can release it');

    c.app.clock.advance(12 * MIN);
    const taken = await c.say('@omar /review claim 1');
    expect(taken.error).toBe(false);
    expect(taken.text).toContain('#1 is yours');
    expect((await c.say('@maya /review approve 1')).text).toContain('claimed by omar, 30 min left');
  });

  it('the claimer releases it, or ends it by deciding; the group sets how long claims last', async () => {
    const c = await withSubmission();
    await c.say('/group setup claim-minutes:45');
    expect((await c.say('/group settings')).text).toContain('Claims last: 45 min');
    await c.say('@maya /review claim 1');
    expect((await c.say('@omar /review claim 1')).text).toContain('claimed by maya, 45 min left');
    const released = await c.say('@maya /review release 1');
    expect(released.text).toContain('Released #1');
    expect(released.replies.find((r) => r.edit)?.fields?.find((f) => f.name === 'Status')?.value).toMatch(/^⏳ Waiting for a mentor/);
    await c.say('@omar /review claim 1');
    const decided = await c.say('@omar /review changes 1 Add tests please');
    expect(decided.text).toContain('omar asked for changes on submission #1');
    const edit = decided.replies.find((r) => r.edit)!;
    expect(edit.buttons).toEqual([]);
    expect(edit.fields?.find((f) => f.name === 'Status')?.value).toMatch(/^✏️ Changes requested by omar · Mon 2 Mar 13:00/);
    expect(await c.app.sql('SELECT claimed_by, claimed_until FROM submissions WHERE id = 1')).toEqual([{ claimed_by: null, claimed_until: null }]);
    expect((await c.say('/group setup claim-minutes:soon')).text).toContain('claim-minutes must be a whole number of minutes from 5 to 1440');
  });

  it('refuses claims by non-mentors and on own work', async () => {
    const c = await withSubmission();
    expect((await c.say('@bob /review claim 1')).text).toContain("Only this group's mentors");
    await c.say('/group mentor add @alice');
    expect((await c.say('@alice /review claim 1')).text).toContain("can't review your own submission");
    expect((await c.say('@maya /review claim 7')).text).toContain('There is no submission #7');
  });

  it('tells a learner who cannot see the review channel by direct message', async () => {
    const c = await withSubmission({ reviewChannel: true });
    const claim = await c.say('@maya /review claim 1');
    const dm = claim.replies.find((r) => r.directTo === 'alice')!;
    expect(dm.text).toContain('maya is reviewing your submission #1');
    const approve = await c.say('@maya /review approve 1 Lovely');
    const told = approve.replies.find((r) => r.directTo === 'alice')!;
    expect(told.text).toContain('your submission #1 (basics-project) was approved by maya — +50 points!');
  });
});

describe('the queue', () => {
  it('lists waiting work oldest first with waiting time and claim state, filtered by mine, unclaimed and task', async () => {
    const c = await withSubmission();
    await c.say('@bob /roadmap start');
    await c.say('@carol /roadmap start');
    c.app.clock.advance(2 * 60 * MIN);
    await c.say('@bob /challenge submit task:basics-project https://github.com/bob/v1');
    c.app.clock.advance(20 * MIN);
    await c.say('@carol /challenge submit task:data-project five queries here');
    await c.say('@omar /review claim 2');
    const all = await c.say('@maya /review queue');
    expect(all.text).toContain('3 waiting');
    const lines = all.text.split('\n').filter((l) => l.startsWith('#'));
    expect(lines).toEqual([
      '#1 basics-project by alice · waiting 2 h 20 min · 🟢 unclaimed',
      '#2 basics-project by bob · waiting 20 min · 🔒 claimed by omar, 30 min left',
      '#3 data-project by carol · waiting 1 min · 🟢 unclaimed',
    ]);
    expect((await c.say('@maya /review queue unclaimed')).text).not.toContain('#2 basics-project');
    const mine = await c.say('@omar /review queue mine');
    expect(mine.text).toContain('1 waiting');
    expect(mine.text).toContain('#2 basics-project by bob · waiting 20 min · 🔒 yours, 30 min left');
    const byTask = await c.say('@maya /review queue all data-project');
    expect(byTask.text).toContain('1 waiting');
    expect(byTask.text).toContain('#3 data-project');
  });

  it('/review next claims the oldest unclaimed and shows it; nothing left says so', async () => {
    const c = await withSubmission();
    await c.say('@bob /roadmap start');
    c.app.clock.advance(MIN);
    await c.say('@bob /challenge submit task:basics-project https://github.com/bob/v1');
    await c.say('@omar /review claim 1');
    const next = await c.say('@maya /review next');
    expect(next.text).toContain('Next up: #2 · basics-project by bob');
    expect(next.text).toContain('https://github.com/bob/v1');
    expect((await c.say('@omar /review approve 2')).text).toContain('claimed by maya');
    expect((await c.say('@maya /review next')).text).toContain('Nothing unclaimed is waiting');
  });
});

describe('learner side', () => {
  it('withdraws pending work: the post is updated, mentors cannot decide it, the learner may submit again', async () => {
    const c = await withSubmission();
    expect((await c.say('@bob /challenge withdraw 1')).text).toContain('You have no submission #1');
    const w = await c.say('@alice /challenge withdraw 1');
    expect(w.text).toContain('Withdrew submission #1');
    expect(w.replies.find((r) => r.edit)?.fields?.find((f) => f.name === 'Status')?.value).toMatch(/^↩️ Withdrawn by alice/);
    expect((await c.say('@maya /review approve 1')).text).toContain('was already withdrawn by the learner');
    expect((await c.say('@maya /review queue')).text).toContain('0 waiting');
    expect((await c.say('@alice /challenge withdraw 1')).text).toContain('already withdrawn');
    const again = await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v2');
    expect(again.text).toContain('#2');
  });

  it('a resubmission links the previous round and what the mentor asked', async () => {
    const c = await withSubmission();
    await c.say('@maya /review changes 1 Please add a README');
    const r = await c.say('@alice /challenge submit task:basics-project https://github.com/alice/v2');
    const post = r.replies.find((x) => x.post)!;
    expect(post.post).toEqual({ key: 'submission:2' });
    expect(post.thread?.key).toBe('review:1:4:basics-project');
    expect(post.text).toContain('**Round 2** — follows #1, where maya asked: Please add a README');
  });
});
