import { INCIDENT_KINDS, INCIDENT_STATUSES, REGION_LEVELS } from '../enums';
import { Page, PageSize, RegionCode, Timestamp, Uuid } from './common';
import { z } from './zod';

/** An emergency outside the daily cycle (遇有紧急情况第一时间报告). */
export const ReportIncidentInput = z.strictObject({
  institutionId: Uuid,
  kind: z.enum(INCIDENT_KINDS),
  occurredAt: Timestamp,
  description: z.string().trim().min(2, '请简要说明情况').max(4000),
  personsAffected: z.number().int('须为整数').min(0, '不能为负数').max(100_000).default(0),
});
export type ReportIncidentInput = z.infer<typeof ReportIncidentInput>;

export const CloseIncidentInput = z.strictObject({ resolution: z.string().trim().min(2, '请填写处置结果').max(4000) });
export type CloseIncidentInput = z.infer<typeof CloseIncidentInput>;

export const IncidentAck = z.object({
  userName: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  /** The level that acknowledged: town, county, city, province or country. */
  level: z.enum(REGION_LEVELS),
  acknowledgedAt: z.string(),
});
export type IncidentAck = z.infer<typeof IncidentAck>;

export const Incident = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  occurredAt: z.string(),
  description: z.string(),
  personsAffected: z.number().int(),
  reportedByName: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  resolution: z.string().nullable(),
  acks: z.array(IncidentAck),
  acknowledgedByMe: z.boolean(),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentList = z.object({
  items: z.array(Incident),
  /** Matching the query (status included). */
  total: z.number().int(),
  /** Open incidents of the region, whatever the status filter: the board's badge. */
  open: z.number().int(),
});
export type IncidentList = z.infer<typeof IncidentList>;

export const IncidentQuery = z.strictObject({
  region: RegionCode.optional(),
  status: z.enum(INCIDENT_STATUSES).optional(),
  page: Page,
  pageSize: PageSize,
});
export type IncidentQuery = z.infer<typeof IncidentQuery>;
