// The authoring lint (issue 16 §6): checks a roadmap for the things that make
// quizzes guessable or content hard to follow, beyond what the schema can
// say. Pure: a validated roadmap in, a list of findings out; lint-cli.ts does
// the files and the printing. Communities writing their own roadmaps get the
// same help as backend.yaml.
import { ASKS_DIFFICULTY, type Challenge, type Quiz, type RoadmapFile } from './schema.ts';

export type LintCheck =
  | 'length-tell'
  | 'key-position'
  | 'near-duplicate'
  | 'missing-hours'
  | 'index-link'
  | 'moved-link'
  | 'missing-asks'
  | 'not-standalone';

export interface LintFinding {
  check: LintCheck;
  /** Problems fail the lint; warnings are heuristics an author should look at. */
  level: 'problem' | 'warning';
  /** The id of the challenge, topic or stage it is about ("(file)" for the whole roadmap). */
  where: string;
  message: string;
}

export const LINT_LIMITS = {
  /** No length rank or key letter may hold the key in more than this share of multiple-choice quizzes (chance is 25%). */
  maxShare: 0.35,
  /** Shares are only judged over this many multiple-choice quizzes or more; fewer say little. */
  minQuizzes: 10,
  /**
   * Cosine similarity (IDF-weighted words of prompt + answer) at or above
   * which two quizzes count as the same question. Tuned on backend.yaml as
   * it was before issue 16: the restated questions ("Why alert on p99 rather
   * than the average?" twice, the leaked API key twice) scored 0.49–0.68;
   * the closest pair that asks different things (two RFC 9457 questions)
   * scored 0.42.
   */
  similarity: 0.45,
} as const;

type MultipleChoice = Quiz & { choices: string[]; answer: string };
const isMultipleChoice = (c: Challenge): c is MultipleChoice => c.type === 'quiz' && !!c.choices && c.answer !== undefined;

/**
 * Where the key falls when the choices are ranked by length, 1 = longest.
 * Ties keep the order written, so equal-length choices do not all count as
 * "longest" (a learner cannot tell them apart by length either).
 */
export function keyLengthRank(quiz: { choices: string[]; answer: string }): number {
  const order = quiz.choices.map((text, i) => ({ i, len: text.trim().length })).sort((a, b) => b.len - a.len || a.i - b.i);
  return order.findIndex((o) => o.i === quiz.choices.indexOf(quiz.answer)) + 1;
}

const ordinal = (n: number) => (n === 1 ? 'longest' : `${n}${n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}-longest`);
const percent = (x: number) => `${Math.round(x * 100)}%`;

export function lintRoadmap(file: RoadmapFile): LintFinding[] {
  return [...lintKeys(file), ...lintDuplicates(file), ...lintHours(file), ...lintLinks(file), ...lintAsks(file), ...lintStandalone(file)];
}

/** Length tell (overall and per stage) and key position (overall). */
function lintKeys(file: RoadmapFile): LintFinding[] {
  const out: LintFinding[] = [];
  const stageQuizzes = file.stages.map((s) => ({ id: s.id, quizzes: s.topics.flatMap((t) => t.challenges).filter(isMultipleChoice) }));
  const all = stageQuizzes.flatMap((s) => s.quizzes);
  const lengthTell = (where: string, quizzes: MultipleChoice[]) => {
    if (quizzes.length < LINT_LIMITS.minQuizzes) return;
    const byRank = groupBy(quizzes, keyLengthRank);
    for (const [rank, ids] of byRank) {
      const share = ids.length / quizzes.length;
      if (share <= LINT_LIMITS.maxShare) continue;
      out.push({
        check: 'length-tell',
        level: 'problem',
        where,
        message: `the key is the ${ordinal(rank)} choice in ${ids.length} of ${quizzes.length} multiple-choice quizzes (${percent(share)}, limit ${percent(LINT_LIMITS.maxShare)}); make other choices as long, e.g. in ${ids.slice(0, 5).join(', ')}`,
      });
    }
  };
  lengthTell('(file)', all);
  for (const s of stageQuizzes) lengthTell(s.id, s.quizzes);
  if (all.length >= LINT_LIMITS.minQuizzes) {
    for (const [i, ids] of groupBy(all, (q) => q.choices.indexOf(q.answer))) {
      const share = ids.length / all.length;
      if (share <= LINT_LIMITS.maxShare) continue;
      out.push({
        check: 'key-position',
        level: 'problem',
        where: '(file)',
        message: `the key is choice ${String.fromCharCode(65 + i)} in ${ids.length} of ${all.length} multiple-choice quizzes (${percent(share)}, limit ${percent(LINT_LIMITS.maxShare)}); move some keys, e.g. in ${ids.slice(0, 5).join(', ')}`,
      });
    }
  }
  return out;
}

