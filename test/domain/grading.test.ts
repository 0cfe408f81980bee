import { describe, expect, it } from 'vitest';
import type { Quiz } from '../../src/content/schema.ts';
import { grade, isRecognisedChoice } from '../../src/domain/grading.ts';

const multipleChoice: Quiz = {
  id: 'http-q1',
  type: 'quiz',
  prompt: 'Which method is idempotent but not safe?',
  choices: ['GET', 'PUT', 'Not Found'],
  answer: 'PUT',
  explanation: 'PUT replaces state.',
};

const freeText: Quiz = {
  id: 'http-q2',
  type: 'quiz',
  prompt: 'What does 404 mean?',
  accept: ['Not Found', '404'],
  explanation: '404 Not Found.',
};

describe('grade: multiple choice', () => {
  it('accepts the letter of the right choice in either case', () => {
    for (const answer of ['b', 'B']) {
      expect(grade(multipleChoice, answer)).toEqual({ correct: true, expected: 'B) PUT', given: 'B) PUT' });
    }
  });

  it('accepts the number of the right choice', () => {
    expect(grade(multipleChoice, '2')).toEqual({ correct: true, expected: 'B) PUT', given: 'B) PUT' });
  });

  it("accepts the choice's text ignoring case and surrounding space", () => {
    expect(grade(multipleChoice, '  put ')).toMatchObject({ correct: true, given: 'B) PUT' });
    expect(grade(multipleChoice, 'NOT   found')).toMatchObject({ correct: false, given: 'C) Not Found' });
  });

  it('marks a wrong choice wrong and says what it was read as', () => {
    expect(grade(multipleChoice, 'a')).toEqual({ correct: false, expected: 'B) PUT', given: 'A) GET' });
    expect(grade(multipleChoice, '3')).toEqual({ correct: false, expected: 'B) PUT', given: 'C) Not Found' });
  });

  it('marks an answer that is no choice wrong, echoing it as typed', () => {
    expect(grade(multipleChoice, ' E ')).toEqual({ correct: false, expected: 'B) PUT', given: 'E' });
  });
});

describe('grade: free text', () => {
  it('accepts any accepted answer ignoring case, surrounding quotes and a trailing period', () => {
    for (const answer of ['not found', 'NOT FOUND', '"Not Found"', "'404'", '404.', '"Not Found."', '  not   found ', '404 .']) {
      expect(grade(freeText, answer), answer).toMatchObject({ correct: true, expected: 'Not Found' });
    }
  });

  it('marks anything else wrong, showing the first accepted answer', () => {
    expect(grade(freeText, '405')).toEqual({ correct: false, expected: 'Not Found', given: '405' });
    expect(grade(freeText, 'not')).toMatchObject({ correct: false });
  });
});

describe('isRecognisedChoice', () => {
  it('recognises letters, numbers and texts of existing choices', () => {
    for (const answer of ['a', 'C', '1', '3', 'put', 'Not Found']) expect(isRecognisedChoice(multipleChoice, answer), answer).toBe(true);
  });

  it('does not recognise a letter or number past the last choice, or other text', () => {
    for (const answer of ['E', 'd', '4', '0', 'hello']) expect(isRecognisedChoice(multipleChoice, answer), answer).toBe(false);
  });

  it('recognises any answer to a free-text quiz', () => {
    expect(isRecognisedChoice(freeText, 'hello')).toBe(true);
  });
});
