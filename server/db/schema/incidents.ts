import { INCIDENT_KINDS } from '../../../common/enums';
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const incidentKind = pgEnum('incident_kind', INCIDENT_KINDS);

/** Reports outside the daily cycle: they reach every ancestor level at once and stay open until closed. */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey(),
    institutionId: uuid('institution_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    kind: incidentKind('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    description: text('description').notNull(),
    personsAffected: integer('persons_affected').notNull().default(0),
    reportedById: uuid('reported_by_id').notNull(),
    reportedByName: text('reported_by_name').notNull(),
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByName: text('closed_by_name'),
    resolution: text('resolution'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('incidents_region_idx').on(t.regionCode, t.status)],
);

export const incidentAcks = pgTable(
  'incident_acks',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id),
    userId: uuid('user_id').notNull(),
    userName: text('user_name').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.userId] })],
);
