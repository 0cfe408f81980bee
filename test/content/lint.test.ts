// The authoring lint on small hand-made roadmaps: each check fires on what it
// is for and stays quiet on the near misses.
import { describe, expect, it } from 'vitest';
import { isIndexLink, keyLengthRank, lintRoadmap, similarQuizzes } from '../../src/content/lint.ts';
import { roadmapSchema, type Quiz, type RoadmapFile } from '../../src/content/schema.ts';

const mc = (id: string, choices: string[], answer: string, extra: Partial<Quiz> = {}): Quiz => ({
  id,
  type: 'quiz',
  asks: 'recall',
  prompt: `Question ${id} about topic number ${id}?`,
  choices,
  answer,
  explanation: 'Because that is how it works, at length.',
  ...extra,
});

function roadmap(quizzes: Quiz[], topic: Record<string, unknown> = {}): RoadmapFile {
  return roadmapSchema.parse({
    id: 'r',
    title: 'R',
    description: 'D',
    stages: [
      {
        id: 's',
        title: 'S',
        topics: [{ id: 't', title: 'T', summary: 'S', hours: 2, resources: [{ title: 'A page', url: 'https://example.com/guide/page' }], challenges: quizzes, ...topic }],
      },
    ],
  });
}

/** The findings as "level check where", all of them or only the checks named. */
const checks = (file: RoadmapFile, ...only: string[]) =>
  lintRoadmap(file)
    .filter((f) => only.length === 0 || only.includes(f.check))
    .map((f) => `${f.level} ${f.check} ${f.where}`);

describe('keyLengthRank', () => {
  it('ranks the key by length, longest first, ties in written order', () => {
    expect(keyLengthRank({ choices: ['aaaa', 'bb', 'ccc', 'd'], answer: 'aaaa' })).toBe(1);
    expect(keyLengthRank({ choices: ['aaaa', 'bb', 'ccc', 'd'], answer: 'd' })).toBe(4);
    expect(keyLengthRank({ choices: ['O(1)', 'O(n)', 'O(n^2)'], answer: 'O(n)' })).toBe(3);
  });
});

describe('lintRoadmap', () => {
  it('flags a length tell and a favourite letter once there are 10+ multiple-choice quizzes', () => {
    const told = Array.from({ length: 10 }, (_, i) => mc(`q${i}`, [`the long right answer ${i}`, 'short', 'tiny', 'mini'], `the long right answer ${i}`));
    expect(checks(roadmap(told), 'length-tell', 'key-position')).toEqual(['problem length-tell (file)', 'problem length-tell s', 'problem key-position (file)']);
    expect(checks(roadmap(told.slice(0, 9)), 'length-tell', 'key-position')).toEqual([]);
  });

  it('passes keys spread over lengths and letters', () => {
    const spread = Array.from({ length: 12 }, (_, i) => {
      const choices = ['a', 'bb', 'ccc', 'dddd'].map((c) => `${c}${i}`);
      return mc(`q${i}`, choices, choices[i % 4]!, { prompt: `Distinct prompt number ${i} ${'x'.repeat(i)}?` });
    });
    expect(checks(roadmap(spread), 'length-tell', 'key-position')).toEqual([]);
  });

  it('flags a question asked twice in other words, not two questions on one topic', () => {
    const quizzes = [
      mc('a', ['HttpOnly', 'Secure', 'SameSite', 'Path'], 'HttpOnly', { prompt: 'Which cookie attribute stops JavaScript from reading the session cookie?' }),
      mc('b', ['HttpOnly', 'Secure', 'SameSite', 'Domain'], 'HttpOnly', { prompt: 'Which attribute keeps document.cookie in JavaScript from reading a session cookie?' }),
      mc('c', ['Lax', 'Strict', 'None', 'Default'], 'Lax', { prompt: 'Which SameSite value still sends the cookie on top-level navigation?' }),
      mc('d', ['Secure', 'HttpOnly', 'Path', 'Max-Age'], 'Secure', { prompt: 'Which attribute limits a cookie to HTTPS connections?' }),
    ];
    expect(similarQuizzes(quizzes).map((p) => `${p.a}~${p.b}`)).toEqual(['a~b']);
  });

  it('flags topics and tasks without hours', () => {
    const task = { id: 'task', type: 'task', prompt: 'Do it', criteria: ['done'] } as unknown as Quiz;
    const file = roadmap([mc('q', ['a', 'b'], 'a'), task], { hours: undefined });
    expect(checks(file, 'missing-hours')).toEqual(['problem missing-hours t', 'problem missing-hours task']);
  });

  it('flags front and index pages but not specific pages', () => {
    for (const url of ['https://redis.io/', 'https://redis.io', 'https://docs.python.org/3/', 'https://nginx.org/en/docs/', 'https://roadmap.sh/backend', 'https://go.dev/doc/']) {
      expect(isIndexLink(url), url).toBe(true);
    }
    for (const url of ['https://google.aip.dev/158', 'https://redis.io/docs/latest/develop/data-types/', 'https://fetch.spec.whatwg.org/#http-cors-protocol', 'https://go.dev/doc/tutorial/getting-started']) {
      expect(isIndexLink(url), url).toBe(false);
    }
  });

  it('names links whose pages have moved', () => {
    const moved = (url: string) =>
      lintRoadmap(roadmap([mc('q', ['a', 'b'], 'a')], { resources: [{ title: 'Page', url }, { title: 'Other', url: 'https://example.com/guide/page' }] })).filter(
        (f) => f.check === 'moved-link',
      ).length;
    expect(moved('https://developer.mozilla.org/en-US/docs/Web/HTTP/Caching')).toBe(1);
    expect(moved('https://developer.mozilla.org/en-US/docs/Learn/Server-side')).toBe(1);
    expect(moved('https://pages.nist.gov/800-63-3/sp800-63b.html')).toBe(1);
    expect(moved('https://docs.oracle.com/javase/tutorial/jdbc/basics/prepared.html')).toBe(1);
    expect(moved('https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Caching')).toBe(0);
    expect(moved('https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cache-Control')).toBe(0);
    expect(moved('https://developer.mozilla.org/en-US/docs/Learn_web_development/Extensions/Server-side')).toBe(0);
  });

  it('wants asks on every quiz once a file uses it, and warns once if a file never does', () => {
    expect(checks(roadmap([mc('q1', ['a', 'b'], 'a'), mc('q2', ['a', 'b'], 'b', { asks: undefined })]), 'missing-asks')).toEqual(['problem missing-asks q2']);
    expect(checks(roadmap([mc('q1', ['a', 'b'], 'a', { asks: undefined })]), 'missing-asks')).toEqual(['warning missing-asks (file)']);
  });

  it('warns about prompts that lean on another question', () => {
    const file = roadmap([
      mc('q1', ['a', 'b'], 'a', { prompt: 'Which change turns those 51 queries into one?' }),
      mc('q2', ['a', 'b'], 'a', { prompt: 'Routes are defined before app.use(auth). What happens to those routes?' }),
      mc('q3', ['a', 'b'], 'a', { prompt: 'Given the code shown above, what prints?' }),
      mc('q4', ['a', 'b'], 'a', { prompt: 'In the previous question, why was B wrong?' }),
    ]);
    expect(checks(file, 'not-standalone')).toEqual(['warning not-standalone q1', 'warning not-standalone q3', 'warning not-standalone q4']);
  });
});
