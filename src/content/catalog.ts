// A validated roadmap with the indexes the domain needs: topics and challenges
// in path order, looked up by id, and what a learner on a given track sees.
import { ASKS_DIFFICULTY, type Challenge, type Difficulty, type Quiz, type Resource, type RoadmapFile, type Stage, type Task, type Topic } from './schema.ts';

export const DEFAULT_POINTS = { quiz: 10, task: 50 } as const;

/**
 * The longest task served as a daily challenge. A daily post is meant to be
 * done that day; longer tasks are projects a learner picks up from their
 * stage (issue 16: multi-day projects used to come up as the daily).
 */
export const DAILY_TASK_MAX_HOURS = 2;

/** A quiz's level comes from what it asks when it says so; otherwise from `difficulty` as written. */
export function difficultyOf(c: Challenge): Difficulty | undefined {
  return c.type === 'quiz' && c.asks ? ASKS_DIFFICULTY[c.asks] : c.difficulty;
}

/**
 * Whether a challenge may be the daily one: for everyone (no track), and a
 * quiz or a short task. A task without `hours` counts as short, so community
 * roadmaps written before estimates existed keep their tasks in the pool.
 */
export function inDailyPool(c: Challenge): boolean {
  return !c.tracks && (c.type === 'quiz' || (c.hours ?? 0) <= DAILY_TASK_MAX_HOURS);
}

export interface RoadmapTopic extends Topic {
  /** Position along the whole path, 0-based. */
  readonly index: number;
  readonly stage: Stage;
  readonly stageIndex: number;
}

export type RoadmapChallenge = (Quiz | Task) & {
  readonly points: number;
  readonly topic: RoadmapTopic;
  /** Position along the whole path, 0-based. */
  readonly index: number;
};

export interface Roadmap extends RoadmapFile {
  readonly topics: readonly RoadmapTopic[];
  readonly challenges: readonly RoadmapChallenge[];
  /** Challenges for everyone (no track restriction), quizzes and short tasks only: what daily challenges are drawn from. */
  readonly dailyPool: readonly RoadmapChallenge[];
  topic(id: string): RoadmapTopic | undefined;
  challenge(id: string): RoadmapChallenge | undefined;
}

export function buildCatalog(file: RoadmapFile): Roadmap {
  const topics: RoadmapTopic[] = [];
  const challenges: RoadmapChallenge[] = [];
  file.stages.forEach((stage, stageIndex) => {
    for (const topic of stage.topics) {
      const entry: RoadmapTopic = { ...topic, index: topics.length, stage, stageIndex };
      topics.push(entry);
      for (const c of topic.challenges) {
        const difficulty = difficultyOf(c);
        challenges.push({
          ...c,
          points: c.points ?? DEFAULT_POINTS[c.type],
          ...(difficulty ? { difficulty } : {}),
          topic: entry,
          index: challenges.length,
        });
      }
    }
  });
  const topicIndex = new Map(topics.map((t) => [t.id, t]));
  const challengeIndex = new Map(challenges.map((c) => [c.id, c]));
  return {
    ...file,
    topics,
    challenges,
    dailyPool: challenges.filter(inDailyPool),
    topic: (id) => topicIndex.get(id),
    challenge: (id) => challengeIndex.get(id),
  };
}

/** Whether a learner on `track` (or on none) sees an item limited to `tracks`. */
export function visibleOnTrack(item: { tracks?: string[] | undefined }, track: string | null): boolean {
  return !item.tracks || (track !== null && item.tracks.includes(track));
}

export function resourcesFor(topic: Topic, track: string | null): Resource[] {
  return topic.resources.filter((r) => visibleOnTrack(r, track));
}
