import { INSTITUTION_STATUSES, INSTITUTION_TYPES } from '../../../common/enums';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

export const institutionType = pgEnum('institution_type', INSTITUTION_TYPES);
export const institutionStatus = pgEnum('institution_status', INSTITUTION_STATUSES);

export const institutions = pgTable(
  'institutions',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** Normalised name: duplicates are the same key in the same town or village. */
    nameKey: text('name_key').notNull(),
    type: institutionType('type').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    beds: integer('beds').notNull(),
    residents: integer('residents').notNull(),
    housesTekun: boolean('houses_tekun').notNull(),
    staff: integer('staff').notNull(),
    responsiblePerson: text('responsible_person').notNull(),
    responsiblePhone: text('responsible_phone').notNull(),
    dutyPhone: text('duty_phone'),
    /** First business day the institution exists (and is expected to report). */
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('institutions_region_idx').on(t.regionCode),
    index('institutions_type_idx').on(t.type),
    uniqueIndex('institutions_region_name_idx').on(t.regionCode, t.nameKey),
  ],
);

/**
 * Effective-dated status events. The status on day D is the event with the greatest
 * (effective_from, seq) whose effective_from <= D; before any event an institution is operating.
 */
export const institutionStatusEvents = pgTable(
  'institution_status_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    status: institutionStatus('status').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    plannedEnd: date('planned_end', { mode: 'string' }),
    reason: text('reason').notNull(),
    /** Public notice text, e.g. for paused marriage registration. */
    noticeText: text('notice_text'),
    orderId: uuid('order_id'),
    orderedById: uuid('ordered_by_id'),
    orderedByName: text('ordered_by_name').notNull(),
    orderedByRegion: varchar('ordered_by_region', { length: 12 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('institution_status_events_inst_idx').on(t.institutionId, t.effectiveFrom, t.seq)],
);

/** A spreadsheet import between its dry run and its confirmation. */
export const institutionImports = pgTable('institution_imports', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  fileName: text('file_name').notNull(),
  rows: jsonb('rows').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
