// The daily challenge: one per group per local date, answered (quiz) or
// handed in for review (task).
import * as q from '../db/queries/challenges.ts';
import { approvedChallengeIds, insertSubmission, submissionsFor } from '../db/queries/submissions.ts';
import { activeMembersCompletions, completedTopicIds } from '../db/queries/enrolments.ts';
import type { DailyChallengeRow, GroupRow, MemberRow, Q, SubmissionRow } from '../db/types.ts';
import { shuffleQuiz } from '../content/shuffle.ts';
import { visibleOnTrack, type Roadmap, type RoadmapChallenge } from '../content/catalog.ts';
import type { Quiz, Task } from '../content/schema.ts';
import { frontierOf, pickDaily } from './daily-pick.ts';
import { inTransaction, type Deps } from './deps.ts';
import { UserError } from './errors.ts';
import { grade, isRecognisedChoice, type Grade } from './grading.ts';
import { groupRoadmap } from './groups.ts';
import { requireEnrolment } from './enrolment.ts';
import { award } from './points.ts';
import { nextTopic } from './progress.ts';
import { planActivity, recordActivity, type StreakView } from './streaks.ts';
import { suggest } from './suggest.ts';
import { localDate } from './time.ts';
import { excerpt } from './excerpt.ts';

export type QuizChallenge = RoadmapChallenge & Quiz;
export type TaskChallenge = RoadmapChallenge & Task;

export interface Today {
  daily: DailyChallengeRow;
  challenge: RoadmapChallenge;
  roadmap: Roadmap;
}

/** Today's challenge for the group, picked (once, atomically) on first request. */
export async function todaysChallenge(deps: Deps, group: GroupRow): Promise<Today> {
  const roadmap = groupRoadmap(deps, group);
  const date = localDate(deps.clock.now(), group.timezone);
  let daily =
    (await q.findDaily(deps.db, group, date)) ??
    // The (group, date) key settles a race: of two processes picking at once, one insert wins and both read it.
    (await inTransaction(deps, async (tx) => (await q.findDaily(tx, group, date)) ?? pickFor(tx, deps, group, roadmap, date), { isolation: 'read committed' }));
  let served = servedFrom(deps, roadmap, daily.challengeId);
  if (!served) {
    // Picked from content that is gone (removed from the files, or from a roadmap no longer
    // installed): the day gets a fresh pick from the group's roadmap rather than no challenge.
    daily = await inTransaction(deps, async (tx) => repick(tx, deps, group, roadmap, daily), { isolation: 'read committed' });
    served = servedFrom(deps, roadmap, daily.challengeId);
    if (!served) throw new UserError('challenge.none', `The ${roadmap.id} roadmap has no challenges for everyone yet, so there is no daily challenge.`);
  }
  const { found } = served;
  // Choices in an order of this group and day: shown and graded alike (every caller gets the quiz here),
  // and a key letter leaked elsewhere, or remembered from a past cycle, says nothing today.
  const challenge = found.type === 'quiz' ? shuffleQuiz(found, `${group.id}:${daily.localDate}`) : found;
  return { daily, challenge, roadmap: served.roadmap };
}

/**
 * Where a picked challenge is served from: the group's roadmap, or — after a mid-day switch of
 * roadmap — the installed roadmap it was picked from, so the day keeps the challenge it was shown.
 */
function servedFrom(deps: Deps, current: Roadmap, challengeId: string): { found: RoadmapChallenge; roadmap: Roadmap } | undefined {
  const here = current.challenge(challengeId);
  if (here) return { found: here, roadmap: current };
  for (const other of deps.roadmaps.all) {
    const found = other.challenge(challengeId);
    if (found) return { found, roadmap: other };
  }
  return undefined;
}

/** Replaces a pick whose challenge no longer exists; of two processes at once, the first replacement stands. */
async function repick(tx: Q, deps: Deps, group: GroupRow, roadmap: Roadmap, stale: DailyChallengeRow): Promise<DailyChallengeRow> {
  const now = (await q.findDaily(tx, group, stale.localDate)) ?? stale;
  if (now.challengeId !== stale.challengeId) return now;
  const { cycle, used } = await q.currentCycle(tx, group);
  const pick = pickDaily(poolOf(roadmap), cycle, used, await frontier(tx, group, roadmap));
  if (!pick) return now;
  return q.replaceDaily(tx, group, now, { challengeId: pick.id, cycle: pick.cycle });
}

