// The content suite: the shipped roadmaps are whole, well formed and teach
// along a path that gets harder, with quizzes that cannot be beaten without
// knowing the answer (issue 16). These are the promises made to learners.
import { describe, expect, it } from 'vitest';
import { DAILY_TASK_MAX_HOURS, visibleOnTrack, type Roadmap } from '../../src/content/catalog.ts';
import { keyLengthRank, LINT_LIMITS, lintRoadmap, similarQuizzes } from '../../src/content/lint.ts';
import { loadRoadmaps } from '../../src/content/load.ts';
import type { Quiz } from '../../src/content/schema.ts';
import { REAL_ROADMAPS } from '../helpers/app.ts';
import { groupChat } from '../helpers/chat.ts';

const library = loadRoadmaps(REAL_ROADMAPS);
const backend = library.get('backend')!;
const LEVEL = { beginner: 0, intermediate: 1, advanced: 2 } as const;

describe('the shipped roadmaps', () => {
  it('all load through the same validation, backend and the community example alike', () => {
    expect(library.all.map((r) => r.id).sort()).toEqual(['backend', 'git-basics']);
  });

  it.each(library.all.map((r) => [r.id, r] as const))('%s: every id is unique and every quiz has its answer among its choices', (_, roadmap: Roadmap) => {
    const ids = [...roadmap.stages.map((s) => s.id), ...roadmap.topics.map((t) => t.id), ...roadmap.challenges.map((c) => c.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of roadmap.challenges) {
      if (c.type !== 'quiz') continue;
      if (c.choices) expect(c.choices, c.id).toContain(c.answer);
      else expect(c.accept?.length, c.id).toBeGreaterThan(0);
      expect(c.explanation.length, c.id).toBeGreaterThan(20);
    }
  });

  it.each(library.all.map((r) => [r.id, r] as const))('%s: no prompt is asked twice', (_, roadmap: Roadmap) => {
    const prompts = roadmap.challenges.map((c) => c.prompt.trim().toLowerCase());
    const dupes = prompts.filter((p, i) => prompts.indexOf(p) !== i);
    expect(dupes).toEqual([]);
  });

  it.each(library.all.map((r) => [r.id, r] as const))('%s: every topic has 3+ quizzes, hours and 2+ resources for everyone; every stage a task', (_, roadmap: Roadmap) => {
    for (const t of roadmap.topics) {
      expect(t.challenges.filter((c) => c.type === 'quiz').length, t.id).toBeGreaterThanOrEqual(3);
      expect(t.hours, t.id).toBeGreaterThan(0);
      expect(t.resources.filter((r) => !r.tracks).length, t.id).toBeGreaterThanOrEqual(2);
    }
    for (const s of roadmap.stages) {
      const tasks = s.topics.flatMap((t) => t.challenges).filter((c) => c.type === 'task');
      expect(tasks.length, s.id).toBeGreaterThanOrEqual(1);
      for (const task of tasks) expect(task.type === 'task' && task.criteria.length, task.id).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(library.all.map((r) => [r.id, r] as const))('%s: resources are well-formed https URLs, none twice in a topic', (_, roadmap: Roadmap) => {
    for (const t of roadmap.topics) {
      const urls = t.resources.map((r) => r.url);
      expect(new Set(urls).size, t.id).toBe(urls.length);
      for (const u of urls) {
        const url = new URL(u);
        expect(url.protocol, u).toBe('https:');
        expect(url.hostname, u).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
        expect(u, u).not.toMatch(/\s/);
      }
    }
  });

  it.each(library.all.map((r) => [r.id, r] as const))('%s: the right answer is not guessable by its position', (_, roadmap: Roadmap) => {
    const positions = new Map<number, number>();
    let total = 0;
    for (const c of roadmap.challenges) {
      if (c.type !== 'quiz' || !c.choices) continue;
      const i = c.choices.indexOf(c.answer!);
      positions.set(i, (positions.get(i) ?? 0) + 1);
      total += 1;
    }
    // With four choices, chance is 25%; no letter may be the answer much more often than that.
    for (const [i, n] of positions) expect(n / total, `choice ${String.fromCharCode(65 + i)}`).toBeLessThan(0.35);
  });

  it('git-basics, the example communities copy, passes the authoring lint with 0 problems and 0 warnings', () => {
    const findings = lintRoadmap(library.get('git-basics')!);
    expect(findings.map((f) => `${f.check} ${f.where}: ${f.message}`)).toEqual([]);
  });

  it.each(library.all.map((r) => [r.id, r] as const))('%s: prompts and choices fit chat (prompt ≤ 300, choice ≤ 80 characters)', (_, roadmap: Roadmap) => {
    for (const c of roadmap.challenges) {
      expect(c.prompt.length, c.id).toBeLessThanOrEqual(300);
      if (c.type === 'quiz') for (const choice of c.choices ?? []) expect(choice.length, c.id).toBeLessThanOrEqual(80);
    }
  });
});

describe('the backend roadmap', () => {
  it('is deep enough: 16+ stages, 70+ topics, 300+ challenges', () => {
    expect(backend.stages.length).toBeGreaterThanOrEqual(16);
    expect(backend.topics.length).toBeGreaterThanOrEqual(70);
    expect(backend.challenges.length).toBeGreaterThanOrEqual(300);
  });

  it('covers every area of the path', () => {
    const areas = [
      'choosing-a-language', 'complexity', 'linked-lists', 'stacks-and-queues', 'trees', 'graphs', 'searching-and-sorting',
      'terminal-basics', 'processes', 'threads-and-concurrency', 'memory', 'git-basics', 'git-hosting',
      'http', 'https', 'client-server', 'dns', 'browsers',
      'joins', 'indexes', 'transactions-and-acid', 'normalization', 'schema-migrations', 'orms',
      'document-databases', 'key-value-stores', 'wide-column-stores', 'time-series-databases', 'replication', 'sharding', 'cap-theorem',
      'rest', 'json', 'graphql', 'grpc', 'api-versioning', 'openapi', 'pagination', 'api-errors', 'web-frameworks', 'middleware', 'mvc',
      'sessions-and-cookies', 'tokens-and-jwt', 'oauth2', 'openid-connect', 'password-hashing', 'authorization',
      'owasp-top-10', 'sql-injection', 'xss', 'csrf', 'cors', 'tls', 'secrets-management',
      'unit-testing', 'integration-testing', 'end-to-end-testing', 'tdd', 'debugging',
      'http-caching', 'cdn', 'redis', 'memcached', 'profiling', 'ci-cd', 'docker', 'kubernetes',
      'web-servers', 'reverse-proxies-and-load-balancers', 'cloud-platforms', 'serverless', 'observability',
      'message-queues', 'event-driven-architecture', 'microservices', 'scaling', 'rate-limiting', 'circuit-breakers',
      'real-time', 'search-engines', 'system-design-practice', 'portfolio', 'open-source', 'interview-preparation',
    ];
    expect(areas.filter((id) => !backend.topic(id))).toEqual([]);
  });

  it('offers python, javascript, java, go, C#, PHP and Ruby, each with its own resources and tasks in the language and framework stages', () => {
    const frameworks: Record<string, RegExp> = {
      python: /Django|FastAPI/,
      javascript: /Express|Fastify|NestJS/,
      java: /Spring/,
      go: /net\/http|Gin/,
      csharp: /ASP\.NET/,
      php: /Laravel/,
      ruby: /Rails/,
    };
    expect(backend.tracks.map((t) => t.id)).toEqual(expect.arrayContaining(Object.keys(frameworks)));
    for (const [track, names] of Object.entries(frameworks)) {
      for (const stageId of ['language', 'frameworks']) {
        const stage = backend.stages.find((s) => s.id === stageId)!;
        const own = stage.topics.flatMap((t) => t.resources).filter((r) => r.tracks?.includes(track));
        // Every topic of the stage but the primers (git, testing) that are the same for all tracks.
        const topics = stage.topics.filter((t) => !/primer/.test(t.id)).length;
        expect(own.length, `${stageId}/${track}`).toBeGreaterThanOrEqual(topics);
        const tasks = stage.topics.flatMap((t) => t.challenges).filter((c) => c.type === 'task' && c.tracks?.includes(track));
        expect(tasks.length, `${stageId}/${track} task`).toBeGreaterThanOrEqual(1);
      }
      const fw = backend.stages.find((s) => s.id === 'frameworks')!.topics.flatMap((t) => t.resources).filter((r) => visibleOnTrack(r, track) && r.tracks);
      expect(fw.map((r) => r.title).join(' '), track).toMatch(names);
    }
  });

  it('says what every quiz asks, and every stage mixes levels, later stages leaning harder', () => {
    for (const c of backend.challenges) {
      if (c.type === 'quiz') expect(c.asks, c.id).toBeDefined();
      expect(c.difficulty, c.id).toBeDefined();
    }
    const levels = backend.stages.map((s) =>
      s.topics
        .flatMap((t) => t.challenges)
        .filter((c) => c.type === 'quiz')
        .map((c) => LEVEL[backend.challenge(c.id)!.difficulty!]),
    );
    // A stage label is not a difficulty (issue 16): each stage asks at least two kinds of question.
    levels.forEach((l, i) => expect(new Set(l).size, backend.stages[i]!.id).toBeGreaterThanOrEqual(2));
    const mean = (xs: number[][]) => {
      const all = xs.flat();
      return all.reduce((a, b) => a + b, 0) / all.length;
    };
    const third = Math.floor(levels.length / 3);
    expect(mean(levels.slice(-third))).toBeGreaterThan(mean(levels.slice(0, third)));
  });

  it('hides no key in the choice lengths: no length rank holds it in more than 35% of multiple-choice quizzes, overall or in a stage of 10+', () => {
    type MultipleChoice = { id: string; choices: string[]; answer: string };
    const mc = (c: { id: string; type: string; choices?: string[]; answer?: string }): MultipleChoice[] =>
      c.type === 'quiz' && c.choices && c.answer ? [{ id: c.id, choices: c.choices, answer: c.answer }] : [];
    const share = (quizzes: MultipleChoice[]) => {
      const ranks = new Map<number, number>();
      for (const q of quizzes) ranks.set(keyLengthRank(q), (ranks.get(keyLengthRank(q)) ?? 0) + 1);
      return [...ranks].map(([rank, n]) => [rank, n / quizzes.length] as const);
    };
    const groups = [
      { id: '(file)', quizzes: backend.challenges.flatMap(mc) },
      ...backend.stages.map((s) => ({ id: s.id, quizzes: s.topics.flatMap((t) => t.challenges).flatMap(mc) })),
    ].filter((g) => g.quizzes.length >= 10);
    for (const g of groups) {
      for (const [rank, x] of share(g.quizzes)) expect(x, `${g.id}: key is length rank ${rank}`).toBeLessThanOrEqual(0.35);
    }
  });

  it('asks no question twice in other words', () => {
    const quizzes = backend.challenges.filter((c): c is typeof c & Quiz => c.type === 'quiz');
    expect(similarQuizzes(quizzes).map((p) => `${p.a} ~ ${p.b} (${p.score.toFixed(2)})`)).toEqual([]);
    expect(LINT_LIMITS.similarity).toBeLessThanOrEqual(0.5);
  });

  it('passes the authoring lint with 0 problems', () => {
    const problems = lintRoadmap(backend).filter((f) => f.level === 'problem');
    expect(problems.map((p) => `${p.check} ${p.where}: ${p.message}`)).toEqual([]);
  });

  it('estimates every task, and 800–950 hours in all, practice included', () => {
    for (const c of backend.challenges) if (c.type === 'task') expect(c.hours, c.id).toBeGreaterThan(0);
    const total = backend.topics.reduce((n, t) => n + (t.hours ?? 0), 0);
    expect(total).toBeGreaterThanOrEqual(800);
    expect(total).toBeLessThanOrEqual(950);
  });

  it('serves only quizzes and short tasks as the daily challenge', () => {
    expect(backend.dailyPool.some((c) => c.type === 'task' && (c.hours ?? 0) > DAILY_TASK_MAX_HOURS)).toBe(false);
    expect(backend.dailyPool.some((c) => c.type === 'task')).toBe(true);
    const projects = backend.challenges.filter((c) => c.type === 'task' && !c.tracks && c.hours! > DAILY_TASK_MAX_HOURS);
    expect(projects.length).toBeGreaterThan(0);
    for (const p of projects) expect(backend.dailyPool, p.id).not.toContain(p);
  });

  it('teaches git and running a test in the first stage, before the tasks that need them', () => {
    const first = backend.stages[0]!;
    const text = (t: { id: string; title: string }) => `${t.id} ${t.title}`.toLowerCase();
    expect(first.topics.some((t) => /git/.test(text(t)))).toBe(true);
    expect(first.topics.some((t) => /test/.test(text(t)))).toBe(true);
  });

  it('ends with a career stage: portfolio, networking, résumé and internships, interviews, staying current', () => {
    const career = backend.stages.find((s) => s.id === 'career');
    expect(career).toBeDefined();
    const names = career!.topics.map((t) => `${t.id} ${t.title}`.toLowerCase());
    for (const want of [/portfolio/, /network|communit/, /r[ée]sum[ée]|internship/, /interview/, /staying-current|staying current|keep(ing)? up/]) {
      expect(names.some((n) => want.test(n)), String(want)).toBe(true);
    }
  });

  it('gives a group every challenge for everyone once before any repeats', async () => {
    const c = await groupChat({ roadmapsDir: REAL_ROADMAPS, roadmap: 'backend', now: '2026-01-01T12:00:00Z' });
    await c.say('@alice /roadmap start');
    const pool = backend.dailyPool.length;
    const seen: string[] = [];
    for (let day = 0; day <= pool; day++) {
      const r = await c.say('@alice /challenge today');
      expect(r.error).toBe(false);
      // Keyed on the prompt (unique per challenge) rather than the whole card: choices are
      // shuffled per group and day, so a repeat shows the same quiz in another order.
      seen.push(r.text.split('\n').slice(1).join('\n').split('\n\n')[0]!);
      c.app.clock.advance(86_400_000);
    }
    const firstCycle = seen.slice(0, pool);
    expect(new Set(firstCycle).size).toBe(pool);
    expect(firstCycle).toContain(seen[pool]);
  });
});
