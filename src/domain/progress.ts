// Where a member is along the roadmap, and marking topics done.
import * as q from '../db/queries/enrolments.ts';
import type { GroupRow, MemberRow } from '../db/types.ts';
import type { Roadmap, RoadmapTopic } from '../content/catalog.ts';
import { inTransaction, type Deps } from './deps.ts';
import { UserError } from './errors.ts';
import { groupRoadmap } from './groups.ts';
import { requireEnrolment } from './enrolment.ts';
import { award } from './points.ts';
import { recordActivity, streakOf, type StreakView } from './streaks.ts';
import { suggest } from './suggest.ts';
import { localDate } from './time.ts';
import { excerpt } from './excerpt.ts';

export const TOPIC_POINTS = 5;

export interface Progress {
  roadmap: Roadmap;
  track: string | null;
  done: number;
  total: number;
  percent: number;
  /** The first topic not yet done, in path order; null when all are done. */
  next: RoadmapTopic | null;
  /** The stage of the next topic (or the last stage when finished). */
  stage: { index: number; title: string; done: number; total: number };
  streak: StreakView;
  hoursLeft: number;
}

export function nextTopic(roadmap: Roadmap, done: ReadonlySet<string>): RoadmapTopic | null {
  return roadmap.topics.find((t) => !done.has(t.id)) ?? null;
}

export async function progressOf(deps: Deps, group: GroupRow, member: MemberRow, who: 'you' | 'they' = 'you'): Promise<Progress> {
  const enrolment = await requireEnrolment(deps, group, member, 'see progress', who);
  const roadmap = groupRoadmap(deps, group);
  const completed = await q.completedTopicIds(deps.db, group, member.id);
  // Only topics that still exist count, so an edited roadmap never shows over 100%.
  const done = roadmap.topics.filter((t) => completed.has(t.id)).length;
  const total = roadmap.topics.length;
  const next = nextTopic(roadmap, completed);
  const stageIndex = next ? next.stageIndex : roadmap.stages.length - 1;
  const stage = roadmap.stages[stageIndex]!;
  return {
    roadmap,
    track: enrolment.track,
    done,
    total,
    percent: total === 0 ? 100 : Math.floor((done / total) * 100),
    next,
    stage: { index: stageIndex, title: stage.title, done: stage.topics.filter((t) => completed.has(t.id)).length, total: stage.topics.length },
    streak: await streakOf(deps, group, member.id),
    hoursLeft: roadmap.topics.filter((t) => !completed.has(t.id)).reduce((h, t) => h + (t.hours ?? 0), 0),
  };
}

export function requireTopic(roadmap: Roadmap, id: string): RoadmapTopic {
  const topic = roadmap.topic(id.toLowerCase());
  if (topic) return topic;
  const close = suggest(id, roadmap.topics.map((t) => t.id));
  throw new UserError(
    'progress.unknownTopic',
    `There is no topic "${excerpt(id)}" in ${roadmap.id}.` +
      (close.length ? ` Closest: ${close.map((c) => `\`${c}\``).join(', ')}.` : '') +
      ' `/roadmap next` shows your next topic with its id.',
  );
}

export interface DoneResult {
  topic: RoadmapTopic;
  alreadyDone: boolean;
  points: number;
  streak: StreakView;
  next: RoadmapTopic | null;
  /** Set when this topic completed its stage: every topic of the stage is now done. */
  stageDone?: { index: number; title: string; topics: number; date: string };
}

export async function markDone(deps: Deps, group: GroupRow, member: MemberRow, topicId: string): Promise<DoneResult> {
  await requireEnrolment(deps, group, member, 'mark topics done');
  const roadmap = groupRoadmap(deps, group);
  const topic = requireTopic(roadmap, topicId);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const inserted = await q.insertCompletion(tx, group, member.id, topic.id, now.getTime());
    if (!inserted) {
      const [streak, done] = [await streakOf(deps, group, member.id, tx), await q.completedTopicIds(tx, group, member.id)];
      return { topic, alreadyDone: true, points: 0, streak, next: nextTopic(roadmap, done) };
    }
    const paid = await award(tx, group, { memberId: member.id, points: TOPIC_POINTS, reason: `topic done: ${topic.title}`, ref: `topic:${topic.id}`, at: now.getTime() });
    const streak = await recordActivity(tx, group, member.id, 'topic', now);
    const done = await q.completedTopicIds(tx, group, member.id);
    const stage = topic.stage;
    const stageDone = stage.topics.every((t) => done.has(t.id))
      ? { index: topic.stageIndex, title: stage.title, topics: stage.topics.length, date: localDate(now, group.timezone) }
      : undefined;
    return { topic, alreadyDone: false, points: paid ? TOPIC_POINTS : 0, streak, next: nextTopic(roadmap, done), ...(stageDone && { stageDone }) };
  });
}
