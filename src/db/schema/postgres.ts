// The schema on PostgreSQL: what drizzle-kit reads to write migrations/postgres/,
// and the tables the PostgreSQL store queries.
import { postgresColumns } from './columns.ts';
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
} = defineTables(postgresColumns);
