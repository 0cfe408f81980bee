// Marking a task's criteria in a decision, quick and optional: `met:1,2`,
// `missed:3` (or `met:all`) anywhere in the feedback, on every surface — a
// slash command, a typed line, the Request changes form.
import { UserError } from './errors.ts';

export interface Marks {
  met: number[];
  missed: number[];
  /** The feedback with the marks taken out. */
  rest: string;
}

const MARK = /(^|\s)(met|missed):\s*(all|\d+(?:\s*,\s*\d+)*)(?=\s|$)/gi;

export function readMarks(feedback: string, criteriaCount: number): Marks {
  const met = new Set<number>();
  const missed = new Set<number>();
  const rest = feedback.replace(MARK, (_whole, lead: string, kind: string, list: string) => {
    const numbers = list.toLowerCase() === 'all' ? Array.from({ length: criteriaCount }, (_, i) => i + 1) : list.split(',').map((n) => Number(n.trim()));
    for (const n of numbers) {
      if (!(n >= 1 && n <= criteriaCount)) {
        throw new UserError(
          'review.badCriterion',
          criteriaCount
            ? `This task has criteria 1–${criteriaCount}; "${kind}:${list}" names ${n}. Mark them like \`met:1,2 missed:3\`.`
            : 'This task lists no criteria to mark; leave out met:/missed:.',
        );
      }
      (kind.toLowerCase() === 'met' ? met : missed).add(n);
    }
    return lead;
  });
  const both = [...met].filter((n) => missed.has(n));
  if (both.length) throw new UserError('review.criterionTwice', `Criterion ${both.join(', ')} is marked both met and missed; say one.`);
  return { met: [...met].sort((a, b) => a - b), missed: [...missed].sort((a, b) => a - b), rest: rest.replace(/[ \t]{2,}/g, ' ').trim() };
}

export const listOf = (numbers: readonly number[]): string | null => (numbers.length ? numbers.join(',') : null);
export const numbersOf = (list: string | null): number[] => (list ? list.split(',').map(Number) : []);
