ALTER TABLE "groups" ADD COLUMN "cards" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "card_theme" text DEFAULT 'light' NOT NULL;