CREATE TABLE "home_verifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"visitors" text NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"findings" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_movements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_code" varchar(12) NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"balance_after_fen" bigint NOT NULL,
	"grant_id" uuid,
	"note" text,
	"by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistance_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"town_code" varchar(12) NOT NULL,
	"call_id" uuid,
	"recipient_name_enc" text NOT NULL,
	"recipient_phone_enc" text NOT NULL,
	"recipient_phone_index" text NOT NULL,
	"recipient_id_enc" text,
	"recipient_id_index" text,
	"household_size" integer NOT NULL,
	"reason" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"provisional" boolean NOT NULL,
	"status" text NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"approved_by_id" uuid,
	"approved_by_name" text,
	"paid_at" timestamp with time zone,
	"paperwork_due_on" date,
	"paperwork_status" text,
	"paperwork_note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserve_funds" (
	"town_code" varchar(12) PRIMARY KEY NOT NULL,
	"balance_fen" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reserve_funds_not_negative" CHECK ("reserve_funds"."balance_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "home_verifications" ADD CONSTRAINT "home_verifications_call_id_hotline_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."hotline_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "home_verifications_call_idx" ON "home_verifications" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "fund_movements_town_idx" ON "fund_movements" USING btree ("town_code","created_at");--> statement-breakpoint
CREATE INDEX "grants_town_idx" ON "assistance_grants" USING btree ("town_code","created_at");--> statement-breakpoint
CREATE INDEX "grants_id_idx" ON "assistance_grants" USING btree ("recipient_id_index");--> statement-breakpoint
CREATE INDEX "grants_phone_idx" ON "assistance_grants" USING btree ("recipient_phone_index");