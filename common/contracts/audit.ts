import { AUDIT_RESULTS } from '../enums';
import { Page, PageSize, RegionCode, Timestamp } from './common';
import { z } from './zod';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  region: RegionCode.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  page: Page,
  pageSize: PageSize,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditList = z.object({ items: z.array(AuditEntry), total: z.number().int() });
export type AuditList = z.infer<typeof AuditList>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
