CREATE TABLE `mentor_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`points` integer NOT NULL,
	`reason` text NOT NULL,
	`ref` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_ledger_once` ON `mentor_ledger` (`group_id`,`ref`);--> statement-breakpoint
CREATE INDEX `mentor_ledger_group_time` ON `mentor_ledger` (`group_id`,`at`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`key` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_community_key` ON `posts` (`community_id`,`key`);--> statement-breakpoint
CREATE TABLE `review_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`submission_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_notices_once` ON `review_notices` (`submission_id`,`kind`);--> statement-breakpoint
CREATE TABLE `review_snippets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`name` text NOT NULL,
	`text` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_snippets_group_name` ON `review_snippets` (`group_id`,`name`);--> statement-breakpoint
ALTER TABLE `groups` ADD `claim_minutes` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `review_nudge_hours` integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `review_escalate_hours` integer DEFAULT 72 NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `admin_member_id` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `claimed_by` integer REFERENCES members(id);--> statement-breakpoint
ALTER TABLE `submissions` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `first_review_at` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `first_review_by` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `criteria_met` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `criteria_missed` text;