// Cohort's store for the end-to-end bench, written before the bot starts:
// a study group with `members` learners enrolled and today's challenge a
// multiple-choice quiz (so every /challenge answer is a real scored write:
// answered right, it records the attempt, awards points and extends a streak),
// plus `fanOut` more groups whose daily post is due the moment the bot starts.
import { createApp } from '../../src/app.ts';
import { systemClock } from '../../src/clock.ts';
import { todaysChallenge } from '../../src/domain/challenges.ts';
import { resolveCommunity, resolveMember } from '../../src/domain/community.ts';
import { startRoadmap } from '../../src/domain/enrolment.ts';
import { choiceLetter } from '../../src/domain/grading.ts';
import { setupGroup } from '../../src/domain/groups.ts';
import type { Platform } from '../../src/db/types.ts';
import { createLogger } from '../../src/log.ts';

export interface SeedPlan {
  path: string;
  platform: Platform;
  /** Members by platform id, with the name the platform will show (so no command renames them). */
  study: { community: string; channel: string; members: { id: string; name: string }[] };
  fanOut: { community: string; channel: string }[];
}

/** What the bench needs to know of the seeded store: today's quiz's right answer (a letter, as a learner types it). */
export interface Seeded {
  rightAnswer: string;
}

export async function seedStore(plan: SeedPlan): Promise<Seeded> {
  const app = await createApp({ store: { databasePath: plan.path }, roadmapsDir: 'roadmaps', clock: systemClock, log: createLogger('silent') });
  try {
    const deps = app.deps;
    const community = await resolveCommunity(deps, plan.platform, plan.study.community);
    // Post time far ahead, so the study group's own post doesn't join the fan-out.
    const { group } = await setupGroup(deps, community.id, plan.study.channel, { roadmap: 'backend', timezone: 'UTC', postTime: '23:59', reminderTime: '23:59' });
    for (const { id, name } of plan.study.members) {
      const member = await resolveMember(deps, community, id, name);
      await startRoadmap(deps, group, member, { track: 'python' });
    }
    const today = await todaysChallenge(deps, group);
    if (today.challenge.type !== 'quiz' || !today.challenge.choices) {
      const quiz = deps.roadmaps.get('backend')!.dailyPool.find((c) => c.type === 'quiz' && c.choices)!;
      await app.store.rows(`UPDATE daily_challenges SET challenge_id = '${quiz.id}' WHERE group_id = ${group.id}`);
    }
    // The choices are shuffled per group and day: the right letter is read back as learners are shown it.
    const quiz = (await todaysChallenge(deps, group)).challenge;
    if (quiz.type !== 'quiz' || !quiz.choices || quiz.answer === undefined) throw new Error(`today's challenge ${quiz.id} is not multiple choice`);
    const rightAnswer = choiceLetter(quiz.choices.indexOf(quiz.answer));
    for (const g of plan.fanOut) {
      const c = await resolveCommunity(deps, plan.platform, g.community);
      await setupGroup(deps, c.id, g.channel, { roadmap: 'backend', timezone: 'UTC', postTime: '00:00', reminderTime: '23:59' });
    }
    return { rightAnswer };
  } finally {
    await app.close();
  }
}
