import { CONTACT_CHANNELS, CONTACT_OUTCOMES, SWEEP_STATUSES } from '../../../common/enums';
import { bigserial, index, integer, pgEnum, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { beneficiaryProgramme, households } from './beneficiaries';
import { hotlineCalls } from './hotline';

export const sweepStatus = pgEnum('sweep_status', SWEEP_STATUSES);
export const contactChannel = pgEnum('contact_channel', CONTACT_CHANNELS);
export const contactOutcome = pgEnum('contact_outcome', CONTACT_OUTCOMES);

/**
 * An outreach sweep (走访排查) over a part of the registry: the active households of the chosen
 * programmes under a region. Its households are computed, not copied; see sweeps.worklist.ts.
 */
export const sweeps = pgTable(
  'sweeps',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    name: text('name').notNull(),
    programmes: beneficiaryProgramme('programmes').array().notNull(),
    /** "No contact for N days" risk threshold. */
    noContactDays: integer('no_contact_days').notNull(),
    /** "A recent hotline call" looks back this many days. */
    hotlineDays: integer('hotline_days').notNull(),
    status: sweepStatus('status').notNull().default('open'),
    startedById: uuid('started_by_id').notNull(),
    startedByName: text('started_by_name').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('sweeps_region_idx').on(t.regionCode)],
);

/** One contact with a household during a sweep; the latest one per household is its outcome. */
export const sweepContacts = pgTable(
  'sweep_contacts',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    sweepId: uuid('sweep_id')
      .notNull()
      .references(() => sweeps.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    cadreId: uuid('cadre_id').notNull(),
    cadreName: text('cadre_name').notNull(),
    channel: contactChannel('channel').notNull(),
    outcome: contactOutcome('outcome').notNull(),
    note: text('note'),
    /** The hotline case opened for a household found in difficulty. */
    callId: uuid('call_id').references(() => hotlineCalls.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sweep_contacts_sweep_idx').on(t.sweepId, t.householdId, t.seq), index('sweep_contacts_region_idx').on(t.sweepId, t.regionCode)],
);
