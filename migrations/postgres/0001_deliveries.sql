CREATE TABLE "deliveries" (
	"platform" text NOT NULL,
	"delivery_id" text NOT NULL,
	"seen_at" bigint NOT NULL,
	CONSTRAINT "deliveries_platform_delivery_id_pk" PRIMARY KEY("platform","delivery_id")
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "welcomed_at" bigint;--> statement-breakpoint
CREATE INDEX "deliveries_seen_at" ON "deliveries" USING btree ("seen_at");--> statement-breakpoint
-- Communities known before this migration (copied from SQLite) were welcomed when first seen.
UPDATE "communities" SET "welcomed_at" = "created_at";
