import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/** A planned round of tests over a region's institutions of some types, in a date window. */
export const testRounds = pgTable(
  'test_rounds',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    name: text('name').notNull(),
    types: jsonb('types').$type<string[]>().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** The earlier round whose missed people are carried into this one. */
    carriedFromId: uuid('carried_from_id'),
    createdById: uuid('created_by_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('test_rounds_region_idx').on(t.regionCode)],
);

export const testRoundResults = pgTable(
  'test_round_results',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => testRounds.id),
    institutionId: uuid('institution_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    residentsTested: integer('residents_tested').notNull(),
    staffTested: integer('staff_tested').notNull(),
    negative: integer('negative').notNull(),
    positive: integer('positive').notNull(),
    /** [{ who: 'resident' | 'staff', label, reason }] */
    notTested: jsonb('not_tested').$type<Array<{ who: string; label: string; reason: string }>>().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedByName: text('recorded_by_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.institutionId] }), index('test_round_results_region_idx').on(t.roundId, t.regionCode)],
);
