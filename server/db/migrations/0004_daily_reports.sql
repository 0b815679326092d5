CREATE TYPE "public"."report_kind" AS ENUM('report', 'zero', 'not_applicable');--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_scope_key_pk" PRIMARY KEY("user_id","scope","key")
);
--> statement-breakpoint
CREATE TABLE "daily_report_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL,
	"replaced_by_id" uuid NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "daily_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"day" date NOT NULL,
	"kind" "report_kind" NOT NULL,
	"figures" jsonb,
	"checklist" jsonb,
	"signer" text,
	"reason" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"submitted_by_name" text NOT NULL,
	"on_behalf" boolean NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"on_time" boolean NOT NULL,
	"official_kind" "report_kind",
	"official_figures" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"corrected_at" timestamp with time zone,
	"correction_reason" text
);
--> statement-breakpoint
CREATE TABLE "reporting_deadlines" (
	"region_code" varchar(12) PRIMARY KEY NOT NULL,
	"time" varchar(5) NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "daily_report_versions" ADD CONSTRAINT "daily_report_versions_report_id_daily_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."daily_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_reports" ADD CONSTRAINT "daily_reports_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "daily_report_versions_report_idx" ON "daily_report_versions" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "daily_reports_inst_day_idx" ON "daily_reports" USING btree ("institution_id","day");--> statement-breakpoint
CREATE INDEX "daily_reports_day_region_idx" ON "daily_reports" USING btree ("day","region_code");