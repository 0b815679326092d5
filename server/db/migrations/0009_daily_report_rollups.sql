CREATE TABLE "daily_report_rollups" (
	"day" date NOT NULL,
	"town_code" varchar(12) NOT NULL,
	"expected" integer DEFAULT 0 NOT NULL,
	"submitted" integer DEFAULT 0 NOT NULL,
	"submitted_expected" integer DEFAULT 0 NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"zero" integer DEFAULT 0 NOT NULL,
	"not_applicable" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"o_submitted_expected" integer DEFAULT 0 NOT NULL,
	"o_reports" integer DEFAULT 0 NOT NULL,
	"o_zero" integer DEFAULT 0 NOT NULL,
	"o_not_applicable" integer DEFAULT 0 NOT NULL,
	"f_residents_present" bigint DEFAULT 0 NOT NULL,
	"f_staff_on_site" bigint DEFAULT 0 NOT NULL,
	"f_staff_living_in" bigint DEFAULT 0 NOT NULL,
	"f_admissions" bigint DEFAULT 0 NOT NULL,
	"f_discharges" bigint DEFAULT 0 NOT NULL,
	"f_temperature_checks" bigint DEFAULT 0 NOT NULL,
	"f_fever_count" bigint DEFAULT 0 NOT NULL,
	"f_suspected_cases" bigint DEFAULT 0 NOT NULL,
	"f_confirmed_cases" bigint DEFAULT 0 NOT NULL,
	"f_isolated_count" bigint DEFAULT 0 NOT NULL,
	"f_tests_done" bigint DEFAULT 0 NOT NULL,
	"f_positives" bigint DEFAULT 0 NOT NULL,
	"f_visitors_refused" bigint DEFAULT 0 NOT NULL,
	"o_residents_present" bigint DEFAULT 0 NOT NULL,
	"o_staff_on_site" bigint DEFAULT 0 NOT NULL,
	"o_staff_living_in" bigint DEFAULT 0 NOT NULL,
	"o_admissions" bigint DEFAULT 0 NOT NULL,
	"o_discharges" bigint DEFAULT 0 NOT NULL,
	"o_temperature_checks" bigint DEFAULT 0 NOT NULL,
	"o_fever_count" bigint DEFAULT 0 NOT NULL,
	"o_suspected_cases" bigint DEFAULT 0 NOT NULL,
	"o_confirmed_cases" bigint DEFAULT 0 NOT NULL,
	"o_isolated_count" bigint DEFAULT 0 NOT NULL,
	"o_tests_done" bigint DEFAULT 0 NOT NULL,
	"o_positives" bigint DEFAULT 0 NOT NULL,
	"o_visitors_refused" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_report_rollups_day_town_code_pk" PRIMARY KEY("day","town_code")
);
--> statement-breakpoint
CREATE TABLE "daily_report_roster_days" (
	"day" date PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "home_verification_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"size" integer NOT NULL,
	"content_enc" "bytea" NOT NULL,
	"uploaded_by_id" uuid NOT NULL,
	"uploaded_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD COLUMN "payment_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD COLUMN "assisted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD COLUMN "close_note" text;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD COLUMN "verify_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "hotline_calls" ADD COLUMN "payment_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "home_verification_photos" ADD CONSTRAINT "home_verification_photos_call_id_hotline_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."hotline_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "home_verification_photos_call_idx" ON "home_verification_photos" USING btree ("call_id");