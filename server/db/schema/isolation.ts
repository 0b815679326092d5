import { boolean, date, index, integer, numeric, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/** Isolation period before admission, effective-dated per region (inherited; 14 days by default). */
export const isolationPolicies = pgTable(
  'isolation_policies',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    days: integer('days').notNull(),
    reason: text('reason'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('isolation_policies_region_idx').on(t.regionCode, t.effectiveFrom)],
);

/** A resident or staff member isolating before (re)admission. Name and ID number are encrypted at rest. */
export const isolationPersons = pgTable(
  'isolation_persons',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    role: text('role').notNull(),
    reason: text('reason').notNull(),
    nameEnc: text('name_enc').notNull(),
    idNumberEnc: text('id_number_enc'),
    /** Keyed blind index (HMAC) of the ID number, for exact lookup without decrypting. */
    idNumberIndex: text('id_number_index'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** Isolation days in force for this person (recomputed when the policy changes while open). */
    requiredDays: integer('required_days').notNull(),
    screeningRequired: boolean('screening_required').notNull().default(false),
    screeningDone: boolean('screening_done').notNull().default(false),
    status: text('status').notNull().default('isolating'),
    admittedAt: timestamp('admitted_at', { withTimezone: true }),
    overrideById: uuid('override_by_id'),
    overrideApproverId: uuid('override_approver_id'),
    overrideReason: text('override_reason'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('isolation_persons_inst_idx').on(t.institutionId, t.status), index('isolation_persons_id_idx').on(t.idNumberIndex)],
);

export const isolationChecks = pgTable(
  'isolation_checks',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => isolationPersons.id),
    kind: text('kind').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    symptoms: boolean('symptoms'),
    temperature: numeric('temperature', { precision: 4, scale: 1 }),
    testResult: text('test_result'),
    note: text('note'),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('isolation_checks_person_idx').on(t.personId, t.day)],
);
