import { ROLES } from '../enums';
import { Page, PageSize, RegionCode } from './common';
import { z } from './zod';

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-zA-Z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符');

export const PersonName = z.string().trim().min(1).max(50);

export const User = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  regionCode: RegionCode,
  regionName: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const UserList = z.object({ items: z.array(User), total: z.number().int() });
export type UserList = z.infer<typeof UserList>;

export const UserQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  region: RegionCode.optional(),
  page: Page,
  pageSize: PageSize,
});
export type UserQuery = z.infer<typeof UserQuery>;

export const CreateUserInput = z.strictObject({
  username: Username,
  name: PersonName,
  role: z.enum(ROLES),
  regionCode: RegionCode,
  /** Initial password; when absent a random one is generated and returned once. */
  password: z.string().min(1).max(256).optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.strictObject({
  version: z.number().int().min(1),
  name: PersonName.optional(),
  role: z.enum(ROLES).optional(),
  regionCode: RegionCode.optional(),
  disabled: z.boolean().optional(),
  /** Resets the password to a generated one (returned once) that must be changed at next login. */
  resetPassword: z.literal(true).optional(),
  /** Clears a lockout and the failed-login count. */
  unlock: z.literal(true).optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

/** A user as just created or reset: carries the one-time temporary password when one was generated. */
export const UserWithPassword = User.extend({ temporaryPassword: z.string().optional() });
export type UserWithPassword = z.infer<typeof UserWithPassword>;
