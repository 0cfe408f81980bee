import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, loadRoadmaps } from '../../src/content/load.ts';
import { FIXTURE_ROADMAPS, tempDir } from '../helpers/app.ts';

/** A valid roadmap file; `topics` replaces the single stage's topics. */
function roadmapYaml(id: string, topics = TOPIC_HTTP, extra = ''): string {
  return `id: ${id}
title: Test ${id}
description: A roadmap written by a test.
tracks:
  - { id: python, title: Python }
${extra}stages:
  - id: basics
    title: Basics
    topics:
${topics}`;
}

const TOPIC_HTTP = `      - id: http
        title: HTTP
        summary: Requests and responses.
        resources:
          - { title: MDN HTTP, url: "https://developer.mozilla.org/" }
        challenges:
          - id: http-q1
            type: quiz
            prompt: Which method is idempotent?
            choices: [GET, POST, PUT]
            answer: PUT
            explanation: PUT replaces state.
`;

function folder(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The problems a folder is rejected with (fails the test if it loads). */
function problems(dir: string): string[] {
  try {
    loadRoadmaps(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    const e = err as ContentError;
    // The thrown message lists every problem too, so a crash log shows them.
    for (const p of e.problems) expect(e.message).toContain(p);
    return e.problems;
  }
  throw new Error(`expected ${dir} to be rejected`);
}

describe('loadRoadmaps', () => {
  it('loads the fixture roadmaps with their topics and challenges in path order', () => {
    const lib = loadRoadmaps(FIXTURE_ROADMAPS);
    expect(lib.all.map((r) => r.id)).toEqual(['mini']);
    const mini = lib.get('mini');
    expect(mini?.title).toBe('Mini Backend');
    expect(mini?.topics.map((t) => t.id)).toEqual(['http', 'dns', 'sql']);
    expect(mini?.challenges.map((c) => c.id)).toEqual([
      'http-q1',
      'http-q2',
      'dns-q1',
      'basics-project',
      'basics-project-go',
      'sql-q1',
      'data-project',
    ]);
    expect(mini?.tracks.map((t) => t.id)).toEqual(['python', 'go']);
    expect(lib.get('backend')).toBeUndefined();
  });

  it('gives quizzes 10 points and tasks 50 unless points: is set', () => {
    const mini = loadRoadmaps(FIXTURE_ROADMAPS).get('mini')!;
    expect(mini.challenge('http-q1')?.points).toBe(10);
    expect(mini.challenge('data-project')?.points).toBe(50);
    expect(mini.challenge('basics-project-go')?.points).toBe(60);

    const topics = `      - id: http
        title: HTTP
        summary: S.
        resources: [{ title: R, url: "https://example.com/" }]
        challenges:
          - { id: plain-quiz, type: quiz, prompt: P, accept: [x], explanation: E }
          - { id: rich-quiz, type: quiz, prompt: P, accept: [x], explanation: E, points: 25 }
          - { id: plain-task, type: task, prompt: P, criteria: [C] }
          - { id: small-task, type: task, prompt: P, criteria: [C], points: 5 }
`;
    const r = loadRoadmaps(folder({ 'pts.yaml': roadmapYaml('pts', topics) })).get('pts')!;
    expect(r.challenges.map((c) => [c.id, c.points])).toEqual([
      ['plain-quiz', 10],
      ['rich-quiz', 25],
      ['plain-task', 50],
      ['small-task', 5],
    ]);
  });

  it('reports a quiz answer that is not among its choices, by file and by ids along the path', () => {
    const dir = folder({ 'web.yaml': roadmapYaml('web', TOPIC_HTTP.replace('answer: PUT', 'answer: PATCH')) });
    const [p, ...more] = problems(dir);
    expect(more).toEqual([]);
    expect(p).toMatch(/web\.yaml: /);
    expect(p).toContain('stages[0] (basics).topics[0] (http).challenges[0] (http-q1).answer');
    expect(p).toContain('"PATCH" is not one of the choices');
  });

  it('reports an id used twice across stages, pointing at both places', () => {
    const yaml = roadmapYaml('dup') + `  - id: more
    title: More
    topics:
      - id: http
        title: HTTP again
        summary: Again.
        resources: [{ title: R, url: "https://example.com/" }]
`;
    const list = problems(folder({ 'dup.yaml': yaml }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/dup\.yaml: stages\[1\] \(more\)\.topics\[0\] \(http\)\.id: /);
    expect(list[0]).toContain('stages[1] (more).topics[0] (http).id: id "http" is already used at stages[0] (basics).topics[0] (http).id');
  });

  it('reports a resource link that is not https', () => {
    const list = problems(folder({ 'web.yaml': roadmapYaml('web', TOPIC_HTTP.replace('https://developer', 'http://developer')) }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/web\.yaml: stages\[0\] \(basics\)\.topics\[0\] \(http\)\.resources\[0\]\.url: must be an https:\/\/ URL$/);
  });

  it('reports a track that is not declared under tracks:', () => {
    const topics = TOPIC_HTTP.replace(
      'url: "https://developer.mozilla.org/" }',
      'url: "https://developer.mozilla.org/", tracks: [python, rust] }',
    );
    const list = problems(folder({ 'web.yaml': roadmapYaml('web', topics) }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/web\.yaml: stages\[0\] \(basics\)\.topics\[0\] \(http\)\.resources\[0\]\.tracks\[1\]: /);
    expect(list[0]).toContain('unknown track "rust"; declare it under `tracks`');
  });

  it('reports a YAML syntax error with its line', () => {
    // The second `title:` key is on line 3.
    const yaml = 'id: broken\ntitle: One\ntitle: Two\ndescription: D\nstages: []\n';
    const list = problems(folder({ 'broken.yaml': yaml }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/broken\.yaml: YAML syntax: /);
    expect(list[0]).toContain('Map keys must be unique');
    expect(list[0]).toContain('line 3');
  });

  it('requires the id to match the file name, saying how to fix it', () => {
    const list = problems(folder({ 'backend.yaml': roadmapYaml('frontend') }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/backend\.yaml: id: "frontend" must match the file name/);
    expect(list[0]).toContain('rename the file to frontend.yaml or set id: backend');
  });

  it('refuses a folder without roadmap files, and ignores other files in it', () => {
    const empty = tempDir();
    expect(problems(empty)).toEqual([`${empty}: no .yaml roadmap files found`]);
    const notes = folder({ 'README.md': '# notes', 'mini.yaml.bak': roadmapYaml('mini') });
    expect(problems(notes)).toEqual([`${notes}: no .yaml roadmap files found`]);
  });

  it('refuses a missing folder, naming ROADMAPS_DIR', () => {
    const missing = join(tempDir(), 'nope');
    const list = problems(missing);
    expect(list).toHaveLength(1);
    expect(list[0]).toContain(`${missing}: folder not found`);
    expect(list[0]).toContain('ROADMAPS_DIR');
  });

  it('reports the problems of all files together, and loads none of them', () => {
    const dir = folder({
      'a.yaml': roadmapYaml('a', TOPIC_HTTP.replace('answer: PUT', 'answer: PATCH')),
      'b.yml': roadmapYaml('not-b'),
      'c.yaml': roadmapYaml('c'),
    });
    const list = problems(dir);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatch(/a\.yaml: .*\(http-q1\)\.answer: "PATCH" is not one of the choices/);
    expect(list[1]).toMatch(/b\.yml: id: "not-b" must match the file name/);
  });

  it('loads .yml as well as .yaml files, and several roadmaps side by side', () => {
    const dir = folder({ 'a.yaml': roadmapYaml('a'), 'b.yml': roadmapYaml('b') });
    mkdirSync(join(dir, 'drafts'));
    const lib = loadRoadmaps(dir);
    expect(lib.all.map((r) => r.id)).toEqual(['a', 'b']);
    expect(lib.get('b')?.challenge('http-q1')?.topic.id).toBe('http');
  });

  it('derives a quiz difficulty from what it asks: recall → beginner, apply → intermediate, analyse → advanced', () => {
    const topics = `      - id: http
        title: HTTP
        summary: S.
        resources: [{ title: R, url: "https://example.com/" }]
        challenges:
          - { id: q-recall, type: quiz, asks: recall, prompt: P1, accept: [x], explanation: E }
          - { id: q-apply, type: quiz, asks: apply, prompt: P2, accept: [x], explanation: E }
          - { id: q-analyse, type: quiz, asks: analyse, difficulty: advanced, prompt: P3, accept: [x], explanation: E }
          - { id: q-old, type: quiz, difficulty: intermediate, prompt: P4, accept: [x], explanation: E }
          - { id: q-none, type: quiz, prompt: P5, accept: [x], explanation: E }
`;
    const r = loadRoadmaps(folder({ 'lv.yaml': roadmapYaml('lv', topics) })).get('lv')!;
    expect(r.challenges.map((c) => [c.id, c.difficulty])).toEqual([
      ['q-recall', 'beginner'],
      ['q-apply', 'intermediate'],
      ['q-analyse', 'advanced'],
      // Files written before `asks` keep their difficulty as written, or none.
      ['q-old', 'intermediate'],
      ['q-none', undefined],
    ]);
  });

  it('refuses a quiz whose difficulty disagrees with what it asks, saying how to fix it', () => {
    const topics = TOPIC_HTTP.replace('type: quiz', 'type: quiz\n            asks: recall\n            difficulty: advanced');
    const list = problems(folder({ 'web.yaml': roadmapYaml('web', topics) }));
    expect(list).toHaveLength(1);
    expect(list[0]).toContain('(http-q1).difficulty: "advanced" disagrees with asks: recall (which means beginner)');
    expect(list[0]).toContain('remove `difficulty`');
  });

  it('refuses an unknown asks value', () => {
    const list = problems(folder({ 'web.yaml': roadmapYaml('web', TOPIC_HTTP.replace('type: quiz', 'type: quiz\n            asks: evaluate')) }));
    expect(list).toHaveLength(1);
    expect(list[0]).toContain('(http-q1).asks');
  });

  it('takes task hours (positive, at most 500) and keeps long tasks out of the daily pool', () => {
    const task = (id: string, hours: string) => `          - { id: ${id}, type: task, prompt: P ${id}, criteria: [C]${hours} }\n`;
    const withTasks = (...tasks: string[]) => TOPIC_HTTP + tasks.join('');
    const r = loadRoadmaps(
      folder({ 'h.yaml': roadmapYaml('h', withTasks(task('short', ', hours: 2'), task('long', ', hours: 12'), task('unsized', ''), task('theirs', ', hours: 1, tracks: [python]'))) }),
    ).get('h')!;
    expect(r.challenge('short')).toMatchObject({ type: 'task', hours: 2 });
    // Quizzes and tasks of 2 h or less; a task without hours counts as short (older community files).
    expect(r.dailyPool.map((c) => c.id)).toEqual(['http-q1', 'short', 'unsized']);

    for (const bad of [', hours: 0', ', hours: -1', ', hours: 501']) {
      const list = problems(folder({ 'h.yaml': roadmapYaml('h', withTasks(task('t', bad))) }));
      expect(list, bad).toHaveLength(1);
      expect(list[0]).toContain('(t).hours');
    }
  });
});
