import { CALL_STATUSES, HOTLINE_CATEGORIES, HOTLINE_URGENCIES } from '../enums';
import { MOBILE_PATTERN, normalizePhone } from '../phone';
import { Page, PageSize, RegionCode, Uuid } from './common';
import { Day, PHONE_PATTERN } from './institutions';
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

export const SlaClock = z.object({
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  light: z.enum(SLA_LIGHTS),
  /** true: stopped in time; false: late or overdue now; null: running in time, or not needed. */
  slaMet: z.boolean().nullable(),
  /** The case was closed without needing this step. */
  notNeeded: z.boolean(),
});
export type SlaClock = z.infer<typeof SlaClock>;

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
  /** The worst running clock of the case: green, yellow in its last hours, red when overdue, done. */
  light: z.enum(SLA_LIGHTS),
  /** A clock is overdue: the case is escalated to the county (shown first in its queue, notified once). */
  escalated: z.boolean(),
  verifiedAt: z.string().nullable(),
  assistedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Every needed clock stopped in time (null while one still runs in time; false once one is missed). */
  slaMet: z.boolean().nullable(),
  /** Home verification the same day; assistance within 24 hours (urgent) or 3 working days (ordinary). */
  clocks: z.object({ verify: SlaClock, payment: SlaClock }),
  createdAt: z.string(),
});
export type HotlineCall = z.infer<typeof HotlineCall>;

export const CallList = z.object({ items: z.array(HotlineCall), total: z.number().int() });

export const CallPhoto = z.object({ id: z.string(), kind: z.enum(['jpg', 'png']), size: z.number().int(), uploadedByName: z.string(), createdAt: z.string() });
export type CallPhoto = z.infer<typeof CallPhoto>;
export const CallPhotoList = z.object({ items: z.array(CallPhoto) });
export const PhotoParams = z.strictObject({ id: Uuid, photoId: Uuid });

export const CallDetail = HotlineCall.extend({
  verifications: z.array(z.object({ visitors: z.string(), visitedAt: z.string(), findings: z.string(), recordedByName: z.string() })),
  photos: z.array(CallPhoto),
  closeNote: z.string().nullable(),
});
export type CallDetail = z.infer<typeof CallDetail>;

export const CloseCallInput = z.strictObject({ note: z.string().trim().min(2, '请填写办结说明').max(500) });
export type CloseCallInput = z.infer<typeof CloseCallInput>;
export const CallQuery = z.strictObject({
  region: RegionCode.optional(),
  /** Exact lookup of a caller's earlier calls (through the blind index; never stored in logs). */
  phone: CallerPhone.optional(),
  status: z.enum(CALL_STATUSES).optional(),
  page: Page,
  pageSize: PageSize,
});
export type CallQuery = z.infer<typeof CallQuery>;

export const StatsQuery = z.strictObject({ region: RegionCode.optional(), from: Day.optional(), to: Day.optional() });
export const ExportQuery = z.strictObject({ region: RegionCode.optional(), from: Day.optional(), to: Day.optional() });
export const CallStats = z.object({
  total: z.number().int(),
  /** The last day counted (the `to` day, or today). */
  asOf: z.string(),
  /** Cases whose clocks all stopped in time, missed at least one, or still run. */
  sla: z.object({ met: z.number().int(), missed: z.number().int(), running: z.number().int() }),
  byCategory: z.record(z.string(), z.number().int()),
  byDay: z.array(z.object({ day: z.string(), n: z.number().int() })),
  byRegion: z.array(z.object({ regionCode: RegionCode, regionName: z.string(), n: z.number().int() })),
});

export const RevealInput = z.strictObject({ reason: z.string().trim().min(5, '请说明查看原因（至少 5 个字）').max(200) });
export const RevealedCaller = z.object({ callerName: z.string(), callerPhone: z.string(), address: z.string() });
