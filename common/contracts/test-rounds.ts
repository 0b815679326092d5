import { INSTITUTION_TYPES } from '../enums';
import { RegionCode, Uuid } from './common';
import { Day } from './institutions';
import { z } from './zod';

const Count = z.number().int('须为整数').min(0, '不能为负数').max(100_000);

export const TESTED_WHO = ['resident', 'staff'] as const;
export const TESTED_WHO_LABELS: Record<(typeof TESTED_WHO)[number], string> = { resident: '服务对象', staff: '工作人员' };

export const PlanRoundInput = z.strictObject({
  regionCode: RegionCode,
  name: z.string().trim().min(2).max(100),
  types: z
    .array(z.enum(INSTITUTION_TYPES))
    .min(1, '至少选择一种机构类型')
    .max(INSTITUTION_TYPES.length)
    .refine((t) => new Set(t).size === t.length, '机构类型不能重复'),
  startsOn: Day,
  endsOn: Day,
});
export type PlanRoundInput = z.infer<typeof PlanRoundInput>;

/** One person not tested: who, a non-identifying label (bed or staff number, never an ID number), why. */
export const NotTested = z.strictObject({
  who: z.enum(TESTED_WHO),
  label: z.string().trim().min(1).max(50),
  reason: z.string().trim().min(1).max(100),
});
export type NotTested = z.infer<typeof NotTested>;

export const RecordResultInput = z.strictObject({
  institutionId: Uuid,
  residentsTested: Count,
  staffTested: Count,
  negative: Count,
  positive: Count,
  notTested: z.array(NotTested).max(2_000).default([]),
});
export type RecordResultInput = z.infer<typeof RecordResultInput>;

export const RoundResult = z.object({
  roundId: z.string(),
  institutionId: z.string(),
  regionCode: RegionCode,
  residentsTested: z.number().int(),
  staffTested: z.number().int(),
  negative: z.number().int(),
  positive: z.number().int(),
  notTested: z.array(NotTested),
  recordedAt: z.string(),
  recordedByName: z.string(),
});
export type RoundResult = z.infer<typeof RoundResult>;

export const Warning = z.object({ code: z.string(), message: z.string() });
export const RecordResultAnswer = z.object({ result: RoundResult, warnings: z.array(Warning) });
export type RecordResultAnswer = z.infer<typeof RecordResultAnswer>;

export const ROUND_STATES = ['planned', 'in_progress', 'ended'] as const;
export const ROUND_STATE_LABELS: Record<(typeof ROUND_STATES)[number], string> = { planned: '未开始', in_progress: '进行中', ended: '已结束' };

export const Round = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  name: z.string(),
  types: z.array(z.enum(INSTITUTION_TYPES)),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.enum(ROUND_STATES),
  carriedFromId: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type Round = z.infer<typeof Round>;

/**
 * Coverage of a region in a round. expected = residents + staff of the institutions in the round;
 * the rate tested / expected is never capped, so a bad denominator shows.
 */
export const CoverageNode = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  institutions: z.number().int(),
  reported: z.number().int(),
  expected: z.number().int(),
  tested: z.number().int(),
  residentsTested: z.number().int(),
  staffTested: z.number().int(),
  negative: z.number().int(),
  positive: z.number().int(),
  notTested: z.number().int(),
});
export type CoverageNode = z.infer<typeof CoverageNode>;

export const CarriedOver = NotTested.extend({ institutionId: z.string(), institutionName: z.string(), regionCode: RegionCode });
export type CarriedOver = z.infer<typeof CarriedOver>;

export const RoundDetail = Round.extend({
  coverage: CoverageNode.extend({ children: z.array(CoverageNode) }),
  /** People missed in the previous round of the region, to be tested in this one. */
  carriedOver: z.array(CarriedOver),
});
export type RoundDetail = z.infer<typeof RoundDetail>;

export const RoundList = z.object({ items: z.array(Round) });

export const RoundQuery = z.strictObject({ region: RegionCode.optional() });
export const RoundDetailQuery = z.strictObject({ region: RegionCode.optional() });

export const RoundInstitution = z.object({
  institutionId: z.string(),
  name: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  regionCode: RegionCode,
  residents: z.number().int(),
  staff: z.number().int(),
  result: RoundResult.nullable(),
  carriedOver: z.array(NotTested),
});
export const RoundInstitutions = z.object({ items: z.array(RoundInstitution) });
export const RoundInstitutionsQuery = z.strictObject({
  region: RegionCode.optional(),
  /** Only institutions that have not recorded results yet. */
  missing: z.enum(['true', 'false']).optional(),
});
