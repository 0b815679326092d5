CREATE TYPE "public"."incident_kind" AS ENUM('suspected_case', 'confirmed_case', 'fever_cluster', 'death', 'missing_person', 'other');--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"region_code" varchar(12),
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" integer,
	"error" text,
	"delivered" boolean DEFAULT false NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reminder_ladders" (
	"region_code" varchar(12) PRIMARY KEY NOT NULL,
	"steps" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"day" date NOT NULL,
	"step" integer NOT NULL,
	"target" text NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "welfare_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_name" text
);
--> statement-breakpoint
CREATE TABLE "incident_acks" (
	"incident_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incident_acks_incident_id_user_id_pk" PRIMARY KEY("incident_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"kind" "incident_kind" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"description" text NOT NULL,
	"persons_affected" integer DEFAULT 0 NOT NULL,
	"reported_by_id" uuid NOT NULL,
	"reported_by_name" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_name" text,
	"resolution" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_round_results" (
	"round_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"residents_tested" integer NOT NULL,
	"staff_tested" integer NOT NULL,
	"negative" integer NOT NULL,
	"positive" integer NOT NULL,
	"not_tested" jsonb NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_name" text NOT NULL,
	CONSTRAINT "test_round_results_round_id_institution_id_pk" PRIMARY KEY("round_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "test_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"types" jsonb NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"carried_from_id" uuid,
	"created_by_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "isolation_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"symptoms" boolean,
	"temperature" numeric(4, 1),
	"test_result" text,
	"note" text,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "isolation_persons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"role" text NOT NULL,
	"reason" text NOT NULL,
	"name_enc" text NOT NULL,
	"id_number_enc" text,
	"id_number_index" text,
	"start_date" date NOT NULL,
	"required_days" integer NOT NULL,
	"screening_required" boolean DEFAULT false NOT NULL,
	"screening_done" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'isolating' NOT NULL,
	"admitted_at" timestamp with time zone,
	"override_by_id" uuid,
	"override_approver_id" uuid,
	"override_reason" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "isolation_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"effective_from" date NOT NULL,
	"days" integer NOT NULL,
	"reason" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_movements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"institution_id" uuid NOT NULL,
	"category" text NOT NULL,
	"delta" numeric(14, 2) NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"source_id" uuid,
	"note" text,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supply_norms" (
	"institution_type" text NOT NULL,
	"category" text NOT NULL,
	"days" integer NOT NULL,
	"only_tekun" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supply_norms_institution_type_category_pk" PRIMARY KEY("institution_type","category")
);
--> statement-breakpoint
CREATE TABLE "supply_stocks" (
	"institution_id" uuid NOT NULL,
	"category" text NOT NULL,
	"quantity" numeric(14, 2) NOT NULL,
	"unit" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supply_stocks_institution_id_category_pk" PRIMARY KEY("institution_id","category")
);
--> statement-breakpoint
ALTER TABLE "incident_acks" ADD CONSTRAINT "incident_acks_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_round_results" ADD CONSTRAINT "test_round_results_round_id_test_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."test_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "isolation_checks" ADD CONSTRAINT "isolation_checks_person_id_isolation_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."isolation_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("delivered","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_log_once_idx" ON "reminder_log" USING btree ("institution_id","day","step");--> statement-breakpoint
CREATE INDEX "reminder_log_day_idx" ON "reminder_log" USING btree ("day","region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "welfare_tasks_once_idx" ON "welfare_tasks" USING btree ("institution_id","day");--> statement-breakpoint
CREATE INDEX "welfare_tasks_region_idx" ON "welfare_tasks" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "incidents_region_idx" ON "incidents" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "test_round_results_region_idx" ON "test_round_results" USING btree ("round_id","region_code");--> statement-breakpoint
CREATE INDEX "test_rounds_region_idx" ON "test_rounds" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "isolation_checks_person_idx" ON "isolation_checks" USING btree ("person_id","day");--> statement-breakpoint
CREATE INDEX "isolation_persons_inst_idx" ON "isolation_persons" USING btree ("institution_id","status");--> statement-breakpoint
CREATE INDEX "isolation_persons_id_idx" ON "isolation_persons" USING btree ("id_number_index");--> statement-breakpoint
CREATE INDEX "isolation_policies_region_idx" ON "isolation_policies" USING btree ("region_code","effective_from");--> statement-breakpoint
CREATE INDEX "supply_movements_inst_idx" ON "supply_movements" USING btree ("institution_id","category","day");