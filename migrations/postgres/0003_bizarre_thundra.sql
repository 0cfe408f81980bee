CREATE TABLE "mentor_ledger" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"ref" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"key" text NOT NULL,
	"channel_id" text NOT NULL,
	"message_id" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"submission_id" integer NOT NULL,
	"kind" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_snippets" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"name" text NOT NULL,
	"text" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "claim_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "review_nudge_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "review_escalate_hours" integer DEFAULT 72 NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "admin_member_id" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "claimed_by" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "claimed_until" bigint;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "first_review_at" bigint;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "first_review_by" integer;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "criteria_met" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "criteria_missed" text;--> statement-breakpoint
ALTER TABLE "mentor_ledger" ADD CONSTRAINT "mentor_ledger_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_ledger" ADD CONSTRAINT "mentor_ledger_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_ledger" ADD CONSTRAINT "mentor_ledger_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_snippets" ADD CONSTRAINT "review_snippets_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_snippets" ADD CONSTRAINT "review_snippets_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_snippets" ADD CONSTRAINT "review_snippets_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_ledger_once" ON "mentor_ledger" USING btree ("group_id","ref");--> statement-breakpoint
CREATE INDEX "mentor_ledger_group_time" ON "mentor_ledger" USING btree ("group_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_community_key" ON "posts" USING btree ("community_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "review_notices_once" ON "review_notices" USING btree ("submission_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "review_snippets_group_name" ON "review_snippets" USING btree ("group_id","name");--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_claimed_by_members_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;