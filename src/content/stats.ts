// Figures about a roadmap that authors quote and reviewers check: per stage,
// how many multiple-choice quizzes, where the key falls by length rank and by
// letter, the mix of levels, and the hours. Printed by `content:lint --stats`.
import { keyLengthRank } from './lint.ts';
import type { RoadmapFile } from './schema.ts';
import { difficultyOf } from './catalog.ts';

export interface StageStats {
  id: string;
  topics: number;
  quizzes: number;
  multipleChoice: number;
  /** Index 0 = key is the longest choice, 1 = second-longest, … */
  keyRank: number[];
  /** Index 0 = key is choice A, … */
  keyPosition: number[];
  levels: { beginner: number; intermediate: number; advanced: number; unset: number };
  tasks: number;
  /** Tasks of 2 h or less (daily-pool sized). */
  shortTasks: number;
  topicHours: number;
  taskHours: number;
}

export function stageStats(file: RoadmapFile): StageStats[] {
  return file.stages.map((s) => {
    const challenges = s.topics.flatMap((t) => t.challenges);
    const quizzes = challenges.filter((c) => c.type === 'quiz');
    const mc = quizzes.filter((q) => q.choices && q.answer !== undefined) as { choices: string[]; answer: string }[];
    const keyRank = [0, 0, 0, 0, 0];
    const keyPosition = [0, 0, 0, 0, 0];
    for (const q of mc) {
      keyRank[keyLengthRank(q) - 1]! += 1;
      keyPosition[q.choices.indexOf(q.answer)]! += 1;
    }
    const levels = { beginner: 0, intermediate: 0, advanced: 0, unset: 0 };
    for (const q of quizzes) levels[difficultyOf(q) ?? 'unset'] += 1;
    const tasks = challenges.filter((c) => c.type === 'task');
    return {
      id: s.id,
      topics: s.topics.length,
      quizzes: quizzes.length,
      multipleChoice: mc.length,
      keyRank,
      keyPosition,
      levels,
      tasks: tasks.length,
      shortTasks: tasks.filter((t) => (t.hours ?? 0) <= 2).length,
      topicHours: s.topics.reduce((n, t) => n + (t.hours ?? 0), 0),
      taskHours: tasks.reduce((n, t) => n + (t.hours ?? 0), 0),
    };
  });
}

/** The stats as aligned text lines, one per stage and a total. */
export function formatStats(stats: StageStats[]): string[] {
  const sum = (pick: (s: StageStats) => number) => stats.reduce((n, s) => n + pick(s), 0);
  const total: StageStats = {
    id: 'TOTAL',
    topics: sum((s) => s.topics),
    quizzes: sum((s) => s.quizzes),
    multipleChoice: sum((s) => s.multipleChoice),
    keyRank: [0, 1, 2, 3, 4].map((i) => sum((s) => s.keyRank[i]!)),
    keyPosition: [0, 1, 2, 3, 4].map((i) => sum((s) => s.keyPosition[i]!)),
    levels: {
      beginner: sum((s) => s.levels.beginner),
      intermediate: sum((s) => s.levels.intermediate),
      advanced: sum((s) => s.levels.advanced),
      unset: sum((s) => s.levels.unset),
    },
    tasks: sum((s) => s.tasks),
    shortTasks: sum((s) => s.shortTasks),
    topicHours: sum((s) => s.topicHours),
    taskHours: sum((s) => s.taskHours),
  };
  const dist = (xs: number[], n: number) => xs.slice(0, 4).map((x) => `${n ? Math.round((100 * x) / n) : 0}`.padStart(3)).join(' ');
  const header = 'stage                 topics quizzes  mc | key rank % (1=longest) | key pos % A B C D | recall apply analyse | tasks (≤2h) | topic h';
  return [
    header,
    ...[...stats, total].map(
      (s) =>
        `${s.id.padEnd(22)}${String(s.topics).padStart(6)}${String(s.quizzes).padStart(8)}${String(s.multipleChoice).padStart(4)} | ${dist(s.keyRank, s.multipleChoice).padEnd(22)} | ${dist(s.keyPosition, s.multipleChoice).padEnd(17)} | ${String(s.levels.beginner).padStart(6)} ${String(s.levels.intermediate).padStart(5)} ${String(s.levels.advanced).padStart(7)}${s.levels.unset ? ` (+${s.levels.unset} unset)` : ''} | ${String(s.tasks).padStart(5)} (${s.shortTasks}) | ${s.topicHours}`,
    ),
  ];
}
