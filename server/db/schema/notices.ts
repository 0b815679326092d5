import { customType, index, integer, pgEnum, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const recipientKind = pgEnum('notice_recipient_kind', ['region', 'institution']);

export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey(),
    senderRegionCode: varchar('sender_region_code', { length: 12 }).notNull(),
    senderId: uuid('sender_id').notNull(),
    senderName: text('sender_name').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    ackDeadline: timestamp('ack_deadline', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notices_sender_idx').on(t.senderRegionCode, t.createdAt)],
);

export const noticeRecipients = pgTable(
  'notice_recipients',
  {
    id: uuid('id').primaryKey(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id),
    kind: recipientKind('kind').notNull(),
    /** The recipient region, or the region of the recipient institution. */
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    institutionId: uuid('institution_id'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedById: uuid('acknowledged_by_id'),
    acknowledgedByName: text('acknowledged_by_name'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    remindCount: integer('remind_count').notNull().default(0),
  },
  (t) => [
    index('notice_recipients_notice_idx').on(t.noticeId),
    index('notice_recipients_region_idx').on(t.regionCode),
    index('notice_recipients_inst_idx').on(t.institutionId),
  ],
);

export const noticeAttachments = pgTable(
  'notice_attachments',
  {
    id: uuid('id').primaryKey(),
    noticeId: uuid('notice_id').references(() => notices.id),
    uploadedById: uuid('uploaded_by_id').notNull(),
    fileName: text('file_name').notNull(),
    kind: text('kind').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notice_attachments_notice_idx').on(t.noticeId)],
);
