// The figures the web dashboard shows, folded from whole-group reads: who is
// where along the roadmap and who is dropping off, where the stages lose
// people, weekly activity, and how each posted quiz was answered. Read-only;
// every change the dashboard makes goes through the same functions as the
// commands (groups.ts, reviews.ts).
import * as q from '../db/queries/dashboard.ts';
import type { CommunityRow, GroupRow, MemberRow, SubmissionRow } from '../db/types.ts';
import type { Roadmap } from '../content/catalog.ts';
import { shuffleQuiz } from '../content/shuffle.ts';
import type { Deps } from './deps.ts';
import { groupRoadmap } from './groups.ts';
import { activityHeatmap, type Heatmap } from './heatmap.ts';
import { nextTopic } from './progress.ts';
import { emptyStreak, settle } from './streak-rules.ts';
import { addDays, daysBetween, localDate, weekday } from './time.ts';

/** Idle this many days (or a broken streak) and a member is flagged at risk. */
export const IDLE_DAYS = 7;
export const CHART_WEEKS = 12;

export interface MemberLine {
  member: MemberRow;
  track: string | null;
  stageIndex: number;
  stageTitle: string;
  done: number;
  total: number;
  percent: number;
  streak: number;
  /** Local date of the last qualifying activity; null when never active. */
  lastActive: string | null;
  /** Why the member looks to be dropping off; null when they do not. */
  risk: string | null;
}

export interface FunnelStage {
  title: string;
  /** Members who reached this stage (are in it or past it). */
  reached: number;
  /** Members whose next topic is in this stage. */
  here: number;
}

export interface GroupOverview {
  group: GroupRow;
  roadmap: Roadmap;
  today: string;
  members: MemberLine[];
  funnel: FunnelStage[];
  finished: number;
  /** Distinct active members per week, oldest first; weeks start on Monday. */
  weeks: { start: string; active: number }[];
}

export async function groupOverview(deps: Deps, group: GroupRow): Promise<GroupOverview> {
  const roadmap = groupRoadmap(deps, group);
  const today = localDate(deps.clock.now(), group.timezone);
  const [enrolled, completions, streaks, lastAt] = [
    await q.enrolledMembers(deps.db, group),
    await q.groupCompletions(deps.db, group),
    await q.groupStreaks(deps.db, group),
    await q.lastActiveAt(deps.db, group),
  ];
  const doneBy = new Map<number, Set<string>>();
  for (const c of completions) {
    if (!doneBy.has(c.memberId)) doneBy.set(c.memberId, new Set());
    doneBy.get(c.memberId)!.add(c.topicId);
  }
  const streakBy = new Map(streaks.map((s) => [s.memberId, s]));
  const total = roadmap.topics.length;
  let finished = 0;
  const members = enrolled.map(({ member, enrolment }): MemberLine => {
    const done = doneBy.get(member.id) ?? new Set<string>();
    const next = nextTopic(roadmap, done);
    if (!next) finished++;
    const stageIndex = next ? next.stageIndex : roadmap.stages.length - 1;
    const count = roadmap.topics.filter((t) => done.has(t.id)).length;
    const row = streakBy.get(member.id);
    const state = row ? { current: row.current, longest: row.longest, freezes: row.freezes, runDays: row.runDays, lastActive: row.lastActive } : emptyStreak;
    const settled = settle(state, today);
    const at = lastAt.get(member.id);
    const lastActive = at === undefined ? null : localDate(new Date(at), group.timezone);
    const idleSince = lastActive ?? localDate(new Date(enrolment.startedAt), group.timezone);
    const idle = daysBetween(idleSince, today);
    const risk = state.current > 0 && settled.current === 0 ? 'streak broken' : idle >= IDLE_DAYS ? `${idle} days idle` : null;
    return {
      member,
      track: enrolment.track,
      stageIndex,
      stageTitle: roadmap.stages[stageIndex]!.title,
      done: count,
      total,
      percent: total === 0 ? 100 : Math.floor((count / total) * 100),
      streak: settled.current,
      lastActive,
      risk,
    };
  });
  const unfinished = members.filter((m) => m.done < m.total);
  const funnel = roadmap.stages.map((stage, i) => ({
    title: stage.title,
    reached: members.filter((m) => m.stageIndex >= i || m.done === m.total).length,
    here: unfinished.filter((m) => m.stageIndex === i).length,
  }));
  return { group, roadmap, today, members, funnel, finished, weeks: await weeklyActivity(deps, group, today) };
}

async function weeklyActivity(deps: Deps, group: GroupRow, today: string, memberId?: number): Promise<{ start: string; active: number }[]> {
  const thisWeek = addDays(today, 1 - weekday(today));
  const starts = Array.from({ length: CHART_WEEKS }, (_, i) => addDays(thisWeek, -7 * (CHART_WEEKS - 1 - i)));
  const days = await q.activityDays(deps.db, group, starts[0]!, memberId);
  return starts.map((start) => {
    const end = addDays(start, 7);
    return { start, active: new Set(days.filter((d) => d.localDate >= start && d.localDate < end).map((d) => d.memberId)).size };
  });
}

export interface ChoiceShare {
  choice: string;
  picked: number;
  share: number;
  isKey: boolean;
}

