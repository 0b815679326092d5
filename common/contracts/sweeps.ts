import { BENEFICIARY_PROGRAMMES, CONTACT_CHANNELS, CONTACT_OUTCOMES, HOTLINE_CATEGORIES, HOTLINE_URGENCIES, SWEEP_RISKS, SWEEP_STATUSES } from '../enums';
import { Page, RegionCode, Uuid } from './common';
import { z } from './zod';

/** Shorthands a bureau picks from: 低保 = urban + rural, 特困 = centralised + dispersed. */
export const PROGRAMME_GROUPS = {
  dibao: ['urban_dibao', 'rural_dibao'],
  tekun: ['tekun_centralised', 'tekun_dispersed'],
} as const;

export const StartSweepInput = z.strictObject({
  name: z.string().trim().min(2).max(100),
  regionCode: RegionCode,
  programmes: z.array(z.enum(BENEFICIARY_PROGRAMMES)).min(1).max(BENEFICIARY_PROGRAMMES.length),
  noContactDays: z.number().int().min(1).max(365).default(30),
  hotlineDays: z.number().int().min(1).max(365).default(30),
});
export type StartSweepInput = z.infer<typeof StartSweepInput>;

export const Sweep = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  name: z.string(),
  programmes: z.array(z.enum(BENEFICIARY_PROGRAMMES)),
  noContactDays: z.number().int(),
  hotlineDays: z.number().int(),
  status: z.enum(SWEEP_STATUSES),
  startedByName: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type Sweep = z.infer<typeof Sweep>;
export const SweepList = z.object({ items: z.array(Sweep) });
export const SweepListQuery = z.strictObject({ region: RegionCode.optional() });

export const WorklistQuery = z.strictObject({
  /** A village (its worklist) or a town (all its villages, village by village); default the cadre's own region. */
  village: RegionCode.optional(),
  page: Page,
  pageSize: z.coerce.number().int().min(1).max(500).default(200),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

export const ContactSummary = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  outcome: z.enum(CONTACT_OUTCOMES),
  note: z.string().nullable(),
  cadreName: z.string(),
  callId: z.string().nullable(),
  at: z.string(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

export const WorklistItem = z.object({
  householdId: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  programme: z.enum(BENEFICIARY_PROGRAMMES),
  memberCount: z.number().int(),
  /** The head of household (or first member), masked: 张*. */
  headName: z.string(),
  /** The household's contact phone, masked: 138****1234 (null when none is registered). */
  phone: z.string().nullable(),
  risks: z.array(z.enum(SWEEP_RISKS)),
  score: z.number().int(),
  lastContactAt: z.string().nullable(),
  /** The latest contact in this sweep (null: not yet contacted). */
  contact: ContactSummary.nullable(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;
export const Worklist = z.object({ items: z.array(WorklistItem), total: z.number().int(), regionCode: RegionCode });
export type Worklist = z.infer<typeof Worklist>;

export const RecordContactInput = z
  .strictObject({
    householdId: Uuid,
    channel: z.enum(CONTACT_CHANNELS),
    outcome: z.enum(CONTACT_OUTCOMES),
    note: z.string().trim().max(2000).optional(),
    /** For "in difficulty": the kind of hotline case opened for the town (default living assistance). */
    category: z.enum(HOTLINE_CATEGORIES).default('living'),
    urgency: z.enum(HOTLINE_URGENCIES).default('normal'),
  })
  .refine((v) => v.outcome !== 'difficulty' || (v.note ?? '').length >= 2, { message: '有困难时请简要说明困难情况（至少 2 个字）', path: ['note'] });
export type RecordContactInput = z.infer<typeof RecordContactInput>;

export const ContactAnswer = z.object({ id: z.string(), householdId: z.string(), contact: ContactSummary });
export type ContactAnswer = z.infer<typeof ContactAnswer>;

export const CoverageQuery = z.strictObject({ region: RegionCode.optional() });
export const CoverageCounts = z.object({
  households: z.number().int(),
  contacted: z.number().int(),
  fine: z.number().int(),
  difficulty: z.number().int(),
  unreachable: z.number().int(),
});
export type CoverageCounts = z.infer<typeof CoverageCounts>;
export const CoverageRow = CoverageCounts.extend({ regionCode: RegionCode, regionName: z.string() });
export type CoverageRow = z.infer<typeof CoverageRow>;
export const Coverage = z.object({ region: CoverageRow, children: z.array(CoverageRow) });
export type Coverage = z.infer<typeof Coverage>;

export const SweepRevealInput = z.strictObject({ reason: z.string().trim().min(5, '请说明查看原因（至少 5 个字）').max(200) });
export const SweepRevealed = z.object({ members: z.array(z.object({ name: z.string(), phone: z.string().nullable(), relation: z.string() })) });
export const HouseholdParams = z.strictObject({ id: Uuid, householdId: Uuid });
