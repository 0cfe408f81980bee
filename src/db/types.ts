import type * as schema from './schema/sqlite.ts';

export type { Q } from './store.ts';

export type CommunityRow = typeof schema.communities.$inferSelect;
export type MemberRow = typeof schema.members.$inferSelect;
export type GroupRow = typeof schema.groups.$inferSelect;
export type EnrolmentRow = typeof schema.enrolments.$inferSelect;
export type DailyChallengeRow = typeof schema.dailyChallenges.$inferSelect;
export type SubmissionRow = typeof schema.submissions.$inferSelect;
export type StreakRow = typeof schema.streaks.$inferSelect;
export type ScheduledRunRow = typeof schema.scheduledRuns.$inferSelect;
export type Platform = CommunityRow['platform'];
export type ThreadRow = typeof schema.threads.$inferSelect;