export interface ChallengeStats {
  dailyId: number;
  localDate: string;
  challengeId: string;
  title: string;
  kind: 'quiz' | 'task' | 'removed';
  attempts: number;
  /** Attempts per member enrolled now (0–1). */
  answerRate: number;
  correctRate: number;
  choices: ChoiceShare[];
  /** Why the question looks broken; empty when it does not. */
  flags: string[];
}

/** Below this correct rate (with at least MIN_ATTEMPTS answers) a quiz is flagged. */
export const LOW_CORRECT_RATE = 0.25;
export const MIN_ATTEMPTS = 3;

export async function challengeStats(deps: Deps, group: GroupRow): Promise<ChallengeStats[]> {
  const roadmap = groupRoadmap(deps, group);
  const enrolled = (await q.enrolledMembers(deps.db, group)).length;
  const attempts = await q.groupAttempts(deps.db, group);
  return (await q.postedDailies(deps.db, group)).map((daily): ChallengeStats => {
    const found = roadmap.challenge(daily.challengeId);
    const mine = attempts.filter((a) => a.dailyChallengeId === daily.id);
    const correct = mine.filter((a) => a.correct).length;
    const base = {
      dailyId: daily.id,
      localDate: daily.localDate,
      challengeId: daily.challengeId,
      title: found?.prompt ?? daily.challengeId,
      attempts: mine.length,
      answerRate: enrolled === 0 ? 0 : Math.min(1, mine.length / enrolled),
      correctRate: mine.length === 0 ? 0 : correct / mine.length,
    };
    if (!found || found.type !== 'quiz') return { ...base, kind: found ? 'task' : 'removed', choices: [], flags: [] };
    // Graded answers are stored as "B) text" in that day's shuffled order: count by the text.
    const quiz = shuffleQuiz(found, `${group.id}:${daily.localDate}`);
    const textOf = (answer: string) => answer.replace(/^[A-Z]\)\s*/, '');
    const choices = (quiz.choices ?? []).map((choice) => {
      const picked = mine.filter((a) => textOf(a.answer) === choice).length;
      return { choice, picked, share: mine.length === 0 ? 0 : picked / mine.length, isKey: choice === quiz.answer };
    });
    const flags: string[] = [];
    const key = choices.find((c) => c.isKey);
    if (mine.length >= MIN_ATTEMPTS && base.correctRate < LOW_CORRECT_RATE) flags.push(`only ${Math.round(base.correctRate * 100)}% right`);
    for (const c of choices) if (!c.isKey && key && c.picked > key.picked) flags.push(`"${c.choice}" picked more than the key`);
    return { ...base, kind: 'quiz', choices, flags };
  });
}

export interface GroupSummary {
  group: GroupRow;
  roadmapTitle: string;
  members: number;
  activeToday: number;
  activeThisWeek: number;
  streaksAlive: number;
  reviewsWaiting: number;
}

export async function communityOverview(deps: Deps, community: CommunityRow, groups: readonly GroupRow[]): Promise<GroupSummary[]> {
  const out: GroupSummary[] = [];
  for (const group of groups) {
    const today = localDate(deps.clock.now(), group.timezone);
    const weekStart = addDays(today, 1 - weekday(today));
    const days = await q.activityDays(deps.db, group, weekStart);
    const streaks = await q.groupStreaks(deps.db, group);
    out.push({
      group,
      roadmapTitle: deps.roadmaps.get(group.roadmapId)?.title ?? `${group.roadmapId} (not installed)`,
      members: (await q.enrolledMembers(deps.db, group)).length,
      activeToday: new Set(days.filter((d) => d.localDate === today).map((d) => d.memberId)).size,
      activeThisWeek: new Set(days.map((d) => d.memberId)).size,
      streaksAlive: streaks.filter((s) => settle({ ...s }, today).current > 0).length,
      reviewsWaiting: await q.pendingCount(deps.db, community.id, group.id),
    });
  }
  return out;
}

export interface MemberView {
  member: MemberRow;
  roadmap: Roadmap;
  done: Set<string>;
  points: { points: number; reason: string; at: number }[];
  totalPoints: number;
  submissions: { submission: SubmissionRow; reviewer: MemberRow | null }[];
  weeks: { start: string; active: number }[];
  /** The streak heatmap's days (the cards module's data). */
  heatmap: Heatmap;
}

export async function memberView(deps: Deps, group: GroupRow, member: MemberRow): Promise<MemberView> {
  const roadmap = groupRoadmap(deps, group);
  const today = localDate(deps.clock.now(), group.timezone);
  const done = new Set((await q.groupCompletions(deps.db, group)).filter((c) => c.memberId === member.id).map((c) => c.topicId));
  const points = await q.memberLedger(deps.db, group, member.id);
  return {
    member,
    roadmap,
    done,
    points,
    totalPoints: points.reduce((s, p) => s + p.points, 0),
    submissions: await q.memberSubmissions(deps.db, group, member.id),
    weeks: await weeklyActivity(deps, group, today, member.id),
    heatmap: await activityHeatmap(deps, group, member.id),
  };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quote what needs it, and defuse cells a spreadsheet would run as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The group's progress as CSV: one row per enrolled member. */
export function progressCsv(o: GroupOverview): string {
  const head = ['member', 'user_id', 'track', 'stage', 'topics_done', 'topics_total', 'percent', 'streak', 'last_active', 'at_risk'];
  const rows = o.members.map((m) => [m.member.displayName, m.member.userId, m.track, m.stageTitle, m.done, m.total, m.percent, m.streak, m.lastActive, m.risk ?? '']);
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
