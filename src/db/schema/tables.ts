// The store. Every table carries community_id: a community is one Discord
// guild or one Slack team (or the local shell), and every query filters on it,
// so one community can never read another's rows.
// Times are epoch milliseconds; local dates are 'YYYY-MM-DD' in the group's zone.
import type { Columns } from './columns.ts';

/** Every table of the store, built from one engine's column vocabulary. */
export function defineTables(c: Columns) {
  const { table, serial, int, ms, text, bool, index, uniqueIndex, primaryKey } = c;
  const createdAt = () => ms().notNull();

  const communities = table(
    'communities',
    {
      id: serial(),
      platform: text({ enum: ['discord', 'slack', 'shell'] }).notNull(),
      /** Discord guild id, Slack team id, or "local" for the shell. */
      externalId: text().notNull(),
      createdAt: createdAt(),
      /** When Cohort's welcome was sent (or found impossible); claimed once, by one process. */
      welcomedAt: ms(),
    },
    (t) => [uniqueIndex('communities_platform_external').on(t.platform, t.externalId)],
  );

  const members = table(
    'members',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      /** The platform's user id. */
      userId: text().notNull(),
      displayName: text().notNull(),
      createdAt: createdAt(),
    },
    (t) => [uniqueIndex('members_community_user').on(t.communityId, t.userId)],
  );

  const groups = table(
    'groups',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      channelId: text().notNull(),
      roadmapId: text().notNull(),
      /** IANA zone, e.g. "Europe/Berlin". */
      timezone: text().notNull(),
      /** Local "HH:MM". */
      postTime: text().notNull(),
      reminderTime: text().notNull(),
      /** Where submissions are posted for review; the group's own channel when null. */
      reviewChannelId: text(),
      /** Why scheduled posts to the channel stopped (channel gone, no permission); null while posting. */
      postsPausedReason: text(),
      /** Whether replies and posts carry picture cards (`/group setup cards:off` for text only). */
      cards: bool().notNull().default(true),
      /** The cards' palette: "light" or "dark". */
      cardTheme: text({ enum: ['light', 'dark'] }).notNull().default('light'),
      /** How long a mentor's claim on a submission holds, in minutes. */
      claimMinutes: int().notNull().default(30),
      /** A submission waiting this many hours nudges the group's mentors (review-nudge). */
      reviewNudgeHours: int().notNull().default(24),
      /** A submission waiting this many hours is escalated to the admins (review-escalate). */
      reviewEscalateHours: int().notNull().default(72),
      /** The admin who last ran `/group setup` here: who escalations reach. */
      adminMemberId: int(),
      createdAt: createdAt(),
      updatedAt: ms().notNull(),
    },
    (t) => [uniqueIndex('groups_community_channel').on(t.communityId, t.channelId)],
  );

  const groupMentors = table(
    'group_mentors',
    {
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      memberId: int().notNull().references(() => members.id),
      addedAt: ms().notNull(),
    },
    (t) => [primaryKey({ columns: [t.groupId, t.memberId] })],
  );

  const enrolments = table(
    'enrolments',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      memberId: int().notNull().references(() => members.id),
      track: text(),
      startedAt: ms().notNull(),
      /** Set when the member leaves; their history is kept so they can come back. */
      leftAt: ms(),
      /** `/remind off` clears it. */
      remindersOn: bool().notNull().default(true),
      /** The member's own reminder time ("HH:MM", group zone); the group's when null. */
      reminderTime: text(),
    },
    (t) => [uniqueIndex('enrolments_group_member').on(t.groupId, t.memberId)],
  );

  const topicCompletions = table(
    'topic_completions',
    {
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      memberId: int().notNull().references(() => members.id),
      topicId: text().notNull(),
      completedAt: ms().notNull(),
    },
    (t) => [primaryKey({ columns: [t.groupId, t.memberId, t.topicId] })],
  );

  const dailyChallenges = table(
    'daily_challenges',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      localDate: text().notNull(),
      challengeId: text().notNull(),
      /** Which pass through the roadmap's challenges this pick belongs to. */
      cycle: int().notNull(),
      createdAt: createdAt(),
    },
    (t) => [
      uniqueIndex('daily_challenges_group_date').on(t.groupId, t.localDate),
      index('daily_challenges_group_cycle').on(t.groupId, t.cycle),
    ],
  );

  const quizAttempts = table(
    'quiz_attempts',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      memberId: int().notNull().references(() => members.id),
      dailyChallengeId: int().notNull().references(() => dailyChallenges.id),
      answer: text().notNull(),
      correct: bool().notNull(),
      createdAt: createdAt(),
    },
    // One scored attempt per member per daily challenge.
    (t) => [uniqueIndex('quiz_attempts_once').on(t.dailyChallengeId, t.memberId)],
  );

  const submissions = table(
    'submissions',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      memberId: int().notNull().references(() => members.id),
      challengeId: text().notNull(),
      content: text().notNull(),
      status: text({ enum: ['pending', 'changes_requested', 'approved', 'withdrawn'] }).notNull(),
      /** The submission this one resubmits after changes were requested. */
      previousId: int(),
      reviewerId: int().references(() => members.id),
      feedback: text(),
      createdAt: createdAt(),
      decidedAt: ms(),
      /** The mentor holding a claim; the claim holds while claimedUntil is in the future. */
      claimedBy: int().references(() => members.id),
      claimedUntil: ms(),
      /** When any mentor first claimed or decided it: "time to first review". */
      firstReviewAt: ms(),
      firstReviewBy: int(),
      /** The task's criteria (1-based numbers, comma-separated) the decision marked met / missed. */
      criteriaMet: text(),
      criteriaMissed: text(),
    },
    (t) => [
      index('submissions_queue').on(t.groupId, t.status, t.createdAt),
      index('submissions_member_challenge').on(t.groupId, t.memberId, t.challengeId),
    ],
  );

  /** Qualifying activity per local day: what streaks are made of. */
  const activities = table(
    'activities',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      memberId: int().notNull().references(() => members.id),
      localDate: text().notNull(),
      kind: text({ enum: ['answer', 'submission', 'topic'] }).notNull(),
      at: ms().notNull(),
    },
    (t) => [index('activities_member_date').on(t.groupId, t.memberId, t.localDate)],
  );

  /**
   * The streak fold of `activities`, kept up to date in the same transaction as
   * each activity insert. Leaderboards by streak read this instead of folding
   * thousands of members' histories per request.
   */
  const streaks = table(
    'streaks',
    {
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      memberId: int().notNull().references(() => members.id),
      current: int().notNull(),
      longest: int().notNull(),
      freezes: int().notNull(),
      /** Active days since the last freeze was earned. */
      runDays: int().notNull(),
      lastActive: text().notNull(),
    },
    (t) => [primaryKey({ columns: [t.groupId, t.memberId] })],
  );

  /** Every point ever awarded, with its reason. Totals are sums over this. */
  const ledger = table(
    'ledger',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      memberId: int().notNull().references(() => members.id),
      points: int().notNull(),
      reason: text().notNull(),
      /** What earned it ("quiz:12", "task:7", "topic:http"): unique per member so nothing is paid twice. */
      ref: text().notNull(),
      at: ms().notNull(),
    },
    (t) => [
      uniqueIndex('ledger_once').on(t.groupId, t.memberId, t.ref),
      index('ledger_group_time').on(t.groupId, t.at, t.memberId, t.points),
    ],
  );

  /**
   * One row per scheduled send: the daily post, the weekly leaderboard (target
   * member 0) or a member's streak reminder, for one local date of the group.
   * The row is claimed in a transaction before sending, so two bot processes,
   * a retry or a restart can never send the same thing twice.
   */
  const scheduledRuns = table(
    'scheduled_runs',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      job: text({ enum: ['daily', 'weekly', 'reminder'] }).notNull(),
      /** The member for reminders; 0 for group posts. */
      memberId: int().notNull(),
      localDate: text().notNull(),
      status: text({ enum: ['claimed', 'sent', 'failed', 'missed'] }).notNull(),
      attempts: int().notNull().default(0),
      /** The platform's id of what was posted. */
      messageId: text(),
      error: text(),
      claimedAt: ms().notNull(),
      updatedAt: ms().notNull(),
    },
    (t) => [
      uniqueIndex('scheduled_runs_once').on(t.job, t.groupId, t.memberId, t.localDate),
      index('scheduled_runs_date').on(t.localDate),
    ],
  );

  /**
   * Where a conversation lives on the platform: the review of one learner's
   * task is one thread (a Discord thread channel, a Slack `thread_ts`), found
   * again by its key for the mentor's decision and the learner's resubmission.
   */
  const threads = table(
    'threads',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      key: text().notNull(),
      /** The channel the thread's first message was posted in. */
      channelId: text().notNull(),
      /** Discord: the thread channel's id. Slack: the first message's ts. */
      threadId: text().notNull(),
      createdAt: createdAt(),
    },
    (t) => [uniqueIndex('threads_community_key').on(t.communityId, t.key)],
  );

  /**
   * Platform deliveries already acted on (a Slack trigger_id): Slack retries
   * one it thinks was lost, and with several processes the retry may reach
   * another process, so "seen" is decided here, not in memory.
   */
  const deliveries = table(
    'deliveries',
    {
      platform: text({ enum: ['discord', 'slack', 'shell'] }).notNull(),
      deliveryId: text().notNull(),
      seenAt: ms().notNull(),
    },
    (t) => [primaryKey({ columns: [t.platform, t.deliveryId] }), index('deliveries_seen_at').on(t.seenAt)],
  );

  /** A group's saved replies: `:name:` in feedback expands to the text. */
  const reviewSnippets = table(
    'review_snippets',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      name: text().notNull(),
      text: text().notNull(),
      createdBy: int().notNull().references(() => members.id),
      createdAt: createdAt(),
    },
    (t) => [uniqueIndex('review_snippets_group_name').on(t.groupId, t.name)],
  );

  /**
   * Points mentors earn for reviews, kept apart from the learners' ledger so
   * mentoring never changes the learners' leaderboard. One row per reviewed
   * submission: `ref` is unique per group, so a review is never paid twice.
   */
  const mentorLedger = table(
    'mentor_ledger',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      memberId: int().notNull().references(() => members.id),
      points: int().notNull(),
      reason: text().notNull(),
      ref: text().notNull(),
      at: ms().notNull(),
    },
    (t) => [uniqueIndex('mentor_ledger_once').on(t.groupId, t.ref), index('mentor_ledger_group_time').on(t.groupId, t.at)],
  );

  /** Nudges and escalations of waiting work: claimed once per submission and threshold, before sending. */
  const reviewNotices = table(
    'review_notices',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      submissionId: int().notNull().references(() => submissions.id),
      kind: text({ enum: ['nudge', 'escalate'] }).notNull(),
      at: ms().notNull(),
    },
    (t) => [uniqueIndex('review_notices_once').on(t.submissionId, t.kind)],
  );

  /** Where a message Cohort may edit later was posted (a submission's post), found by key. */
  const posts = table(
    'posts',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      key: text().notNull(),
      channelId: text().notNull(),
      /** Discord: the message id. Slack: the message's ts. */
      messageId: text().notNull(),
      createdAt: createdAt(),
    },
    (t) => [uniqueIndex('posts_community_key').on(t.communityId, t.key)],
  );

  /**
   * What a member shared in a group's channel from an only-you answer (the
   * Share button on /challenge today and /leaderboard): once per group,
   * thing and local day, whoever presses first, from any process.
   */
  const shares = table(
    'shares',
    {
      id: serial(),
      communityId: int().notNull().references(() => communities.id),
      groupId: int().notNull().references(() => groups.id),
      /** What was shared, e.g. "challenge" or "leaderboard:week:points". */
      key: text().notNull(),
      localDate: text().notNull(),
      sharedBy: int().notNull().references(() => members.id),
      at: ms().notNull(),
    },
    (t) => [uniqueIndex('shares_once').on(t.groupId, t.key, t.localDate)],
  );

  return {
    shares,
    reviewSnippets,
    mentorLedger,
    reviewNotices,
    posts,
    communities,
    deliveries,
    members,
    groups,
    groupMentors,
    enrolments,
    topicCompletions,
    dailyChallenges,
    quizAttempts,
    submissions,
    activities,
    streaks,
    ledger,
    scheduledRuns,
    threads,
  };
}
