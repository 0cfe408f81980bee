CREATE TABLE "shares" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"key" text NOT NULL,
	"local_date" text NOT NULL,
	"shared_by" integer NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shares" ADD CONSTRAINT "shares_shared_by_members_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shares_once" ON "shares" USING btree ("group_id","key","local_date");