// A validated roadmap with the indexes the domain needs: topics and challenges
// in path order, looked up by id, and what a learner on a given track sees.
import type { Quiz, Resource, RoadmapFile, Stage, Task, Topic } from './schema.ts';

export const DEFAULT_POINTS = { quiz: 10, task: 50 } as const;

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
  /** Challenges for everyone (no track restriction): what daily challenges are drawn from. */
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
        challenges.push({ ...c, points: c.points ?? DEFAULT_POINTS[c.type], topic: entry, index: challenges.length });
      }
    }
  });
  const topicIndex = new Map(topics.map((t) => [t.id, t]));
  const challengeIndex = new Map(challenges.map((c) => [c.id, c]));
  return {
    ...file,
    topics,
    challenges,
    dailyPool: challenges.filter((c) => !c.tracks),
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
