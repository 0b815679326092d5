import { ISOLATION_REASONS } from '../enums';
import { Page, PageSize, RegionCode, Uuid } from './common';
import { Day } from './institutions';
import { z } from './zod';

export const ISOLATION_ROLES = ['resident', 'staff'] as const;
export const ISOLATION_ROLE_LABELS: Record<(typeof ISOLATION_ROLES)[number], string> = {
  resident: '服务对象',
  staff: '工作人员',
};

export const ISOLATION_STATES = ['isolating', 'admitted'] as const;
export type IsolationState = (typeof ISOLATION_STATES)[number];
export const ISOLATION_STATE_LABELS: Record<IsolationState, string> = {
  isolating: '隔离中',
  admitted: '已解除（入院/返岗）',
};

/** symptom: a symptom and temperature check; test: a nucleic-acid or antigen result; screening: done at the designated hospital. */
export const CHECK_KINDS = ['symptom', 'test', 'screening'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  symptom: '症状检查',
  test: '核酸/抗原检测',
  screening: '定点医院筛查',
};

export const TEST_RESULTS = ['negative', 'positive'] as const;
export const TEST_RESULT_LABELS: Record<(typeof TEST_RESULTS)[number], string> = {
  negative: '阴性',
  positive: '阳性',
};

export const RegisterPersonInput = z
  .strictObject({
    institutionId: Uuid,
    role: z.enum(ISOLATION_ROLES),
    reason: z.enum(ISOLATION_REASONS),
    name: z.string().trim().min(1).max(50),
    /** 18-digit GB 11643 number; foundlings often have none. */
    idNumber: z.string().trim().min(15).max(20).optional(),
    startDate: Day,
  })
  .refine((v) => v.reason === 'returning' || v.role === 'resident', {
    path: ['role'],
    message: '新入住、弃婴和流浪未成年人须登记为服务对象',
  });
export type RegisterPersonInput = z.infer<typeof RegisterPersonInput>;

export const RecordCheckInput = z
  .strictObject({
    kind: z.enum(CHECK_KINDS),
    day: Day,
    symptoms: z.boolean().optional(),
    temperature: z.number().min(34).max(43).optional(),
    testResult: z.enum(TEST_RESULTS).optional(),
    note: z.string().trim().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'symptom' && v.symptoms === undefined)
      ctx.addIssue({ code: 'custom', path: ['symptoms'], message: '症状检查须填写有无症状' });
    if (v.kind === 'test' && !v.testResult)
      ctx.addIssue({ code: 'custom', path: ['testResult'], message: '检测记录须填写结果' });
    if (v.kind !== 'test' && v.testResult)
      ctx.addIssue({ code: 'custom', path: ['testResult'], message: '只有检测记录填写检测结果' });
    if (v.kind === 'screening' && !v.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写筛查医院及结论' });
  });
export type RecordCheckInput = z.infer<typeof RecordCheckInput>;

export const AdmitInput = z.strictObject({
  /** Admission before the conditions are met: a second user with isolation:approve confirms with their password. */
  override: z
    .strictObject({
      approverUsername: z.string().trim().min(1).max(64),
      approverPassword: z.string().min(1).max(200),
      reason: z.string().trim().min(4, '请说明提前解除隔离的理由').max(500),
    })
    .optional(),
});
export type AdmitInput = z.infer<typeof AdmitInput>;

export const Blocker = z.object({ code: z.string(), message: z.string() });
export type Blocker = z.infer<typeof Blocker>;

export const IsolationCheck = z.object({
  id: z.string(),
  kind: z.enum(CHECK_KINDS),
  day: z.string(),
  symptoms: z.boolean().nullable(),
  temperature: z.number().nullable(),
  testResult: z.enum(TEST_RESULTS).nullable(),
  note: z.string().nullable(),
  recordedByName: z.string(),
  createdAt: z.string(),
});
export type IsolationCheck = z.infer<typeof IsolationCheck>;

/** A person as every response shows them: name and ID number masked, never in clear. */
export const IsolationPerson = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  regionCode: RegionCode,
  role: z.enum(ISOLATION_ROLES),
  reason: z.enum(ISOLATION_REASONS),
  nameMasked: z.string(),
  idNumberMasked: z.string().nullable(),
  startDate: z.string(),
  requiredDays: z.number().int(),
  /** Today's day of isolation; the start day is day 1. */
  dayOfIsolation: z.number().int(),
  /** First day admission or return to work is possible by the clock. */
  earliestRelease: z.string(),
  screeningRequired: z.boolean(),
  screeningDone: z.boolean(),
  status: z.enum(ISOLATION_STATES),
  admittedAt: z.string().nullable(),
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  /** What still stands in the way of admission (empty when it may happen now or already did). */
  blockers: z.array(Blocker),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type IsolationPerson = z.infer<typeof IsolationPerson>;

export const IsolationPersonDetail = IsolationPerson.extend({ checks: z.array(IsolationCheck) });
export type IsolationPersonDetail = z.infer<typeof IsolationPersonDetail>;

export const PersonQuery = z.strictObject({
  region: RegionCode.optional(),
  institutionId: Uuid.optional(),
  status: z.enum(ISOLATION_STATES).optional(),
  page: Page,
  pageSize: PageSize,
});
export type PersonQuery = z.infer<typeof PersonQuery>;

export const PersonList = z.object({ items: z.array(IsolationPerson), total: z.number().int() });

/** Exact lookup by ID number through the blind index (a POST, so the number is never in a URL or log). */
export const LookupInput = z.strictObject({ idNumber: z.string().trim().min(15).max(20) });

export const PolicyInput = z.strictObject({
  regionCode: RegionCode,
  days: z.number().int().min(1).max(60),
  /** Today when absent; may be back-dated, never in the future. */
  effectiveFrom: Day.optional(),
  reason: z.string().trim().min(2).max(300),
});
export type PolicyInput = z.infer<typeof PolicyInput>;

export const PolicyEntry = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  days: z.number().int(),
  effectiveFrom: z.string(),
  reason: z.string().nullable(),
  createdByName: z.string(),
});

export const Policy = z.object({
  regionCode: RegionCode,
  days: z.number().int(),
  /** The region whose policy is in force (null: the national default of 14 days). */
  source: RegionCode.nullable(),
  effectiveFrom: z.string().nullable(),
  /** Policies of this region and its ancestors, newest first. */
  history: z.array(PolicyEntry),
});
export type Policy = z.infer<typeof Policy>;

export const PolicyResult = Policy.extend({ recomputed: z.number().int() });