const poolOf = (roadmap: Roadmap) => roadmap.dailyPool.map((c) => ({ id: c.id, topicIndex: c.topic.index, index: c.index }));

async function frontier(tx: Q, group: GroupRow, roadmap: Roadmap): Promise<number> {
  return frontierOf([...(await activeMembersCompletions(tx, group)).values()].map((done) => nextTopic(roadmap, done)?.index ?? roadmap.topics.length - 1));
}

async function pickFor(tx: Q, deps: Deps, group: GroupRow, roadmap: Roadmap, date: string): Promise<DailyChallengeRow> {
  const { cycle, used } = await q.currentCycle(tx, group);
  const pick = pickDaily(poolOf(roadmap), cycle, used, await frontier(tx, group, roadmap));
  if (!pick) throw new UserError('challenge.none', `The ${roadmap.id} roadmap has no challenges for everyone yet, so there is no daily challenge.`);
  return q.insertDaily(tx, group, { localDate: date, challengeId: pick.id, cycle: pick.cycle, createdAt: deps.clock.now().getTime() });
}

export interface AnswerResult {
  challenge: QuizChallenge;
  grade: Grade;
  points: number;
  streak: StreakView | null;
  /** Settles once the answer is saved, which may be after it is shown (Store.decide); rejects when it could not be. */
  saved: Promise<void>;
}

export async function answerChallenge(deps: Deps, group: GroupRow, member: MemberRow, answer: string): Promise<AnswerResult> {
  await requireEnrolment(deps, group, member, 'answer challenges');
  const { daily, challenge } = await todaysChallenge(deps, group);
  if (challenge.type !== 'quiz') {
    throw new UserError('challenge.notQuiz', "Today's challenge is a task, not a quiz: hand it in with `/challenge submit <link or text>`.");
  }
  if (!isRecognisedChoice(challenge, answer)) {
    const last = String.fromCharCode(64 + challenge.choices!.length);
    throw new UserError('challenge.badChoice', `"${excerpt(answer)}" is not one of the choices. Answer with a letter A–${last}, its number, or the choice's text. \`/challenge today\` shows them.`);
  }
  const now = deps.clock.now();
  const result = grade(challenge, answer);
  const { value, saved } = await deps.store.decide<Omit<AnswerResult, 'saved'>>(async (tx) => {
    // Looked up first, since the attempt is written after the answer is given.
    const previous = await q.findAttempt(tx, group, daily.id, member.id);
    if (previous) throw alreadyAnswered(previous);
    const attempt = async (w: Q) => {
      // The (daily challenge, member) key decides which attempt is scored: of two answers at once
      // (PostgreSQL; SQLite holds its write lock from the look-up on), one is in and the other is told.
      const scored = await q.insertAttempt(w, group, { memberId: member.id, dailyChallengeId: daily.id, answer: result.given, correct: result.correct, createdAt: now.getTime() });
      if (!scored) throw alreadyAnswered(await q.findAttempt(w, group, daily.id, member.id));
    };
    if (!result.correct) return { value: { challenge, grade: result, points: 0, streak: null }, write: attempt };
    const activity = await planActivity(tx, group, member.id, 'answer', now);
    return {
      value: { challenge, grade: result, points: challenge.points, streak: activity.streak },
      async write(w) {
        await attempt(w);
        await award(w, group, { memberId: member.id, points: challenge.points, reason: `quiz answered: ${challenge.id}`, ref: `quiz:${daily.id}`, at: now.getTime() });
        await activity.write(w);
      },
    };
  });
  return { ...value, saved };
}

function alreadyAnswered(previous: { correct: boolean; answer: string } | undefined): UserError {
  const what = previous ? ` (${previous.correct ? 'correctly' : 'not quite'}: "${excerpt(previous.answer)}")` : '';
  return new UserError('challenge.alreadyAnswered', `You already answered today's challenge${what}. Each challenge has one scored attempt; a new one comes tomorrow.`);
}

