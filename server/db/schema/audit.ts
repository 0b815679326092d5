import { AUDIT_RESULTS } from '../../../common/enums';
import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const auditResult = pgEnum('audit_result', AUDIT_RESULTS);

/** Append-only, hash-chained: hash = HMAC(key, prevHash || canonical(row)). Triggers forbid UPDATE/DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    actorRole: text('actor_role'),
    actorRegion: varchar('actor_region', { length: 12 }),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    regionCode: varchar('region_code', { length: 12 }),
    result: auditResult('result').notNull(),
    details: jsonb('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_action_idx').on(t.action, t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
  ],
);
