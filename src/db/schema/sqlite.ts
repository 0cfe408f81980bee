// The schema on SQLite: what drizzle-kit reads to write migrations/sqlite/,
// and the tables the SQLite store queries.
import { sqliteColumns } from './columns.ts';
import { defineTables } from './tables.ts';

export const {
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
  reviewSnippets,
  mentorLedger,
  reviewNotices,
  posts,
  shares,
} = defineTables(sqliteColumns);
