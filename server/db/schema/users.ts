import { ROLES } from '../../../common/enums';
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

export const role = pgEnum('role', ROLES);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    /** NFKC + lower-case + trimmed: the key that makes confusable names collide. */
    usernameKey: text('username_key').notNull(),
    name: text('name').notNull(),
    role: role('role').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    /** For institution reporters: the one institution they report for. */
    institutionId: uuid('institution_id'),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    disabled: boolean('disabled').notNull().default(false),
    /** Failed login times within the lockout window. */
    recentFailures: timestamp('recent_failures', { withTimezone: true }).array().notNull().default([]),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    totpLastStep: integer('totp_last_step'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('users_username_key_idx').on(t.usernameKey), index('users_region_idx').on(t.regionCode)],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);
