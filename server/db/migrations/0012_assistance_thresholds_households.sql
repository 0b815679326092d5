CREATE TABLE "assistance_approval_thresholds" (
	"county_code" varchar(12) PRIMARY KEY NOT NULL,
	"threshold_fen" bigint NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assistance_approval_thresholds_not_negative" CHECK ("assistance_approval_thresholds"."threshold_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "assistance_grants" ADD COLUMN "household_id" uuid;--> statement-breakpoint
ALTER TABLE "assistance_grants" ADD CONSTRAINT "assistance_grants_household_id_beneficiary_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."beneficiary_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grants_household_idx" ON "assistance_grants" USING btree ("household_id");