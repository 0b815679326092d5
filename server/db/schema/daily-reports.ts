import { FIGURE_KEYS } from '../../../common/contracts/daily-reports';
import { REPORT_KINDS } from '../../../common/enums';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
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
  (t) => [
    uniqueIndex('daily_reports_inst_day_idx').on(t.institutionId, t.day),
    index('daily_reports_day_region_idx').on(t.day, t.regionCode),
  ],
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

/** Column name of a figure sum in the roll-up: live (`f_…`) or as frozen at the deadline (`o_…`). */
export const figureColumn = (view: 'live' | 'official', key: string) =>
  `${view === 'live' ? 'f' : 'o'}_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;

const figureSums = (view: 'live' | 'official') =>
  Object.fromEntries(
    FIGURE_KEYS.map((k) => [
      figureColumn(view, k),
      bigint(figureColumn(view, k), { mode: 'number' }).notNull().default(0),
    ]),
  );

/**
 * Per-day roll-up of one town (the first 9 digits of the institutions' region code, padded to 12),
 * maintained in the submitting transaction. Counties, cities, provinces and the country are sums over
 * town rows at read time, so no row is hot. `submitted_expected` (submissions by institutions expected
 * that day) gives missing = expected − submitted_expected and unexpected = submitted − submitted_expected;
 * the `o_*` columns are the official view (on time, as frozen at the deadline).
 */
export const dailyReportRollups = pgTable(
  'daily_report_rollups',
  {
    day: date('day', { mode: 'string' }).notNull(),
    townCode: varchar('town_code', { length: 12 }).notNull(),
    expected: integer('expected').notNull().default(0),
    submitted: integer('submitted').notNull().default(0),
    submittedExpected: integer('submitted_expected').notNull().default(0),
    reports: integer('reports').notNull().default(0),
    zero: integer('zero').notNull().default(0),
    notApplicable: integer('not_applicable').notNull().default(0),
    onTime: integer('on_time').notNull().default(0),
    late: integer('late').notNull().default(0),
    officialSubmittedExpected: integer('o_submitted_expected').notNull().default(0),
    officialReports: integer('o_reports').notNull().default(0),
    officialZero: integer('o_zero').notNull().default(0),
    officialNotApplicable: integer('o_not_applicable').notNull().default(0),
    ...figureSums('live'),
    ...figureSums('official'),
  },
  (t) => [primaryKey({ columns: [t.day, t.townCode] })],
);

/** Days whose `expected` column has been computed for every town (on the first read of the day). */
export const dailyReportRosterDays = pgTable('daily_report_roster_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
