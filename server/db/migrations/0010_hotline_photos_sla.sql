CREATE TYPE "public"."contact_channel" AS ENUM('phone', 'wechat', 'visit');--> statement-breakpoint
CREATE TYPE "public"."contact_outcome" AS ENUM('fine', 'difficulty', 'unreachable');--> statement-breakpoint
CREATE TYPE "public"."sweep_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TABLE "sweep_contacts" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"sweep_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"cadre_id" uuid NOT NULL,
	"cadre_name" text NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"outcome" "contact_outcome" NOT NULL,
	"note" text,
	"call_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "sweep_contacts_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "sweeps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"programmes" "beneficiary_programme"[] NOT NULL,
	"no_contact_days" integer NOT NULL,
	"hotline_days" integer NOT NULL,
	"status" "sweep_status" DEFAULT 'open' NOT NULL,
	"started_by_id" uuid NOT NULL,
	"started_by_name" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sweep_contacts" ADD CONSTRAINT "sweep_contacts_sweep_id_sweeps_id_fk" FOREIGN KEY ("sweep_id") REFERENCES "public"."sweeps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sweep_contacts" ADD CONSTRAINT "sweep_contacts_household_id_beneficiary_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."beneficiary_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sweep_contacts" ADD CONSTRAINT "sweep_contacts_call_id_hotline_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."hotline_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sweep_contacts_sweep_idx" ON "sweep_contacts" USING btree ("sweep_id","household_id","seq");--> statement-breakpoint
CREATE INDEX "sweep_contacts_region_idx" ON "sweep_contacts" USING btree ("sweep_id","region_code");--> statement-breakpoint
CREATE INDEX "sweeps_region_idx" ON "sweeps" USING btree ("region_code");