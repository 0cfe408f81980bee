ALTER TABLE `groups` ADD `cards` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `card_theme` text DEFAULT 'light' NOT NULL;