import { INSTITUTION_TYPES, SUPPLY_CATEGORIES } from '../enums';
import { RegionCode, Uuid } from './common';
import { Day } from './institutions';
import { z } from './zod';

export const MOVEMENT_KINDS = ['receipt', 'adjustment', 'consumption'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_KIND_LABELS: Record<MovementKind, string> = { receipt: '入库', adjustment: '盘点调整', consumption: '消耗（日报告）' };

const Quantity = z.number().min(-10_000_000).max(10_000_000);

export const RecordMovementInput = z
  .strictObject({
    institutionId: Uuid,
    category: z.enum(SUPPLY_CATEGORIES),
    /** Consumption is booked from the daily reports, never here. */
    kind: z.enum(['receipt', 'adjustment']),
    /** A receipt: the quantity received (> 0). An adjustment: the signed change found at a stocktake. */
    quantity: Quantity,
    unit: z.string().trim().min(1).max(10).optional(),
    day: Day.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'receipt' && v.quantity <= 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: '入库数量须大于 0' });
    if (v.kind === 'adjustment' && v.quantity === 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: '调整数量不能为 0' });
    if (v.kind === 'adjustment' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '盘点调整须说明原因' });
  });
export type RecordMovementInput = z.infer<typeof RecordMovementInput>;

export const StockItem = z.object({
  category: z.enum(SUPPLY_CATEGORIES),
  quantity: z.number(),
  unit: z.string().nullable(),
  /** Consumption booked over the last 7 days (today included), divided by 7. */
  avgDaily: z.number(),
  /** quantity / avgDaily; null when nothing was consumed in the window. */
  daysOfCover: z.number().nullable(),
  /** Reserve norm in days for this institution (null: none applies). */
  normDays: z.number().int().nullable(),
  belowNorm: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type StockItem = z.infer<typeof StockItem>;

export const InstitutionStock = z.object({
  institutionId: z.string(),
  institutionName: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  housesTekun: z.boolean(),
  date: z.string(),
  items: z.array(StockItem),
});
export type InstitutionStock = z.infer<typeof InstitutionStock>;

export const StockQuery = z.strictObject({ institutionId: Uuid });

export const Movement = z.object({
  id: z.string(),
  category: z.string(),
  kind: z.enum(MOVEMENT_KINDS),
  delta: z.number(),
  day: z.string(),
  sourceId: z.string().nullable(),
  note: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export const MovementList = z.object({ items: z.array(Movement) });
export const MovementQuery = z.strictObject({
  institutionId: Uuid,
  category: z.enum(SUPPLY_CATEGORIES).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(200),
});

export const NormInput = z.strictObject({
  institutionType: z.enum(INSTITUTION_TYPES),
  category: z.enum(SUPPLY_CATEGORIES),
  /** Days of cover to hold; 0 means no reserve is required (switches a default off). */
  days: z.number().int().min(0).max(365),
  /** Only where centrally supported 特困 persons live. */
  onlyTekun: z.boolean(),
});
export type NormInput = z.infer<typeof NormInput>;

export const Norm = NormInput.extend({ isDefault: z.boolean() });
export type Norm = z.infer<typeof Norm>;
export const NormList = z.object({ items: z.array(Norm) });

export const BelowNormItem = z.object({
  institutionId: z.string(),
  name: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  regionCode: RegionCode,
  regionName: z.string(),
  responsiblePhone: z.string(),
  category: z.enum(SUPPLY_CATEGORIES),
  quantity: z.number(),
  unit: z.string().nullable(),
  avgDaily: z.number(),
  daysOfCover: z.number().nullable(),
  normDays: z.number().int(),
  /** Quantity to add to reach the norm at the current consumption (null when there is none to go by). */
  shortfall: z.number().nullable(),
});
export type BelowNormItem = z.infer<typeof BelowNormItem>;

export const BelowNorm = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  date: z.string(),
  /** Institutions below a norm in at least one category. */
  institutions: z.number().int(),
  children: z.array(z.object({ regionCode: RegionCode, regionName: z.string(), institutions: z.number().int() })),
  items: z.array(BelowNormItem),
  truncated: z.boolean(),
});
export type BelowNorm = z.infer<typeof BelowNorm>;

export const BelowNormQuery = z.strictObject({ region: RegionCode.optional() });
