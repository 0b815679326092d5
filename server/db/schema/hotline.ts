import { CALL_STATUSES, HOTLINE_CATEGORIES, HOTLINE_URGENCIES } from '../../../common/enums';
import { customType, index, integer, pgEnum, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const hotlineCategory = pgEnum('hotline_category', HOTLINE_CATEGORIES);
export const hotlineUrgency = pgEnum('hotline_urgency', HOTLINE_URGENCIES);
export const callStatus = pgEnum('call_status', CALL_STATUSES);

/** The 24-hour assistance numbers a bureau publishes (public, no login). */
export const hotlineNumbers = pgTable(
  'hotline_numbers',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    hours: text('hours').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('hotline_numbers_region_idx').on(t.regionCode)],
);

/**
 * A call to the hotline, routed to the town where the hardship is. Caller name, phone and address are
 * encrypted at rest; the phone has a keyed blind index for "earlier calls of this caller".
 */
export const hotlineCalls = pgTable(
  'hotline_calls',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    townCode: varchar('town_code', { length: 12 }).notNull(),
    callerNameEnc: text('caller_name_enc').notNull(),
    callerPhoneEnc: text('caller_phone_enc').notNull(),
    callerPhoneIndex: text('caller_phone_index').notNull(),
    addressEnc: text('address_enc').notNull(),
    category: hotlineCategory('category').notNull(),
    urgency: hotlineUrgency('urgency').notNull(),
    content: text('content').notNull(),
    status: callStatus('status').notNull().default('open'),
    takenById: uuid('taken_by_id').notNull(),
    takenByName: text('taken_by_name').notNull(),
    claimedById: uuid('claimed_by_id'),
    claimedByName: text('claimed_by_name'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** Home verification is due the same business day. */
    verifyDueAt: timestamp('verify_due_at', { withTimezone: true }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** Emergency payment within 24 hours (urgent) or ordinary assistance within 3 working days; null on calls taken before the clock existed. */
    paymentDueAt: timestamp('payment_due_at', { withTimezone: true }),
    /** First payment of a grant linked to the call: stops the payment clock. */
    assistedAt: timestamp('assisted_at', { withTimezone: true }),
    /** Closed without assistance (consultation, referred elsewhere): stops the payment clock. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeNote: text('close_note'),
    /** When the overdue clock was escalated to the county (the job notifies once per clock). */
    verifyEscalatedAt: timestamp('verify_escalated_at', { withTimezone: true }),
    paymentEscalatedAt: timestamp('payment_escalated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('hotline_calls_town_idx').on(t.townCode, t.status),
    index('hotline_calls_phone_idx').on(t.callerPhoneIndex),
    index('hotline_calls_created_idx').on(t.createdAt),
  ],
);

/** Home verification of a call: who visited, when, what was found. */
export const homeVerifications = pgTable(
  'home_verifications',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => hotlineCalls.id),
    visitors: text('visitors').notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    findings: text('findings').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('home_verifications_call_idx').on(t.callId)],
);

/**
 * Photos of a home verification (jpg/png, content-checked, at most 10 MB). They show people's homes, so
 * the bytes are AES-256-GCM encrypted in the row (iv | tag | ciphertext), never written to disk as files.
 */
export const homeVerificationPhotos = pgTable(
  'home_verification_photos',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => hotlineCalls.id),
    kind: text('kind').notNull(),
    size: integer('size').notNull(),
    contentEnc: bytea('content_enc').notNull(),
    uploadedById: uuid('uploaded_by_id').notNull(),
    uploadedByName: text('uploaded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('home_verification_photos_call_idx').on(t.callId)],
);
