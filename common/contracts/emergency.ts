import { CLOSURE_MEASURES, INSTITUTION_STATUSES, INSTITUTION_TYPES, RESPONSE_LEVELS } from '../enums';
import { Page, PageSize, RegionCode, Uuid } from './common';
import { Day } from './institutions';
import { z } from './zod';

export const SetResponseInput = z.strictObject({
  regionCode: RegionCode,
  level: z.enum(RESPONSE_LEVELS),
  /**
   * Institution types to put under closed management with this response. Absent: the residential types
   * when the response starts or is raised, nothing when it is lowered or ended. [] closes nothing.
   */
  closeTypes: z.array(z.enum(INSTITUTION_TYPES)).max(INSTITUTION_TYPES.length).optional(),
  measures: z.array(z.enum(CLOSURE_MEASURES)).max(CLOSURE_MEASURES.length).optional(),
  plannedEnd: Day.nullable().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type SetResponseInput = z.infer<typeof SetResponseInput>;

export const StatusCounts = z.object(
  Object.fromEntries(INSTITUTION_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof INSTITUTION_STATUSES)[number], z.ZodNumber>,
);
export type StatusCounts = z.infer<typeof StatusCounts>;

export const SummaryNode = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  level: z.enum(RESPONSE_LEVELS),
  total: z.number().int(),
  counts: StatusCounts,
});
export type SummaryNode = z.infer<typeof SummaryNode>;

export const Summary = SummaryNode.extend({ date: z.string(), children: z.array(SummaryNode) });
export type Summary = z.infer<typeof Summary>;

export const SummaryQuery = z.strictObject({ region: RegionCode.optional() });

export const ClosureOrder = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  issuingBureau: z.string(),
  issuedByName: z.string(),
  startsOn: z.string(),
  plannedEnd: z.string().nullable(),
  measures: z.array(z.string()),
  exemptions: z.string().nullable(),
  reason: z.string(),
  institutionCount: z.number().int(),
  liftedCount: z.number().int(),
  status: z.enum(['in_force', 'partly_lifted', 'lifted']),
  createdAt: z.string(),
});
export type ClosureOrder = z.infer<typeof ClosureOrder>;

export const OrderInstitution = z.object({
  institutionId: z.string(),
  name: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  regionCode: RegionCode,
  liftedAt: z.string().nullable(),
  liftedByName: z.string().nullable(),
  liftReason: z.string().nullable(),
});

export const ClosureOrderDetail = ClosureOrder.extend({ institutions: z.array(OrderInstitution) });
export type ClosureOrderDetail = z.infer<typeof ClosureOrderDetail>;

export const ResponseResult = z.object({
  regionCode: RegionCode,
  level: z.enum(RESPONSE_LEVELS),
  previousLevel: z.enum(RESPONSE_LEVELS),
  effectiveAt: z.string(),
  order: ClosureOrder.nullable(),
});
export type ResponseResult = z.infer<typeof ResponseResult>;

export const ResponseEntry = z.object({
  id: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  level: z.enum(RESPONSE_LEVELS),
  previousLevel: z.enum(RESPONSE_LEVELS),
  reason: z.string().nullable(),
  setByName: z.string(),
  effectiveAt: z.string(),
});
export type ResponseEntry = z.infer<typeof ResponseEntry>;
export const ResponseHistory = z.object({ items: z.array(ResponseEntry) });
export type ResponseHistory = z.infer<typeof ResponseHistory>;

export const ResponseQuery = z.strictObject({ region: RegionCode.optional() });

export const IssueOrderInput = z.strictObject({
  regionCode: RegionCode,
  types: z.array(z.enum(INSTITUTION_TYPES)).min(1).max(INSTITUTION_TYPES.length).optional(),
  institutionIds: z.array(Uuid).min(1).max(5_000).optional(),
  startsOn: Day.optional(),
  plannedEnd: Day.nullable().optional(),
  measures: z.array(z.enum(CLOSURE_MEASURES)).max(CLOSURE_MEASURES.length).optional(),
  exemptions: z.string().trim().max(1000).nullable().optional(),
  reason: z.string().trim().min(2).max(500),
});
export type IssueOrderInput = z.infer<typeof IssueOrderInput>;

export const LiftOrderInput = z.strictObject({
  institutionIds: z.array(Uuid).min(1).max(5_000).optional(),
  reason: z.string().trim().min(2).max(500),
});
export type LiftOrderInput = z.infer<typeof LiftOrderInput>;

export const LiftResult = z.object({ lifted: z.number().int(), reopened: z.number().int(), order: ClosureOrder });
export type LiftResult = z.infer<typeof LiftResult>;

export const OrderQuery = z.strictObject({
  region: RegionCode.optional(),
  status: z.enum(['in_force', 'partly_lifted', 'lifted']).optional(),
  institutionId: Uuid.optional(),
  page: Page,
  pageSize: PageSize,
});
export type OrderQuery = z.infer<typeof OrderQuery>;

export const OrderList = z.object({ items: z.array(ClosureOrder), total: z.number().int() });