export const MAX_SUBMISSION_LENGTH = 4000;

export interface SubmitResult {
  submission: SubmissionRow;
  task: TaskChallenge;
  resubmission: boolean;
  streak: StreakView;
}

export async function submitTask(deps: Deps, group: GroupRow, member: MemberRow, content: string, taskId?: string): Promise<SubmitResult> {
  const enrolment = await requireEnrolment(deps, group, member, 'hand in tasks');
  const task = await chooseTask(deps, group, member, enrolment.track, taskId);
  const text = content.trim();
  if (text.length === 0) throw new UserError('submission.empty', 'Add your work after the command: `/challenge submit https://github.com/you/project`.');
  if (text.length > MAX_SUBMISSION_LENGTH) {
    throw new UserError('submission.tooLong', `That is ${text.length} characters; the limit is ${MAX_SUBMISSION_LENGTH}. Put long work in a repo or gist and submit the link.`);
  }
  if (task.submission === 'link' && !/https?:\/\/\S+/.test(text)) {
    throw new UserError('submission.needsLink', `The task "${task.id}" asks for a link, e.g. \`/challenge submit https://github.com/you/project\`.`);
  }
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const [latest] = await submissionsFor(tx, group, member.id, task.id);
    if (latest?.status === 'pending') {
      throw new UserError('submission.pending', `Your submission #${latest.id} for ${task.id} is still waiting for a mentor. You can resubmit if they ask for changes.`);
    }
    if (latest?.status === 'approved') {
      throw new UserError('submission.approved', `Your submission #${latest.id} for ${task.id} was already approved. Nice work!`);
    }
    const submission = await insertSubmission(tx, group, {
      memberId: member.id,
      challengeId: task.id,
      content: text,
      previousId: latest?.id ?? null,
      createdAt: now.getTime(),
    });
    const streak = await recordActivity(tx, group, member.id, 'submission', now);
    return { submission, task, resubmission: latest !== undefined, streak };
  });
}

/**
 * Which task a submission is for: the one named; else today's challenge if
 * it is a task; else the first task of the member's current stage they have
 * not had approved.
 */
async function chooseTask(deps: Deps, group: GroupRow, member: MemberRow, track: string | null, taskId: string | undefined): Promise<TaskChallenge> {
  const roadmap = groupRoadmap(deps, group);
  const tasks = roadmap.challenges.filter((c): c is TaskChallenge => c.type === 'task');
  if (taskId !== undefined) {
    const found = roadmap.challenge(taskId.toLowerCase());
    if (!found) {
      const close = suggest(taskId, tasks.map((t) => t.id));
      throw new UserError('submission.unknownTask', `There is no task "${excerpt(taskId)}".` + (close.length ? ` Closest: ${close.map((c) => `\`${c}\``).join(', ')}.` : ''));
    }
    if (found.type !== 'task') throw new UserError('submission.isQuiz', `"${found.id}" is a quiz, not a task. Quizzes are answered with \`/challenge answer\` on the day they come up.`);
    if (!visibleOnTrack(found, track)) {
      throw new UserError('submission.otherTrack', `"${found.id}" is for the ${found.tracks!.join('/')} track. Switch with \`/roadmap start ${roadmap.id} track:${found.tracks![0]}\` or pick a task of your track.`);
    }
    return found;
  }
  const today = (await todaysChallenge(deps, group)).challenge;
  if (today.type === 'task') return today as TaskChallenge;
  const approved = await approvedChallengeIds(deps.db, group, member.id);
  const stageIndex = nextTopic(roadmap, await completedTopicIds(deps.db, group, member.id))?.stageIndex ?? roadmap.stages.length - 1;
  const open = tasks.filter((t) => t.topic.stageIndex === stageIndex && visibleOnTrack(t, track) && !approved.has(t.id));
  // Prefer the member's own track's variant over the generic one.
  const chosen = open.find((t) => t.tracks !== undefined) ?? open[0];
  if (chosen) return chosen;
  throw new UserError(
    'submission.noTask',
    "Today's challenge is a quiz (answer it with `/challenge answer`), and your current stage has no open task. Name a task to hand it in: `/challenge submit task:<id> <link>`.",
  );
}
