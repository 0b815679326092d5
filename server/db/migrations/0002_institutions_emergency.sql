CREATE TYPE "public"."institution_status" AS ENUM('operating', 'closed_management', 'gatherings_suspended', 'services_suspended', 'closed');--> statement-breakpoint
CREATE TYPE "public"."institution_type" AS ENUM('elderly_care', 'elderly_service_center', 'day_care', 'child_welfare', 'minor_protection', 'rescue_station', 'mental_health', 'funeral', 'marriage_registry', 'lottery_outlet');--> statement-breakpoint
CREATE TYPE "public"."response_level" AS ENUM('none', 'IV', 'III', 'II', 'I');--> statement-breakpoint
CREATE TABLE "institution_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"rows" jsonb NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_status_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"status" "institution_status" NOT NULL,
	"effective_from" date NOT NULL,
	"planned_end" date,
	"reason" text NOT NULL,
	"notice_text" text,
	"order_id" uuid,
	"ordered_by_id" uuid,
	"ordered_by_name" text NOT NULL,
	"ordered_by_region" varchar(12),
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "institution_status_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"type" "institution_type" NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"address" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"beds" integer NOT NULL,
	"residents" integer NOT NULL,
	"houses_tekun" boolean NOT NULL,
	"staff" integer NOT NULL,
	"responsible_person" text NOT NULL,
	"responsible_phone" text NOT NULL,
	"duty_phone" text,
	"registered_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "closure_order_institutions" (
	"order_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by_id" uuid,
	"lifted_by_name" text,
	"lift_reason" text,
	CONSTRAINT "closure_order_institutions_order_id_institution_id_pk" PRIMARY KEY("order_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "closure_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"issuing_bureau" text NOT NULL,
	"issued_by_id" uuid,
	"issued_by_name" text NOT NULL,
	"response_id" uuid,
	"starts_on" date NOT NULL,
	"planned_end" date,
	"measures" jsonb NOT NULL,
	"exemptions" text,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_responses" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"level" "response_level" NOT NULL,
	"previous_level" "response_level" NOT NULL,
	"reason" text,
	"set_by_id" uuid,
	"set_by_name" text NOT NULL,
	"set_by_region" varchar(12),
	"effective_at" timestamp with time zone NOT NULL,
	CONSTRAINT "emergency_responses_id_unique" UNIQUE("id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "institution_id" uuid;--> statement-breakpoint
ALTER TABLE "institution_status_events" ADD CONSTRAINT "institution_status_events_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closure_order_institutions" ADD CONSTRAINT "closure_order_institutions_order_id_closure_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."closure_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closure_order_institutions" ADD CONSTRAINT "closure_order_institutions_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "institution_status_events_inst_idx" ON "institution_status_events" USING btree ("institution_id","effective_from","seq");--> statement-breakpoint
CREATE INDEX "institutions_region_idx" ON "institutions" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "institutions_type_idx" ON "institutions" USING btree ("type");--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_region_name_idx" ON "institutions" USING btree ("region_code","name_key");--> statement-breakpoint
CREATE INDEX "closure_order_inst_idx" ON "closure_order_institutions" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "closure_orders_region_idx" ON "closure_orders" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "emergency_responses_region_idx" ON "emergency_responses" USING btree ("region_code","seq");