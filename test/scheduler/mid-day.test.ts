// A group that changes roadmap, or whose challenge disappears from the files,
// after today's challenge was picked: the day stays whole (issue 12 §2).
// Group "study" is in Europe/Berlin (UTC+1 in early March): post 09:00.
import { describe, expect, it } from 'vitest';
import type { Quiz } from '../../src/content/schema.ts';
import { groupChat, type Chat } from '../helpers/chat.ts';
import { REAL_ROADMAPS } from '../helpers/app.ts';
import { scheduledApp, tickAt } from '../helpers/poster.ts';

const runs = (c: Chat) => c.app.sql('SELECT job, local_date AS date, status, error FROM scheduled_runs ORDER BY id');
const picked = async (c: Chat) => (await c.app.sql<{ id: string }>('SELECT challenge_id AS id FROM daily_challenges'))[0]!.id;

/** Answers today's challenge right when it is a quiz (reading the letter off the card shown), or hands it in. */
async function doToday(c: Chat, who: string, card: string) {
  const id = await picked(c);
  const found = c.app.deps.roadmaps.all.map((r) => r.challenge(id)).find((x) => x !== undefined)!;
  if (found.type === 'task') return c.say(`@${who} /challenge submit https://example.com/${who}`);
  const quiz = found as Quiz;
  const answer = quiz.choices ? card.split('\n').find((l) => l.trim().endsWith(` ${quiz.answer}`))!.trim()[0]! : quiz.accept![0]!;
  return c.say(`@${who} /challenge answer ${answer}`);
}

describe('a mid-day change of roadmap', () => {
  it('keeps the challenge already picked: the post goes out, and /challenge today and answering work', async () => {
    const c = await groupChat({ now: '2026-03-03T07:00:00Z', roadmapsDir: REAL_ROADMAPS, roadmap: 'backend' });
    const { scheduler, poster } = scheduledApp(c.app);
    await c.say('@ann /roadmap start backend');
    const before = await c.say('@ann /challenge today'); // 08:00 Berlin: picked from backend
    const id = await picked(c);
    expect(c.app.deps.roadmaps.get('backend')!.challenge(id)).toBeDefined();

    expect((await c.say('/group setup roadmap:git-basics')).error).toBe(false);
    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z'); // 09:00 Berlin
    expect(poster.titles()).toEqual(['post:study Daily challenge · 2026-03-03']);
    expect(await runs(c)).toEqual([{ job: 'daily', date: '2026-03-03', status: 'sent', error: null }]);

    const today = await c.say('@ann /challenge today');
    expect(today.error).toBe(false);
    expect(today.text).toBe(before.text);
    expect(poster.sent[0]!.text).toContain(before.reply.title!.replace(/ · .*/, ''));
    const done = await doToday(c, 'ann', today.text);
    expect(done.error).toBe(false);
    expect(done.text).not.toMatch(/removed|went wrong/);
    expect(await picked(c)).toBe(id);
  });

  it('gives a fresh pick from the group roadmap when the challenge is gone from every installed roadmap', async () => {
    const c = await groupChat({ now: '2026-03-03T07:00:00Z', roadmapsDir: REAL_ROADMAPS, roadmap: 'backend' });
    const { scheduler, poster } = scheduledApp(c.app);
    await c.say('@ann /roadmap start backend');
    await c.say('@ann /challenge today');
    // As if the challenge had been deleted from the YAML and the bot restarted.
    await c.app.sql("UPDATE daily_challenges SET challenge_id = 'deleted-from-the-files'");

    await tickAt(c.app, scheduler, '2026-03-03T08:00:00Z');
    expect(poster.titles()).toEqual(['post:study Daily challenge · 2026-03-03']);
    expect(await runs(c)).toEqual([{ job: 'daily', date: '2026-03-03', status: 'sent', error: null }]);
    const fresh = await picked(c);
    expect(c.app.deps.roadmaps.get('backend')!.challenge(fresh)).toBeDefined();
    expect(await c.app.count('SELECT count(*) FROM daily_challenges')).toBe(1);

    const today = await c.say('@ann /challenge today');
    expect(today.error).toBe(false);
    const done = await doToday(c, 'ann', today.text);
    expect(done.error).toBe(false);
  });
});
