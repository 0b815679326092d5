import { DATE_PATTERN, isValidDay } from '../business-day';
import { INSTITUTION_STATUSES, INSTITUTION_TYPES } from '../enums';
import { Page, PageSize, RegionCode, Uuid } from './common';
import { z } from './zod';

/** A mobile number or a landline with area code (0851-28221234), optionally with an extension. */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
export const Phone = z.string().trim().regex(PHONE_PATTERN, '须为手机号或带区号的固定电话');

export const Day = z
  .string()
  .regex(DATE_PATTERN, '日期格式须为 YYYY-MM-DD')
  .refine(isValidDay, '不是有效日期');

const Count = z.number('须为数字').int('须为整数').min(0, '不能为负数').max(100_000, '不能超过 100000');

export const InstitutionFields = {
  name: z.string().trim().min(2).max(100),
  type: z.enum(INSTITUTION_TYPES),
  regionCode: RegionCode,
  address: z.string().trim().min(2).max(200),
  lat: z.number('须为数字').min(3, '纬度须在 3 到 54 之间').max(54, '纬度须在 3 到 54 之间').nullable().optional(),
  lng: z.number('须为数字').min(73, '经度须在 73 到 136 之间').max(136, '经度须在 73 到 136 之间').nullable().optional(),
  beds: Count,
  residents: Count,
  housesTekun: z.boolean(),
  staff: Count,
  responsiblePerson: z.string().trim().min(1).max(50),
  responsiblePhone: Phone,
  dutyPhone: Phone.nullable().optional(),
};

export const CreateInstitutionInput = z.strictObject(InstitutionFields);
export type CreateInstitutionInput = z.infer<typeof CreateInstitutionInput>;

export const UpdateInstitutionInput = CreateInstitutionInput.partial().extend({ version: z.number().int().min(1) });
export type UpdateInstitutionInput = z.infer<typeof UpdateInstitutionInput>;

export const Institution = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  regionCode: RegionCode,
  regionName: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  beds: z.number().int(),
  residents: z.number().int(),
  housesTekun: z.boolean(),
  staff: z.number().int(),
  responsiblePerson: z.string(),
  responsiblePhone: z.string(),
  dutyPhone: z.string().nullable(),
  status: z.enum(INSTITUTION_STATUSES),
  statusSince: z.string().nullable(),
  registeredOn: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Institution = z.infer<typeof Institution>;

export const StatusEvent = z.object({
  id: z.string(),
  status: z.enum(INSTITUTION_STATUSES),
  effectiveFrom: z.string(),
  plannedEnd: z.string().nullable(),
  reason: z.string(),
  noticeText: z.string().nullable(),
  orderId: z.string().nullable(),
  orderedByName: z.string(),
  createdAt: z.string(),
});
export type StatusEvent = z.infer<typeof StatusEvent>;

export const OrderInForce = z.object({
  id: z.string(),
  issuingBureau: z.string(),
  startsOn: z.string(),
  plannedEnd: z.string().nullable(),
  measures: z.array(z.string()),
  exemptions: z.string().nullable(),
  reason: z.string(),
});
export type OrderInForce = z.infer<typeof OrderInForce>;

export const InstitutionDetail = Institution.extend({
  history: z.array(StatusEvent),
  ordersInForce: z.array(OrderInForce),
});
export type InstitutionDetail = z.infer<typeof InstitutionDetail>;

export const InstitutionQuery = z.strictObject({
  region: RegionCode.optional(),
  type: z.enum(INSTITUTION_TYPES).optional(),
  status: z.enum(INSTITUTION_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
  page: Page,
  pageSize: PageSize,
});
export type InstitutionQuery = z.infer<typeof InstitutionQuery>;

export const ExportQuery = InstitutionQuery.omit({ page: true, pageSize: true });
export type ExportQuery = z.infer<typeof ExportQuery>;

export const InstitutionList = z.object({ items: z.array(Institution), total: z.number().int() });
export type InstitutionList = z.infer<typeof InstitutionList>;

export const SetStatusInput = z.strictObject({
  status: z.enum(INSTITUTION_STATUSES),
  effectiveFrom: Day.optional(),
  plannedEnd: Day.nullable().optional(),
  reason: z.string().trim().min(2).max(500),
  noticeText: z.string().trim().max(2000).nullable().optional(),
});
export type SetStatusInput = z.infer<typeof SetStatusInput>;

export const ImportIssue = z.object({ field: z.string(), message: z.string() });
export const ImportRow = z.object({
  row: z.number().int(),
  name: z.string().nullable(),
  errors: z.array(ImportIssue),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportPreview = z.object({
  importId: z.string(),
  fileName: z.string(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  rows: z.array(ImportRow),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  created: z.number().int(),
  skipped: z.array(ImportRow),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportParams = z.strictObject({ importId: Uuid });
