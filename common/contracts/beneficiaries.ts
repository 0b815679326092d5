import { BENEFICIARY_PROGRAMMES, HOUSEHOLD_STATUSES, MEMBER_RELATIONS } from '../enums';
import { idCheckChar, normalizeIdNumber } from '../id-card';
import { isValidDay } from '../business-day';
import { MOBILE_PATTERN, normalizePhone } from '../phone';
import { Page, PageSize, RegionCode } from './common';
import { z } from './zod';

/** Programmes one enrols into by application (低保 and 特困); the others are registered directly. */
export const ENROLMENT_PROGRAMMES = [
  'urban_dibao',
  'rural_dibao',
  'tekun_centralised',
  'tekun_dispersed',
] as const;

/** Why an ID number is not a valid GB 11643 number, in Chinese; null when it is valid. */
export function idNumberProblem(raw: string): string | null {
  const id = normalizeIdNumber(raw);
  if (id === '') return '缺少身份证号';
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号须为 18 位（前 17 位为数字，末位为数字或 X）';
  if (id.startsWith('0')) return '身份证号的地址码无效';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!/^(19|20)/.test(birth) || !isValidDay(birth)) return `身份证号中的出生日期 ${id.slice(6, 14)} 无效`;
  if (idCheckChar(id) !== id[17]) return '身份证号校验码错误';
  return null;
}

/** Birth date (YYYY-MM-DD) of a valid ID number. */
export const birthDateOf = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

export const IdNumber = z
  .string()
  .transform(normalizeIdNumber)
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const MemberPhone = z
  .string()
  .trim()
  .transform(normalizePhone)
  .refine((p) => MOBILE_PATTERN.test(p) || /^0\d{9,11}$/.test(p), '联系电话须为手机号或带区号的固定电话');

export const MemberInput = z.strictObject({
  name: z.string().trim().min(1, '请填写姓名').max(50),
  idNumber: IdNumber,
  phone: MemberPhone.optional(),
  relation: z.enum(MEMBER_RELATIONS),
  disability: z.boolean().default(false),
});
export type MemberInput = z.infer<typeof MemberInput>;

/** A household's declared finances: stored encrypted, never in a response but the audited reveal. */
export const HouseholdFinances = z.strictObject({
  monthlyIncomeFen: z
    .number('月收入须为数字')
    .int('月收入须以分为单位的整数')
    .min(0, '月收入不能为负数')
    .max(100_000_000, '月收入过大'),
  assets: z.string().trim().max(200, '资产情况不超过 200 字').optional(),
  note: z.string().trim().max(500, '备注不超过 500 字').optional(),
});
export type HouseholdFinances = z.infer<typeof HouseholdFinances>;

const householdShape = {
  regionCode: RegionCode,
  address: z.string().trim().min(2, '请填写家庭住址').max(200),
  programme: z.enum(BENEFICIARY_PROGRAMMES),
  members: z.array(MemberInput).min(1, '至少登记一名成员').max(30),
  finances: HouseholdFinances.optional(),
};

function checkMembers(v: { members: MemberInput[] }, ctx: z.RefinementCtx) {
  const heads = v.members.filter((m) => m.relation === 'head').length;
  if (heads !== 1)
    ctx.addIssue({
      code: 'custom',
      path: ['members'],
      message: heads === 0 ? '须登记一名户主' : '一户只能有一名户主',
    });
  const seen = new Map<string, number>();
  v.members.forEach((m, i) => {
    const first = seen.get(m.idNumber);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['members', i, 'idNumber'],
        message: `与第 ${first + 1} 位成员身份证号重复`,
      });
    else seen.set(m.idNumber, i);
  });
}

export const CreateHouseholdInput = z.strictObject(householdShape).superRefine(checkMembers);
export type CreateHouseholdInput = z.infer<typeof CreateHouseholdInput>;

/** An application for 低保 or 特困: the household starts as `applied`. */
export const ApplyInput = z
  .strictObject({
    ...householdShape,
    programme: z.enum(ENROLMENT_PROGRAMMES),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine(checkMembers);
export type ApplyInput = z.infer<typeof ApplyInput>;

export const Member = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  relation: z.enum(MEMBER_RELATIONS),
  age: z.number().int(),
  disability: z.boolean(),
});
export type Member = z.infer<typeof Member>;

