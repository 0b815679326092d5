import { REPORT_KINDS } from '../../../common/enums';
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { institutions } from './institutions';

export const reportKind = pgEnum('report_kind', REPORT_KINDS);

/** One row per institution and business day; the unique index makes a second submission a 409. */
export const dailyReports = pgTable(
  'daily_reports',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    kind: reportKind('kind').notNull(),
    figures: jsonb('figures').$type<Record<string, unknown>>(),
    checklist: jsonb('checklist').$type<Record<string, boolean>>(),
    signer: text('signer'),
    reason: text('reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    submittedById: uuid('submitted_by_id').notNull(),
    submittedByName: text('submitted_by_name').notNull(),
    onBehalf: boolean('on_behalf').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    onTime: boolean('on_time').notNull(),
    /** As it stood at the deadline (null when late): the frozen official figures briefings use. */
    officialKind: reportKind('official_kind'),
    officialFigures: jsonb('official_figures').$type<Record<string, unknown>>(),
    version: integer('version').notNull().default(1),
    correctedAt: timestamp('corrected_at', { withTimezone: true }),
    correctionReason: text('correction_reason'),
  },
  (t) => [uniqueIndex('daily_reports_inst_day_idx').on(t.institutionId, t.day), index('daily_reports_day_region_idx').on(t.day, t.regionCode)],
);

/** Earlier versions of corrected reports. */
export const dailyReportVersions = pgTable(
  'daily_report_versions',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => dailyReports.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull(),
    replacedById: uuid('replaced_by_id').notNull(),
    reason: text('reason'),
  },
  (t) => [index('daily_report_versions_report_idx').on(t.reportId)],
);

/** Reporting deadline (Asia/Shanghai clock time) set for a region; descendants inherit it. */
export const reportingDeadlines = pgTable('reporting_deadlines', {
  regionCode: varchar('region_code', { length: 12 }).primaryKey(),
  time: varchar('time', { length: 5 }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
