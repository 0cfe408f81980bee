// The per-group, per-day choice shuffle: reproducible (shown and graded in
// different requests), a true permutation, varied across seeds, and
// gradable by letter on the shuffled order.
import { describe, expect, it } from 'vitest';
import { shuffleQuiz } from '../../src/content/shuffle.ts';
import type { Quiz } from '../../src/content/schema.ts';
import { choiceLetter, grade } from '../../src/domain/grading.ts';

const quiz: Quiz = {
  id: 'http-q1',
  type: 'quiz',
  asks: 'recall',
  prompt: 'Which method is idempotent but not safe?',
  choices: ['GET', 'POST', 'PUT', 'PATCH'],
  answer: 'PUT',
  explanation: 'PUT replaces the resource, so repeating it leaves the same state.',
};

const seeds = Array.from({ length: 200 }, (_, i) => `g${i % 7}:2026-01-${String((i % 28) + 1).padStart(2, '0')}-${i}`);

describe('shuffleQuiz', () => {
  it('gives the same order for the same seed, every time', () => {
    const a = shuffleQuiz(quiz, '42:2026-03-01');
    const b = shuffleQuiz(structuredClone(quiz), '42:2026-03-01');
    expect(a.choices).toEqual(b.choices);
  });

  it('returns a permutation of the choices, keeps the answer text, and does not touch the input', () => {
    const before = structuredClone(quiz);
    for (const seed of seeds) {
      const s = shuffleQuiz(quiz, seed);
      expect([...s.choices!].sort()).toEqual([...quiz.choices!].sort());
      expect(s.answer).toBe('PUT');
      expect({ ...s, choices: quiz.choices }).toEqual(quiz);
    }
    expect(quiz).toEqual(before);
  });

  it('gives different orders across seeds, with the key spread over every letter', () => {
    const orders = new Set<string>();
    const keyAt = [0, 0, 0, 0];
    for (const seed of seeds) {
      const s = shuffleQuiz(quiz, seed);
      orders.add(s.choices!.join('|'));
      keyAt[s.choices!.indexOf('PUT')]! += 1;
    }
    // 24 permutations of four; 200 seeds should reach most of them.
    expect(orders.size).toBeGreaterThanOrEqual(18);
    // Roughly uniform: each letter near 50 of 200.
    for (const n of keyAt) expect(n).toBeGreaterThan(25);
    expect(shuffleQuiz(quiz, '1:2026-03-01').choices).not.toEqual(shuffleQuiz(quiz, '1:2026-03-02').choices);
  });

  it('is graded by letter against the shuffled order', () => {
    for (const seed of seeds.slice(0, 40)) {
      const s = shuffleQuiz(quiz, seed);
      const right = choiceLetter(s.choices!.indexOf('PUT'));
      expect(grade(s, right).correct, seed).toBe(true);
      expect(grade(s, right.toLowerCase()).correct).toBe(true);
      expect(grade(s, String(s.choices!.indexOf('PUT') + 1)).correct).toBe(true);
      expect(grade(s, 'put').correct).toBe(true);
      for (const other of s.choices!.filter((c) => c !== 'PUT')) {
        expect(grade(s, choiceLetter(s.choices!.indexOf(other))).correct).toBe(false);
      }
      expect(grade(s, right).expected).toBe(`${right}) PUT`);
    }
  });

  it('leaves free-text quizzes as they are', () => {
    const free: Quiz = { id: 'f', type: 'quiz', prompt: 'P', accept: ['x'], explanation: 'An explanation long enough.' };
    expect(shuffleQuiz(free, 'a:b')).toBe(free);
  });

  it('keeps extra fields of a catalog challenge', () => {
    const rich = { ...quiz, points: 10, index: 3 };
    const s = shuffleQuiz(rich, 'x');
    expect(s.points).toBe(10);
    expect(s.index).toBe(3);
  });
});