export const Household = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  townCode: RegionCode,
  /** Masked: the first characters only. */
  address: z.string(),
  programme: z.enum(BENEFICIARY_PROGRAMMES),
  status: z.enum(HOUSEHOLD_STATUSES),
  memberCount: z.number().int(),
  livingAlone: z.boolean(),
  headName: z.string(),
  headIdNumber: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Household = z.infer<typeof Household>;

export const HouseholdEvent = z.object({
  status: z.enum(HOUSEHOLD_STATUSES),
  note: z.string().nullable(),
  byName: z.string(),
  at: z.string(),
});
export const HouseholdDetail = Household.extend({
  /** Whether finances are on record; their content only comes with the reveal. */
  financesRecorded: z.boolean(),
  members: z.array(Member),
  events: z.array(HouseholdEvent),
});
export type HouseholdDetail = z.infer<typeof HouseholdDetail>;

export const HouseholdList = z.object({ items: z.array(Household), total: z.number().int() });
export const HouseholdQuery = z.strictObject({
  region: RegionCode.optional(),
  /** Exact lookup through the blind index. */
  idNumber: IdNumber.optional(),
  programme: z.enum(BENEFICIARY_PROGRAMMES).optional(),
  status: z.enum(HOUSEHOLD_STATUSES).optional(),
  page: Page,
  pageSize: PageSize,
});
export type HouseholdQuery = z.infer<typeof HouseholdQuery>;

export const Reason = z.strictObject({
  reason: z.string().trim().min(5, '请说明原因（至少 5 个字）').max(200),
});
export const Revealed = z.object({
  address: z.string(),
  members: z.array(
    z.object({ id: z.string(), name: z.string(), idNumber: z.string(), phone: z.string().nullable() }),
  ),
  /** null when none were declared. */
  finances: z
    .object({
      monthlyIncomeFen: z.number().int(),
      assets: z.string().optional(),
      note: z.string().optional(),
    })
    .nullable(),
});
export type Revealed = z.infer<typeof Revealed>;

/** suspended and exited stop the assistance; active reinstates a suspended or exited household. */
export const STATUS_CHANGES = ['suspended', 'exited', 'active'] as const;
export const StatusChangeInput = z.strictObject({
  status: z.enum(STATUS_CHANGES),
  reason: z.string().trim().min(2, '请填写原因').max(500),
});
export type StatusChangeInput = z.infer<typeof StatusChangeInput>;

export const EnrolmentNote = z.strictObject({ note: z.string().trim().min(2, '请填写意见').max(500) });

export const CountsQuery = z.strictObject({ region: RegionCode.optional() });
export const CountRow = z.object({
  programme: z.enum(BENEFICIARY_PROGRAMMES),
  status: z.enum(HOUSEHOLD_STATUSES),
  households: z.number().int(),
  persons: z.number().int(),
});
export const Counts = z.object({
  regionCode: RegionCode,
  households: z.number().int(),
  persons: z.number().int(),
  rows: z.array(CountRow),
});
export type Counts = z.infer<typeof Counts>;

/** Import progress, streamed as NDJSON: one JSON object per line. */
export const ImportRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;
export const ImportTotals = z.object({
  /** Data rows read. */
  processed: z.number().int(),
  /** Member rows stored. */
  ok: z.number().int(),
  /** Rows with errors of their own. */
  failed: z.number().int(),
  /** Valid rows not stored because another row of their household failed. */
  skipped: z.number().int(),
  households: z.number().int(),
});
export type ImportTotals = z.infer<typeof ImportTotals>;
export type ImportEvent =
  | ({ type: 'progress' } & ImportTotals)
  | ({ type: 'error' } & ImportRowError)
  | ({ type: 'done'; fileName: string; seconds: number } & ImportTotals)
  /** The import stopped part-way (the batches before it are stored). */
  | { type: 'failed'; code: string; message: string };
