import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema.ts';

/** The database or a transaction on it: queries accept either. */
export type Q = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

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
