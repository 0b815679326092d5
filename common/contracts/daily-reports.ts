import { REPORT_KINDS } from '../enums';
import { RegionCode, Uuid } from './common';
import { Day } from './institutions';
import { z } from './zod';

const Count = z.number().int('须为整数').min(0, '不能为负数').max(1_000_000);

/** Numeric figures of a daily report, summed in every roll-up. */
export const FIGURE_KEYS = [
  'residentsPresent',
  'staffOnSite',
  'staffLivingIn',
  'admissions',
  'discharges',
  'temperatureChecks',
  'feverCount',
  'suspectedCases',
  'confirmedCases',
  'isolatedCount',
  'testsDone',
  'positives',
  'visitorsRefused',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const FIGURE_LABELS: Record<FigureKey | 'disinfectionDone' | 'notes', string> = {
  residentsPresent: '在院服务对象',
  staffOnSite: '在岗工作人员',
  staffLivingIn: '封闭在院工作人员',
  admissions: '新入住',
  discharges: '离院',
  temperatureChecks: '体温检测人次',
  feverCount: '发热人数',
  suspectedCases: '疑似病例',
  confirmedCases: '确诊病例',
  isolatedCount: '隔离观察人数',
  testsDone: '核酸/抗原检测人次',
  positives: '阳性人数',
  visitorsRefused: '劝返探访人次',
  disinfectionDone: '已完成消杀',
  notes: '备注',
};

export const SupplyUse = z.strictObject({
  category: z.string().trim().min(1).max(50),
  quantity: z.number().min(0).max(10_000_000),
  unit: z.string().trim().max(10).optional(),
});

export const Figures = z
  .strictObject({
    ...(Object.fromEntries(FIGURE_KEYS.map((k) => [k, Count])) as Record<FigureKey, typeof Count>),
    disinfectionDone: z.boolean(),
    notes: z.string().trim().max(1000).optional(),
    supplies: z.array(SupplyUse).max(50).optional(),
  })
  .refine((f) => f.positives <= f.testsDone, { message: '阳性人数不能多于检测人次', path: ['positives'] })
  .refine((f) => f.staffLivingIn <= f.staffOnSite, { message: '封闭在院人数不能多于在岗人数', path: ['staffLivingIn'] });
export type Figures = z.infer<typeof Figures>;

export const Checklist = z.strictObject({
  closedManagement: z.boolean(),
  noFever: z.boolean(),
  noNewAdmissions: z.boolean(),
});
export type Checklist = z.infer<typeof Checklist>;

export const SubmitReportInput = z
  .strictObject({
    institutionId: Uuid,
    date: Day,
    kind: z.enum(REPORT_KINDS),
    figures: Figures.optional(),
    checklist: Checklist.optional(),
    signer: z.string().trim().min(1).max(50).optional(),
    reason: z.string().trim().min(2).max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'report' && !v.figures) ctx.addIssue({ code: 'custom', path: ['figures'], message: '日报告须填写数据' });
    if (v.kind === 'zero') {
      if (!v.signer) ctx.addIssue({ code: 'custom', path: ['signer'], message: '零报告须由具名人员签认' });
      if (!v.checklist) ctx.addIssue({ code: 'custom', path: ['checklist'], message: '零报告须确认核查清单' });
      else if (!v.checklist.noFever) ctx.addIssue({ code: 'custom', path: ['checklist', 'noFever'], message: '有发热或症状人员时不能报“无异常”，请填写日报告' });
      if (v.figures) ctx.addIssue({ code: 'custom', path: ['figures'], message: '零报告不填写数据' });
    }
    if (v.kind === 'not_applicable' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请说明不适用的原因（如暂停服务、停业）' });
  });
export type SubmitReportInput = z.infer<typeof SubmitReportInput>;

export const CorrectReportInput = z.strictObject({
  figures: Figures.optional(),
  checklist: Checklist.optional(),
  signer: z.string().trim().min(1).max(50).optional(),
  correctionReason: z.string().trim().min(2).max(500).optional(),
  version: z.number().int().min(1),
});
export type CorrectReportInput = z.infer<typeof CorrectReportInput>;

export const DailyReport = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  regionCode: RegionCode,
  date: z.string(),
  kind: z.enum(REPORT_KINDS),
  figures: z.record(z.string(), z.unknown()).nullable(),
  checklist: Checklist.nullable(),
  signer: z.string().nullable(),
  reason: z.string().nullable(),
  submittedAt: z.string(),
  submittedByName: z.string(),
  onBehalf: z.boolean(),
  onTime: z.boolean(),
  deadline: z.string(),
  version: z.number().int(),
  correctedAt: z.string().nullable(),
  correctionReason: z.string().nullable(),
});
export type DailyReport = z.infer<typeof DailyReport>;