function groupBy<T extends { id: string }>(items: T[], key: (item: T) => number): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item.id]);
  return groups;
}

const STOP_WORDS = new Set(
  'a an the of to in on for and or is are be it its this that which what why how when does do you your with from by as at than into can should would most best one not no'.split(' '),
);

/** Lower-case words without stop words, with a crude plural strip so "queries" meets "query". */
export function contentWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9#+]+/g, ' ')
      .split(' ')
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
      .map((w) => w.replace(/ies$/, 'y').replace(/(?<!s)s$/, '')),
  );
}

export interface SimilarPair {
  a: string;
  b: string;
  score: number;
}

/**
 * Pairs of quizzes that ask the same thing: cosine similarity of their
 * prompt + key words, each word weighted by how rare it is in the file
 * (IDF), so shared framing ("What is the difference between …") counts for
 * little and shared subject words ("HttpOnly", "p99") count for a lot.
 */
export function similarQuizzes(quizzes: readonly Quiz[], threshold: number = LINT_LIMITS.similarity): SimilarPair[] {
  const docs = quizzes.map((q) => contentWords(`${q.prompt} ${q.answer ?? q.accept?.[0] ?? ''}`));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d) df.set(w, (df.get(w) ?? 0) + 1);
  const vectors = docs.map((d) => {
    // Smoothed IDF (as scikit-learn's): a word in every quiz still weighs a
    // little, so small roadmaps with few quizzes are compared sensibly too.
    const weights = new Map([...d].map((w) => [w, Math.log((1 + docs.length) / (1 + df.get(w)!)) + 1] as const));
    return { weights, norm: Math.hypot(...weights.values()) };
  });
  const pairs: SimilarPair[] = [];
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      const a = vectors[i]!;
      const b = vectors[j]!;
      if (a.norm === 0 || b.norm === 0) continue;
      let dot = 0;
      for (const [w, v] of a.weights) dot += v * (b.weights.get(w) ?? 0);
      const score = dot / (a.norm * b.norm);
      if (score >= threshold) pairs.push({ a: quizzes[i]!.id, b: quizzes[j]!.id, score });
    }
  }
  return pairs.sort((x, y) => y.score - x.score);
}

function lintDuplicates(file: RoadmapFile): LintFinding[] {
  const quizzes = file.stages.flatMap((s) => s.topics.flatMap((t) => t.challenges)).filter((c): c is Quiz => c.type === 'quiz');
  return similarQuizzes(quizzes).map((p) => ({
    check: 'near-duplicate',
    level: 'problem',
    where: p.b,
    message: `asks nearly the same as ${p.a} (similarity ${p.score.toFixed(2)}); rewrite one to test a different idea, or remove it`,
  }));
}

function lintHours(file: RoadmapFile): LintFinding[] {
  const out: LintFinding[] = [];
  for (const topic of file.stages.flatMap((s) => s.topics)) {
    if (topic.hours === undefined) {
      out.push({ check: 'missing-hours', level: 'problem', where: topic.id, message: 'topic has no `hours`: estimate study plus practice, so learners can see their pace' });
    }
    for (const c of topic.challenges) {
      if (c.type === 'task' && c.hours === undefined) {
        out.push({
          check: 'missing-hours',
          level: 'problem',
          where: c.id,
          message: 'task has no `hours`: estimate the work; tasks over 2 h are projects and are never the daily challenge',
        });
      }
    }
  }
  return out;
}

/** Path segments that name no page in particular: docs roots, versions, locales. */
const GENERIC_SEGMENT =
  /^(docs?|documentation|learn|guides?|manual|reference|tutorials?|wiki|book|home|index\.(html?|php)|latest|current|stable|master|main|\d|\d+(\.\d+)+|v\d+(\.\d+)*|en|[a-z]{2}-[a-z]{2})$/i;

/** Whether a link points at a site's front page or a docs index rather than a specific page. */
export function isIndexLink(url: string): boolean {
  const u = new URL(url);
  // A fragment names a section (a one-page spec's part), which is specific.
  if (u.hash.length > 1) return false;
  const segments = u.pathname.split('/').filter(Boolean);
  if (segments.every((s) => GENERIC_SEGMENT.test(s))) return true;
  // roadmap.sh/backend and friends: a whole roadmap, not a page about the topic.
  return u.hostname.replace(/^www\./, '') === 'roadmap.sh' && segments.length <= 1;
}

