import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

/** Reminder ladder of a region (inherited down the hierarchy): steps relative to the deadline. */
export const reminderLadders = pgTable('reminder_ladders', {
  regionCode: varchar('region_code', { length: 12 }).primaryKey(),
  /** [{ minutes: -60, target: 'institution' }, { minutes: 0, target: 'town' }, { minutes: 30, target: 'county' }] */
  steps: jsonb('steps').$type<Array<{ minutes: number; target: string }>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Every reminder sent; the unique index makes the job idempotent. */
export const reminderLog = pgTable(
  'reminder_log',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    step: integer('step').notNull(),
    target: text('target').notNull(),
    recipients: integer('recipients').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('reminder_log_once_idx').on(t.institutionId, t.day, t.step), index('reminder_log_day_idx').on(t.day, t.regionCode)],
);

/** A town's task to check on an institution that has been silent two days running. */
export const welfareTasks = pgTable(
  'welfare_tasks',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('open'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneByName: text('done_by_name'),
  },
  (t) => [uniqueIndex('welfare_tasks_once_idx').on(t.institutionId, t.day), index('welfare_tasks_region_idx').on(t.regionCode, t.status)],
);
