import { REGION_LEVELS, ROLES } from '../enums';
import { PERMISSIONS } from '../permissions';
import { RegionCode } from './common';
import { z } from './zod';

export const LoginInput = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  totpCode: z
    .string()
    .regex(/^\d{6}$/, '动态验证码为 6 位数字')
    .optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  regionCode: RegionCode,
  regionName: z.string(),
  regionLevel: z.enum(REGION_LEVELS),
  /** For institution reporters: the institution they report for. */
  institutionId: z.string().nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  totpEnrollmentRequired: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionInfo = z.object({ user: SessionUser, csrfToken: z.string() });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type TotpSetup = z.infer<typeof TotpSetup>;

export const TotpEnableInput = z.strictObject({ code: z.string().regex(/^\d{6}$/, '动态验证码为 6 位数字') });
export type TotpEnableInput = z.infer<typeof TotpEnableInput>;

export const SecurityPolicy = z.object({ totpRequiredRoles: z.array(z.enum(ROLES)) });
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

export const SecurityPolicyInput = z.strictObject({ totpRequiredRoles: z.array(z.enum(ROLES)).max(ROLES.length) });
export type SecurityPolicyInput = z.infer<typeof SecurityPolicyInput>;
