import { CALL_STATUSES, HOTLINE_CATEGORIES, HOTLINE_URGENCIES } from '../enums';
import { MOBILE_PATTERN, normalizePhone } from '../phone';
import { Page, PageSize, RegionCode } from './common';
import { PHONE_PATTERN } from './institutions';
import { z } from './zod';

export const CallerPhone = z
  .string()
  .trim()
  .transform(normalizePhone)
  .refine((p) => MOBILE_PATTERN.test(p) || /^0\d{9,11}$/.test(p), '须为手机号或带区号的固定电话');

export const HotlineNumberInput = z.strictObject({
  regionCode: RegionCode,
  name: z.string().trim().min(2).max(100),
  phone: z.string().trim().regex(PHONE_PATTERN, '须为手机号或带区号的固定电话'),
  hours: z.string().trim().min(1).max(50).default('24 小时'),
});
export type HotlineNumberInput = z.infer<typeof HotlineNumberInput>;

export const HotlineNumber = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  regionPath: z.string(),
  name: z.string(),
  phone: z.string(),
  hours: z.string(),
});
export type HotlineNumber = z.infer<typeof HotlineNumber>;
export const HotlineDirectory = z.object({ items: z.array(HotlineNumber) });
export const DirectoryQuery = z.strictObject({ region: RegionCode.optional() });

export const TakeCallInput = z.strictObject({
  callerName: z.string().trim().min(1).max(50),
  callerPhone: CallerPhone,
  regionCode: RegionCode,
  address: z.string().trim().min(2).max(200),
  category: z.enum(HOTLINE_CATEGORIES),
  urgency: z.enum(HOTLINE_URGENCIES),
  content: z.string().trim().min(2).max(4000),
});
export type TakeCallInput = z.infer<typeof TakeCallInput>;

export const SLA_LIGHTS = ['green', 'yellow', 'red', 'done'] as const;

export const HotlineCall = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  townCode: RegionCode,
  callerName: z.string(),
  callerPhone: z.string(),
  address: z.string(),
  category: z.enum(HOTLINE_CATEGORIES),
  urgency: z.enum(HOTLINE_URGENCIES),
  content: z.string(),
  status: z.enum(CALL_STATUSES),
  takenByName: z.string(),
  claimedById: z.string().nullable(),
  claimedByName: z.string().nullable(),
  verifyDueAt: z.string(),
  /** Home verification the same day: green, yellow in its last two hours, red when overdue. */
  light: z.enum(SLA_LIGHTS),
  /** Overdue and unverified: the county sees it escalated. */
  escalated: z.boolean(),
  verifiedAt: z.string().nullable(),
  /** Verified by the same-day deadline (null while open). */
  slaMet: z.boolean().nullable(),
  createdAt: z.string(),
});
export type HotlineCall = z.infer<typeof HotlineCall>;

export const CallList = z.object({ items: z.array(HotlineCall), total: z.number().int() });
export const CallQuery = z.strictObject({
  region: RegionCode.optional(),
  /** Exact lookup of a caller's earlier calls (through the blind index; never stored in logs). */
  phone: CallerPhone.optional(),
  status: z.enum(CALL_STATUSES).optional(),
  page: Page,
  pageSize: PageSize,
});
export type CallQuery = z.infer<typeof CallQuery>;

export const StatsQuery = z.strictObject({ region: RegionCode.optional(), from: z.string().optional(), to: z.string().optional() });
export const CallStats = z.object({
  total: z.number().int(),
  byCategory: z.record(z.string(), z.number().int()),
  byDay: z.array(z.object({ day: z.string(), n: z.number().int() })),
  byRegion: z.array(z.object({ regionCode: RegionCode, regionName: z.string(), n: z.number().int() })),
});

export const RevealInput = z.strictObject({ reason: z.string().trim().min(5, '请说明查看原因（至少 5 个字）').max(200) });
export const RevealedCaller = z.object({ callerName: z.string(), callerPhone: z.string(), address: z.string() });