export const FigureSums = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number()])) as Record<FigureKey, z.ZodNumber>);
export type FigureSums = z.infer<typeof FigureSums>;

/** The counters of a completeness node, in display order (the node's other fields are names and figure sums). */
export const COMPLETENESS_COUNTERS = [
  'expected',
  'submitted',
  'reports',
  'zero',
  'notApplicable',
  'onTime',
  'late',
  'missing',
  'unexpected',
] as const;

export const CompletenessNode = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  date: z.string(),
  expected: z.number().int(),
  submitted: z.number().int(),
  reports: z.number().int(),
  zero: z.number().int(),
  notApplicable: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  /** Submissions from institutions not expected that day (closed); the rate is never capped. */
  unexpected: z.number().int(),
  figures: FigureSums,
});
export type CompletenessNode = z.infer<typeof CompletenessNode>;

export const Completeness = CompletenessNode.extend({ view: z.enum(['live', 'official']), children: z.array(CompletenessNode) });
export type Completeness = z.infer<typeof Completeness>;

export const CompletenessQuery = z.strictObject({
  region: RegionCode.optional(),
  date: Day.optional(),
  /** official: only what was on time, as it stood at the deadline (the frozen snapshot briefings use). */
  view: z.enum(['live', 'official']).default('live'),
});
export type CompletenessQuery = z.infer<typeof CompletenessQuery>;

export const MissingInstitution = z.object({
  institutionId: z.string(),
  name: z.string(),
  type: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  responsiblePerson: z.string(),
  responsiblePhone: z.string(),
  dutyPhone: z.string().nullable(),
  status: z.string(),
});
export const MissingList = z.object({ date: z.string(), deadline: z.string(), items: z.array(MissingInstitution) });

export const MissingQuery = z.strictObject({ region: RegionCode.optional(), date: Day.optional() });

export const ReportQuery = z.strictObject({ institutionId: Uuid, date: Day.optional() });

export const DeadlineInput = z.strictObject({ regionCode: RegionCode, time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式须为 HH:MM') });
export const Deadline = z.object({
  regionCode: RegionCode,
  time: z.string(),
  /** own: set for this region; inherited: from inheritedFrom; default: 17:30. */
  source: z.enum(['own', 'inherited', 'default']),
  inheritedFrom: RegionCode.nullable(),
});

export const InstitutionDayQuery = z.strictObject({ region: RegionCode.optional(), date: Day.optional() });

/** One institution's obligation and what it sent on a day: the lowest level of the completeness tree. */
export const InstitutionDay = z.object({
  institutionId: z.string(),
  name: z.string(),
  type: z.string(),
  regionCode: RegionCode,
  status: z.string(),
  /** Why the institution is or is not in the day's denominator: its registration and status event. */
  statusSince: z.string().nullable(),
  statusReason: z.string().nullable(),
  registeredOn: z.string(),
  expected: z.boolean(),
  report: z
    .object({ id: z.string(), kind: z.enum(REPORT_KINDS), onTime: z.boolean(), submittedAt: z.string(), submittedByName: z.string(), onBehalf: z.boolean() })
    .nullable(),
});
export const InstitutionDayList = z.object({ date: z.string(), items: z.array(InstitutionDay) });

/** Per-day completeness of one region over at most 90 days (from the roll-ups). */
export const TrendQuery = z.strictObject({
  region: RegionCode.optional(),
  /** Default: 29 days before `to`. */
  from: Day.optional(),
  /** Default: today. */
  to: Day.optional(),
  view: z.enum(['live', 'official']).default('live'),
});
export type TrendQuery = z.infer<typeof TrendQuery>;

export const TrendDay = CompletenessNode.omit({ regionCode: true, regionName: true });
export type TrendDay = z.infer<typeof TrendDay>;

export const Trend = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  from: z.string(),
  to: z.string(),
  view: z.enum(['live', 'official']),
  days: z.array(TrendDay),
});
export type Trend = z.infer<typeof Trend>;

/** The longest trend one request may ask for. */
export const TREND_MAX_DAYS = 90;
