CREATE TYPE "public"."rescue_category" AS ENUM('vagrant', 'beggar', 'stranded', 'migrant_worker');--> statement-breakpoint
CREATE TYPE "public"."rescue_help_kind" AS ENUM('food', 'lodging', 'medical', 'ticket', 'clothing', 'cash');--> statement-breakpoint
CREATE TYPE "public"."rescue_placement_kind" AS ENUM('station', 'home', 'hospital', 'declined');--> statement-breakpoint
CREATE TYPE "public"."rescue_sex" AS ENUM('male', 'female', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."rescue_source" AS ENUM('patrol', 'hotline', 'walk_in', 'referral');--> statement-breakpoint
CREATE TYPE "public"."rescue_status" AS ENUM('found', 'helped', 'screening', 'placed', 'returned', 'closed');--> statement-breakpoint
CREATE TABLE "rescue_helps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "rescue_help_kind" NOT NULL,
	"amount_fen" integer,
	"note" text,
	"given_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rescue_patrols" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"patrolled_at" timestamp with time zone NOT NULL,
	"team" text NOT NULL,
	"area" text NOT NULL,
	"findings" text NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rescue_persons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"patrol_id" uuid,
	"hotline_call_id" uuid,
	"source" "rescue_source" NOT NULL,
	"category" "rescue_category" NOT NULL,
	"name_enc" text,
	"approx_age" integer,
	"minor" boolean NOT NULL,
	"sex" "rescue_sex" NOT NULL,
	"id_number_enc" text,
	"id_number_index" text,
	"phone_enc" text,
	"phone_index" text,
	"found_place" text NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	"condition" text NOT NULL,
	"status" "rescue_status" DEFAULT 'found' NOT NULL,
	"closed_reason" text,
	"created_by_id" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rescue_placements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "rescue_placement_kind" NOT NULL,
	"institution_id" uuid,
	"isolation_person_id" uuid,
	"note" text,
	"placed_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "rescue_helps" ADD CONSTRAINT "rescue_helps_person_id_rescue_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."rescue_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescue_persons" ADD CONSTRAINT "rescue_persons_patrol_id_rescue_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."rescue_patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescue_placements" ADD CONSTRAINT "rescue_placements_person_id_rescue_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."rescue_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rescue_helps_person_idx" ON "rescue_helps" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "rescue_patrols_region_idx" ON "rescue_patrols" USING btree ("region_code","patrolled_at");--> statement-breakpoint
CREATE INDEX "rescue_persons_region_idx" ON "rescue_persons" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "rescue_persons_patrol_idx" ON "rescue_persons" USING btree ("patrol_id");--> statement-breakpoint
CREATE INDEX "rescue_persons_id_idx" ON "rescue_persons" USING btree ("id_number_index");--> statement-breakpoint
CREATE INDEX "rescue_persons_phone_idx" ON "rescue_persons" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "rescue_placements_person_idx" ON "rescue_placements" USING btree ("person_id");