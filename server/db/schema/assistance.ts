import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { households } from './beneficiaries';

/** A town's reserve fund (备用金), in fen. The check constraint keeps it from ever going negative. */
export const reserveFunds = pgTable(
  'reserve_funds',
  {
    townCode: varchar('town_code', { length: 12 }).primaryKey(),
    balanceFen: bigint('balance_fen', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('reserve_funds_not_negative', sql`${t.balanceFen} >= 0`)],
);

/** Every change of a fund: allocations by the county (+) and payments (−). */
export const fundMovements = pgTable(
  'fund_movements',
  {
    id: uuid('id').primaryKey(),
    townCode: varchar('town_code', { length: 12 }).notNull(),
    kind: text('kind').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    balanceAfterFen: bigint('balance_after_fen', { mode: 'number' }).notNull(),
    grantId: uuid('grant_id'),
    note: text('note'),
    byName: text('by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('fund_movements_town_idx').on(t.townCode, t.createdAt)],
);

/**
 * Temporary assistance (临时救助) to a household, paid from its town's fund. A provisional grant is
 * paid at once and opens a paperwork debt; above the approval threshold a second person approves first.
 */
export const grants = pgTable(
  'assistance_grants',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    townCode: varchar('town_code', { length: 12 }).notNull(),
    callId: uuid('call_id'),
    /** The household in the beneficiary registry, when the recipient is registered (null otherwise). */
    householdId: uuid('household_id').references(() => households.id),
    recipientNameEnc: text('recipient_name_enc').notNull(),
    recipientPhoneEnc: text('recipient_phone_enc').notNull(),
    recipientPhoneIndex: text('recipient_phone_index').notNull(),
    recipientIdEnc: text('recipient_id_enc'),
    recipientIdIndex: text('recipient_id_index'),
    householdSize: integer('household_size').notNull(),
    reason: text('reason').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    provisional: boolean('provisional').notNull(),
    status: text('status').notNull(),
    createdById: uuid('created_by_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    approvedById: uuid('approved_by_id'),
    approvedByName: text('approved_by_name'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paperworkDueOn: date('paperwork_due_on', { mode: 'string' }),
    paperworkStatus: text('paperwork_status'),
    paperworkNote: text('paperwork_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('grants_town_idx').on(t.townCode, t.createdAt),
    index('grants_id_idx').on(t.recipientIdIndex),
    index('grants_phone_idx').on(t.recipientPhoneIndex),
    index('grants_household_idx').on(t.householdId),
  ],
);

/**
 * The approval threshold of a county (effective for every town below it): a grant above it waits for a
 * second person. A county without a row uses the default (`DEFAULT_APPROVAL_THRESHOLD_FEN`).
 */
export const approvalThresholds = pgTable(
  'assistance_approval_thresholds',
  {
    countyCode: varchar('county_code', { length: 12 }).primaryKey(),
    thresholdFen: bigint('threshold_fen', { mode: 'number' }).notNull(),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('assistance_approval_thresholds_not_negative', sql`${t.thresholdFen} >= 0`)],
);
