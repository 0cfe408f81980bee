// The content suite: the shipped roadmaps are whole, well formed and teach
// along a path that gets harder. These are the promises made to learners.
import { describe, expect, it } from 'vitest';
import { visibleOnTrack, type Roadmap } from '../../src/content/catalog.ts';
import { loadRoadmaps } from '../../src/content/load.ts';
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

  it('offers python, javascript, java and go, each with its own resources and tasks in the language and framework stages', () => {
    const frameworks: Record<string, RegExp> = { python: /Django|FastAPI/, javascript: /Express|Fastify|NestJS/, java: /Spring/, go: /net\/http|Gin/ };
    expect(backend.tracks.map((t) => t.id)).toEqual(expect.arrayContaining(Object.keys(frameworks)));
    for (const [track, names] of Object.entries(frameworks)) {
      for (const stageId of ['language', 'frameworks']) {
        const stage = backend.stages.find((s) => s.id === stageId)!;
        const own = stage.topics.flatMap((t) => t.resources).filter((r) => r.tracks?.includes(track));
        expect(own.length, `${stageId}/${track}`).toBeGreaterThanOrEqual(stage.topics.length);
        const tasks = stage.topics.flatMap((t) => t.challenges).filter((c) => c.type === 'task' && c.tracks?.includes(track));
        expect(tasks.length, `${stageId}/${track} task`).toBeGreaterThanOrEqual(1);
      }
      const fw = backend.stages.find((s) => s.id === 'frameworks')!.topics.flatMap((t) => t.resources).filter((r) => visibleOnTrack(r, track) && r.tracks);
      expect(fw.map((r) => r.title).join(' '), track).toMatch(names);
    }
  });

  it('rises in difficulty along the path', () => {
    const stageLevel = backend.stages.map((s) => {
      const levels = s.topics.flatMap((t) => t.challenges).map((c) => LEVEL[c.difficulty!]).sort((a, b) => a - b);
      return levels[Math.floor(levels.length / 2)]!;
    });
    for (const c of backend.challenges) expect(c.difficulty, c.id).toBeDefined();
    for (let i = 1; i < stageLevel.length; i++) expect(stageLevel[i], backend.stages[i]!.id).toBeGreaterThanOrEqual(stageLevel[i - 1]!);
    expect(stageLevel[0]).toBe(LEVEL.beginner);
    expect(stageLevel.at(-1)).toBe(LEVEL.advanced);
  });

  it('gives a group every challenge for everyone once before any repeats', async () => {
    const c = await groupChat({ roadmapsDir: REAL_ROADMAPS, roadmap: 'backend', now: '2026-01-01T12:00:00Z' });
    await c.say('@alice /roadmap start');
    const pool = backend.dailyPool.length;
    const seen: string[] = [];
    for (let day = 0; day <= pool; day++) {
      const r = await c.say('@alice /challenge today');
      expect(r.error).toBe(false);
      seen.push(r.text.split('\n').slice(1).join('\n'));
      c.app.clock.advance(86_400_000);
    }
    const firstCycle = seen.slice(0, pool);
    expect(new Set(firstCycle).size).toBe(pool);
    expect(firstCycle).toContain(seen[pool]);
  });
});
