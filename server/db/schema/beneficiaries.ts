import { BENEFICIARY_PROGRAMMES, HOUSEHOLD_STATUSES, MEMBER_RELATIONS } from '../../../common/enums';
import { boolean, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

export const beneficiaryProgramme = pgEnum('beneficiary_programme', BENEFICIARY_PROGRAMMES);
export const householdStatus = pgEnum('household_status', HOUSEHOLD_STATUSES);
export const memberRelation = pgEnum('member_relation', MEMBER_RELATIONS);

/**
 * A household in the beneficiary registry (低保, 特困, ...). The address and the household's finances
 * are encrypted at rest; `regionCode` is where it lives (village or town), `townCode` its town.
 */
export const households = pgTable(
  'beneficiary_households',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    townCode: varchar('town_code', { length: 12 }).notNull(),
    addressEnc: text('address_enc').notNull(),
    /** Monthly household income and assets as declared, encrypted JSON (null when not declared). */
    financesEnc: text('finances_enc'),
    programme: beneficiaryProgramme('programme').notNull(),
    status: householdStatus('status').notNull(),
    memberCount: integer('member_count').notNull(),
    livingAlone: boolean('living_alone').notNull().default(false),
    lastContactAt: timestamp('last_contact_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('beneficiary_households_region_idx').on(t.regionCode, t.programme, t.status), index('beneficiary_households_town_idx').on(t.townCode)],
);

/**
 * A member of a household. Name, ID number and phone are encrypted; the ID number and phone have keyed
 * blind indexes for exact lookup. The birth date (from the ID number) and disability drive sweep risk.
 */
export const householdMembers = pgTable(
  'beneficiary_members',
  {
    id: uuid('id').primaryKey(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    nameEnc: text('name_enc').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: text('id_number_index').notNull(),
    phoneEnc: text('phone_enc'),
    phoneIndex: text('phone_index'),
    relation: memberRelation('relation').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    disability: boolean('disability').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('beneficiary_members_id_idx').on(t.idNumberIndex),
    index('beneficiary_members_household_idx').on(t.householdId),
    index('beneficiary_members_phone_idx').on(t.phoneIndex),
  ],
);

/** Status history of a household: enrolment steps, suspensions, exits — who, when, why. */
export const householdEvents = pgTable(
  'beneficiary_household_events',
  {
    id: uuid('id').primaryKey(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    status: householdStatus('status').notNull(),
    note: text('note'),
    byId: uuid('by_id').notNull(),
    byName: text('by_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('beneficiary_household_events_idx').on(t.householdId, t.at)],
);
