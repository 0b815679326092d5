CREATE TYPE "public"."beneficiary_programme" AS ENUM('urban_dibao', 'rural_dibao', 'tekun_centralised', 'tekun_dispersed', 'disabled_in_difficulty', 'child_in_difficulty', 'orphan');--> statement-breakpoint
CREATE TYPE "public"."household_status" AS ENUM('applied', 'reviewed', 'active', 'rejected', 'suspended', 'exited');--> statement-breakpoint
CREATE TYPE "public"."member_relation" AS ENUM('head', 'spouse', 'child', 'parent', 'other');--> statement-breakpoint
CREATE TABLE "beneficiary_household_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"status" "household_status" NOT NULL,
	"note" text,
	"by_id" uuid NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "beneficiary_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"name_enc" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_index" text NOT NULL,
	"phone_enc" text,
	"phone_index" text,
	"relation" "member_relation" NOT NULL,
	"birth_date" date NOT NULL,
	"disability" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "beneficiary_households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"town_code" varchar(12) NOT NULL,
	"address_enc" text NOT NULL,
	"finances_enc" text,
	"programme" "beneficiary_programme" NOT NULL,
	"status" "household_status" NOT NULL,
	"member_count" integer NOT NULL,
	"living_alone" boolean DEFAULT false NOT NULL,
	"last_contact_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "beneficiary_household_events" ADD CONSTRAINT "beneficiary_household_events_household_id_beneficiary_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."beneficiary_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiary_members" ADD CONSTRAINT "beneficiary_members_household_id_beneficiary_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."beneficiary_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "beneficiary_household_events_idx" ON "beneficiary_household_events" USING btree ("household_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "beneficiary_members_id_idx" ON "beneficiary_members" USING btree ("id_number_index");--> statement-breakpoint
CREATE INDEX "beneficiary_members_household_idx" ON "beneficiary_members" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "beneficiary_members_phone_idx" ON "beneficiary_members" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "beneficiary_households_region_idx" ON "beneficiary_households" USING btree ("region_code","programme","status");--> statement-breakpoint
CREATE INDEX "beneficiary_households_town_idx" ON "beneficiary_households" USING btree ("town_code");