CREATE TYPE "public"."call_status" AS ENUM('open', 'claimed', 'verified', 'closed');--> statement-breakpoint
CREATE TYPE "public"."hotline_category" AS ENUM('medical', 'economic', 'stranded', 'living', 'child', 'vagrant', 'migrant_worker', 'consultation', 'other');--> statement-breakpoint
CREATE TYPE "public"."hotline_urgency" AS ENUM('urgent', 'normal');--> statement-breakpoint
CREATE TABLE "hotline_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"town_code" varchar(12) NOT NULL,
	"caller_name_enc" text NOT NULL,
	"caller_phone_enc" text NOT NULL,
	"caller_phone_index" text NOT NULL,
	"address_enc" text NOT NULL,
	"category" "hotline_category" NOT NULL,
	"urgency" "hotline_urgency" NOT NULL,
	"content" text NOT NULL,
	"status" "call_status" DEFAULT 'open' NOT NULL,
	"taken_by_id" uuid NOT NULL,
	"taken_by_name" text NOT NULL,
	"claimed_by_id" uuid,
	"claimed_by_name" text,
	"claimed_at" timestamp with time zone,
	"verify_due_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_numbers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"hours" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "hotline_calls_town_idx" ON "hotline_calls" USING btree ("town_code","status");--> statement-breakpoint
CREATE INDEX "hotline_calls_phone_idx" ON "hotline_calls" USING btree ("caller_phone_index");--> statement-breakpoint
CREATE INDEX "hotline_calls_created_idx" ON "hotline_calls" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "hotline_numbers_region_idx" ON "hotline_numbers" USING btree ("region_code");