CREATE TABLE `deliveries` (
	`platform` text NOT NULL,
	`delivery_id` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `delivery_id`)
);
--> statement-breakpoint
CREATE INDEX `deliveries_seen_at` ON `deliveries` (`seen_at`);--> statement-breakpoint
ALTER TABLE `communities` ADD `welcomed_at` integer;--> statement-breakpoint
-- Communities known before this migration were welcomed when they were first seen.
UPDATE `communities` SET `welcomed_at` = `created_at`;
