// Grading quiz answers typed in chat or pressed as buttons. Multiple choice
// accepts the letter (B), the number (2) or the choice's text; free-text
// quizzes compare ignoring case, spacing and trailing punctuation.
import type { Quiz } from '../content/schema.ts';

export interface Grade {
  correct: boolean;
  /** The correct answer as it should be shown. */
  expected: string;
  /** What the learner's answer was understood as. */
  given: string;
}

const normalise = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/^["'`]+|["'`.!?]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export const choiceLetter = (i: number) => String.fromCharCode(65 + i);

export function grade(quiz: Quiz, answer: string): Grade {
  const given = normalise(answer);
  if (quiz.choices && quiz.answer !== undefined) {
    const choices = quiz.choices;
    let index = choices.findIndex((c) => normalise(c) === given);
    if (index < 0 && /^[a-z]$/.test(given)) index = given.charCodeAt(0) - 97;
    if (index < 0 && /^\d$/.test(given)) index = Number(given) - 1;
    const picked = choices[index];
    const expectedIndex = choices.indexOf(quiz.answer);
    return {
      correct: picked !== undefined && index === expectedIndex,
      expected: `${choiceLetter(expectedIndex)}) ${quiz.answer}`,
      given: picked !== undefined ? `${choiceLetter(index)}) ${picked}` : answer.trim(),
    };
  }
  const accepted = quiz.accept ?? [];
  return { correct: accepted.some((a) => normalise(a) === given), expected: accepted[0] ?? '', given: answer.trim() };
}

/** Whether the answer can be read as one of the choices at all (so a typo is not scored as wrong). */
export function isRecognisedChoice(quiz: Quiz, answer: string): boolean {
  if (!quiz.choices) return true;
  const given = normalise(answer);
  const n = quiz.choices.length;
  return (
    quiz.choices.some((c) => normalise(c) === given) ||
    (/^[a-z]$/.test(given) && given.charCodeAt(0) - 97 < n) ||
    (/^\d$/.test(given) && Number(given) >= 1 && Number(given) <= n)
  );
}
