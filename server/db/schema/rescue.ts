import {
  RESCUE_CATEGORIES,
  RESCUE_HELP_KINDS,
  RESCUE_PLACEMENT_KINDS,
  RESCUE_SEXES,
  RESCUE_SOURCES,
  RESCUE_STATUSES,
} from '../../../common/enums';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

export const rescueCategory = pgEnum('rescue_category', RESCUE_CATEGORIES);
export const rescueSource = pgEnum('rescue_source', RESCUE_SOURCES);
export const rescueSex = pgEnum('rescue_sex', RESCUE_SEXES);
export const rescueStatus = pgEnum('rescue_status', RESCUE_STATUSES);
export const rescueHelpKind = pgEnum('rescue_help_kind', RESCUE_HELP_KINDS);
export const rescuePlacementKind = pgEnum('rescue_placement_kind', RESCUE_PLACEMENT_KINDS);

/** A street patrol (街面巡查): where, when, who went, what was found. */
export const rescuePatrols = pgTable(
  'rescue_patrols',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    patrolledAt: timestamp('patrolled_at', { withTimezone: true }).notNull(),
    team: text('team').notNull(),
    area: text('area').notNull(),
    findings: text('findings').notNull(),
    createdById: uuid('created_by_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rescue_patrols_region_idx').on(t.regionCode, t.patrolledAt)],
);

/**
 * A vagrant, beggar or stranded person found on a patrol or reported by the hotline. Name, ID number
 * and phone are encrypted at rest; ID number and phone also carry a keyed blind index, so an earlier
 * rescue of the same person (in any region) is found without decrypting.
 */
export const rescuePersons = pgTable(
  'rescue_persons',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    patrolId: uuid('patrol_id').references(() => rescuePatrols.id),
    hotlineCallId: uuid('hotline_call_id'),
    source: rescueSource('source').notNull(),
    category: rescueCategory('category').notNull(),
    nameEnc: text('name_enc'),
    approxAge: integer('approx_age'),
    minor: boolean('minor').notNull(),
    sex: rescueSex('sex').notNull(),
    idNumberEnc: text('id_number_enc'),
    idNumberIndex: text('id_number_index'),
    phoneEnc: text('phone_enc'),
    phoneIndex: text('phone_index'),
    foundPlace: text('found_place').notNull(),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull(),
    condition: text('condition').notNull(),
    status: rescueStatus('status').notNull().default('found'),
    closedReason: text('closed_reason'),
    createdById: uuid('created_by_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('rescue_persons_region_idx').on(t.regionCode, t.status),
    index('rescue_persons_patrol_idx').on(t.patrolId),
    index('rescue_persons_id_idx').on(t.idNumberIndex),
    index('rescue_persons_phone_idx').on(t.phoneIndex),
  ],
);

/** Help given to a person: food, lodging, medical care, a ticket home, clothing, cash (amount in fen). */
export const rescueHelps = pgTable(
  'rescue_helps',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => rescuePersons.id),
    kind: rescueHelpKind('kind').notNull(),
    amountFen: integer('amount_fen'),
    note: text('note'),
    givenByName: text('given_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rescue_helps_person_idx').on(t.personId)],
);

/**
 * Where a person went: a rescue station (a minor waits for the hospital screening of the isolation record
 * opened at the station, `isolationPersonId`, until `confirmedAt`), home, a hospital, or they declined.
 */
export const rescuePlacements = pgTable(
  'rescue_placements',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => rescuePersons.id),
    kind: rescuePlacementKind('kind').notNull(),
    institutionId: uuid('institution_id'),
    isolationPersonId: uuid('isolation_person_id'),
    note: text('note'),
    placedByName: text('placed_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [index('rescue_placements_person_idx').on(t.personId)],
);
