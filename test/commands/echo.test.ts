// Error messages quote what the user typed, but only a short excerpt of it.
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/domain/excerpt.ts';
import { groupChat } from '../helpers/chat.ts';

const huge = 'x'.repeat(5_000);

describe('echoed input', () => {
  it('is cut to a short excerpt with an ellipsis, whatever the mistake', async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start');
    const lines = [
      `/group setup roadmap:${huge}`,
      `/group setup timezone:${huge}`,
      `/group setup post-time:${huge}`,
      `/group setup review-channel:"${huge} y"`,
      `@alice /roadmap done ${huge}`,
      `@alice /roadmap start mini track:${huge}`,
      `@alice /challenge answer ${huge}`,
      `@alice /challenge submit https://a.dev task:${huge}`,
      `@alice /remind time ${huge}`,
      `@alice /leaderboard ${huge}`,
      `@alice /review approve ${huge}`,
      `@alice /roadmap ${huge}`,
      `@alice /roadmap next ${huge}`,
      `@alice /${huge}`,
    ];
    for (const line of lines) {
      const r = await c.say(line);
      expect(r.error, line.slice(0, 40)).toBe(true);
      expect(r.text, line.slice(0, 40)).toContain('x…');
      expect(r.text.length, line.slice(0, 40)).toBeLessThan(600);
    }
  });

  it('keeps short values whole and puts long ones on one line', () => {
    expect(excerpt('Europe/Berln')).toBe('Europe/Berln');
    expect(excerpt('a\nb')).toBe('a b');
    const cut = excerpt(huge);
    expect(cut).toHaveLength(60);
    expect(cut.endsWith('…')).toBe(true);
  });
});
