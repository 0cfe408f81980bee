// Shuffles a multiple-choice quiz's choices per group and day (issue 16 §1):
// a key letter leaked in one group, or remembered from a previous cycle, says
// nothing about where the answer is today. The order must be reproducible —
// the quiz is shown in one request and graded in another — so it is a pure
// function of the quiz and a seed (`${groupId}:${localDate}`), never of
// Math.random or the clock.
import type { Quiz } from './schema.ts';

/**
 * The same quiz with its choices in a seeded order. `answer` is the text of
 * the right choice, not its letter, so grading works on the result as it is.
 * Free-text quizzes (no `choices`) come back unchanged. The input is not
 * mutated, and extra fields (points, topic, …) are kept.
 */
export function shuffleQuiz<T extends Quiz>(quiz: T, seed: string): T {
  if (!quiz.choices || quiz.choices.length < 2) return quiz;
  // The quiz id is mixed in so two quizzes shown under one seed are not
  // permuted the same way.
  const next = mulberry32(hash32(`${seed}\u0000${quiz.id}`));
  const choices = [...quiz.choices];
  // Fisher–Yates: every permutation equally likely given a uniform source.
  for (let i = choices.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [choices[i], choices[j]] = [choices[j]!, choices[i]!];
  }
  return { ...quiz, choices };
}

/** FNV-1a over UTF-16 code units, then a final avalanche so close seeds ("…-01", "…-02") diverge. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small, fast 32-bit PRNG; plenty for ordering four choices. Returns numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
