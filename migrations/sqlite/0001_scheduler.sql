CREATE TABLE `scheduled_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`job` text NOT NULL,
	`member_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`message_id` text,
	`error` text,
	`claimed_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheduled_runs_once` ON `scheduled_runs` (`job`,`group_id`,`member_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `scheduled_runs_date` ON `scheduled_runs` (`local_date`);--> statement-breakpoint
ALTER TABLE `enrolments` ADD `reminders_on` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `enrolments` ADD `reminder_time` text;--> statement-breakpoint
ALTER TABLE `groups` ADD `posts_paused_reason` text;