/** Paths known to have moved, with where they went. */
const MOVED: { test: (u: URL) => boolean; to: string }[] = [
  {
    test: (u) => u.hostname === 'developer.mozilla.org' && /\/docs\/Web\/HTTP\/(?!Guides\/|Reference\/|Resources_and_specifications)[^/]+/.test(u.pathname),
    to: 'MDN moved HTTP pages in 2025 to /docs/Web/HTTP/Guides/… and /docs/Web/HTTP/Reference/…',
  },
  {
    test: (u) => u.hostname === 'developer.mozilla.org' && /\/docs\/Learn(\/|$)/.test(u.pathname),
    to: 'MDN moved Learn pages in 2025 to /docs/Learn_web_development/…',
  },
  { test: (u) => u.hostname === 'pages.nist.gov' && u.pathname.includes('800-63-3'), to: 'NIST SP 800-63-3 is superseded by 800-63-4' },
  { test: (u) => u.hostname === 'docs.oracle.com' && u.pathname.startsWith('/javase/tutorial'), to: 'these are the JDK 8 tutorials; dev.java replaces them' },
];

function lintLinks(file: RoadmapFile): LintFinding[] {
  const out: LintFinding[] = [];
  for (const topic of file.stages.flatMap((s) => s.topics)) {
    for (const r of topic.resources) {
      if (isIndexLink(r.url)) {
        out.push({ check: 'index-link', level: 'problem', where: topic.id, message: `"${r.title}" links to a front or index page (${r.url}); link the page about this topic` });
      }
      const moved = MOVED.find((m) => m.test(new URL(r.url)));
      if (moved) out.push({ check: 'moved-link', level: 'problem', where: topic.id, message: `"${r.title}" (${r.url}): ${moved.to}` });
    }
  }
  return out;
}

/**
 * Files that use `asks` at all must use it on every quiz (a half-labelled
 * file has a meaningless level mix). A file that uses none gets one warning,
 * not one per quiz, so older community roadmaps are nudged, not buried.
 */
function lintAsks(file: RoadmapFile): LintFinding[] {
  const quizzes = file.stages.flatMap((s) => s.topics.flatMap((t) => t.challenges)).filter((c): c is Quiz => c.type === 'quiz');
  const without = quizzes.filter((q) => !q.asks);
  if (without.length === 0) return [];
  if (without.length === quizzes.length) {
    return [
      {
        check: 'missing-asks',
        level: 'warning',
        where: '(file)',
        message: `no quiz says what it asks; add \`asks: recall | apply | analyse\` (${Object.entries(ASKS_DIFFICULTY).map(([a, d]) => `${a} → ${d}`).join(', ')})`,
      },
    ];
  }
  return without.map((q) => ({ check: 'missing-asks', level: 'problem', where: q.id, message: 'quiz has no `asks` (recall, apply or analyse) while others in this file do' }));
}

/**
 * A daily challenge is served alone, so a prompt that leans on another
 * question ("those 51 queries", "the previous question") cannot be answered.
 * Heuristic, hence a warning.
 */
const LEANS_ON_OTHERS = [
  /\b(the|that) (previous|last|earlier|preceding|above) (question|quiz|answer|example|query|snippet|one)\b/i,
  /\b(shown|mentioned|described|given|listed|defined) (above|earlier)\b/i,
  /(?<!of the )\babove\b/i,
];

/**
 * "those routes" after "route definitions" in the same prompt is fine;
 * "those 51 queries" with no queries mentioned before points elsewhere.
 */
function thoseElsewhere(prompt: string): RegExpMatchArray | null {
  for (const m of prompt.matchAll(/\bthose\s+([\w-]+)/gi)) {
    const word = m[1]!.toLowerCase();
    if (/^(who|that|which|where|with|in|of|whose|are|were)$/.test(word)) continue;
    const stem = word.replace(/ies$/, 'y').replace(/e?s$/, '');
    if (!prompt.slice(0, m.index).toLowerCase().includes(stem)) return m;
  }
  return null;
}

function lintStandalone(file: RoadmapFile): LintFinding[] {
  return file.stages
    .flatMap((s) => s.topics.flatMap((t) => t.challenges))
    .flatMap((c) => {
      const hit = thoseElsewhere(c.prompt) ?? LEANS_ON_OTHERS.map((re) => c.prompt.match(re)).find(Boolean);
      return hit
        ? [{ check: 'not-standalone' as const, level: 'warning' as const, where: c.id, message: `prompt says "${hit[0]}": it may lean on another question; daily challenges are shown alone` }]
        : [];
    });
}
