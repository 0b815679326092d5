import { REMINDER_TARGETS, WELFARE_TASK_STATUSES } from '../enums';
import { Page, PageSize, RegionCode } from './common';
import { Day } from './institutions';
import { z } from './zod';

/** One step of the ladder: whom to remind, in minutes relative to the deadline (negative: before it). */
export const LadderStep = z.strictObject({
  minutes: z.number().int('须为整数分钟').min(-720, '最早为截止前 12 小时').max(720, '最晚为截止后 12 小时'),
  target: z.enum(REMINDER_TARGETS),
});
export type LadderStep = z.infer<typeof LadderStep>;

export const LadderInput = z.strictObject({
  steps: z
    .array(LadderStep)
    .min(1, '至少设置一个提醒步骤')
    .max(6, '最多设置 6 个提醒步骤')
    .refine((s) => new Set(s.map((x) => x.minutes)).size === s.length, '同一时间点只能设置一个提醒步骤'),
});
export type LadderInput = z.infer<typeof LadderInput>;

export const Ladder = z.object({
  regionCode: RegionCode,
  steps: z.array(z.object({ minutes: z.number().int(), target: z.enum(REMINDER_TARGETS) })),
  /** The ancestor whose ladder applies; null when the region has its own or the default applies. */
  inheritedFrom: RegionCode.nullable(),
  isDefault: z.boolean(),
});
export type Ladder = z.infer<typeof Ladder>;

export const LadderQuery = z.strictObject({ region: RegionCode.optional() });

export const ReminderLogQuery = z.strictObject({ region: RegionCode.optional(), date: Day.optional(), page: Page, pageSize: PageSize });
export type ReminderLogQuery = z.infer<typeof ReminderLogQuery>;

export const ReminderLogEntry = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  regionCode: RegionCode,
  date: z.string(),
  /** The step, as its minutes relative to the deadline. */
  step: z.number().int(),
  target: z.enum(REMINDER_TARGETS),
  recipients: z.number().int(),
  sentAt: z.string(),
});
export const ReminderLog = z.object({ date: z.string(), items: z.array(ReminderLogEntry), total: z.number().int() });
export type ReminderLog = z.infer<typeof ReminderLog>;

export const WelfareTaskQuery = z.strictObject({
  region: RegionCode.optional(),
  status: z.enum(WELFARE_TASK_STATUSES).optional(),
  page: Page,
  pageSize: PageSize,
});
export type WelfareTaskQuery = z.infer<typeof WelfareTaskQuery>;

export const WelfareTask = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  responsiblePerson: z.string(),
  responsiblePhone: z.string(),
  dutyPhone: z.string().nullable(),
  /** The second silent day. */
  date: z.string(),
  reason: z.string(),
  status: z.enum(WELFARE_TASK_STATUSES),
  note: z.string().nullable(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
});
export type WelfareTask = z.infer<typeof WelfareTask>;

export const WelfareTaskList = z.object({ items: z.array(WelfareTask), total: z.number().int() });
export type WelfareTaskList = z.infer<typeof WelfareTaskList>;

export const WelfareDoneInput = z.strictObject({ note: z.string().trim().min(2, '请填写核查情况').max(2000) });
export type WelfareDoneInput = z.infer<typeof WelfareDoneInput>;
