CREATE TYPE "public"."notice_recipient_kind" AS ENUM('region', 'institution');--> statement-breakpoint
CREATE TABLE "notice_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notice_id" uuid,
	"uploaded_by_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"kind" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_recipients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"kind" "notice_recipient_kind" NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"institution_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_id" uuid,
	"acknowledged_by_name" text,
	"reminded_at" timestamp with time zone,
	"remind_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sender_region_code" varchar(12) NOT NULL,
	"sender_id" uuid NOT NULL,
	"sender_name" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"ack_deadline" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notice_attachments" ADD CONSTRAINT "notice_attachments_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_recipients" ADD CONSTRAINT "notice_recipients_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_attachments_notice_idx" ON "notice_attachments" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "notice_recipients_notice_idx" ON "notice_recipients" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "notice_recipients_region_idx" ON "notice_recipients" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "notice_recipients_inst_idx" ON "notice_recipients" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "notices_sender_idx" ON "notices" USING btree ("sender_region_code","created_at");