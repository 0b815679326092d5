import { RESPONSE_LEVELS } from '../../../common/enums';
import { bigserial, date, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { institutions } from './institutions';

export const responseLevel = pgEnum('response_level', RESPONSE_LEVELS);

/** Response level changes per region, newest wins; the history is the table. */
export const emergencyResponses = pgTable(
  'emergency_responses',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    level: responseLevel('level').notNull(),
    previousLevel: responseLevel('previous_level').notNull(),
    reason: text('reason'),
    setById: uuid('set_by_id'),
    setByName: text('set_by_name').notNull(),
    setByRegion: varchar('set_by_region', { length: 12 }),
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('emergency_responses_region_idx').on(t.regionCode, t.seq)],
);

export const closureOrders = pgTable(
  'closure_orders',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    issuingBureau: text('issuing_bureau').notNull(),
    issuedById: uuid('issued_by_id'),
    issuedByName: text('issued_by_name').notNull(),
    responseId: uuid('response_id'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    plannedEnd: date('planned_end', { mode: 'string' }),
    measures: jsonb('measures').$type<string[]>().notNull(),
    exemptions: text('exemptions'),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('closure_orders_region_idx').on(t.regionCode)],
);

export const closureOrderInstitutions = pgTable(
  'closure_order_institutions',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => closureOrders.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedById: uuid('lifted_by_id'),
    liftedByName: text('lifted_by_name'),
    liftReason: text('lift_reason'),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.institutionId] }), index('closure_order_inst_idx').on(t.institutionId)],
);
