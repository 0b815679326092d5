import { REGION_LEVELS } from '../enums';
import { RegionCode } from './common';
import { z } from './zod';

export const Region = z.object({
  code: RegionCode,
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: RegionCode.nullable(),
  /** Names of the ancestors below the country, e.g. "贵州省 遵义市 红花岗区" (search results). */
  path: z.string().optional(),
});
export type Region = z.infer<typeof Region>;

export const RegionWithCounts = Region.extend({
  childCount: z.number().int(),
  /** Figures modules add for the region (e.g. institutions); keys are module-defined. */
  counts: z.record(z.string(), z.number()),
});
export type RegionWithCounts = z.infer<typeof RegionWithCounts>;

export const RegionDetail = RegionWithCounts.extend({ ancestors: z.array(Region) });
export type RegionDetail = z.infer<typeof RegionDetail>;

export const RegionQuery = z.strictObject({
  q: z.string().trim().min(1).max(50).optional(),
  /** Limit a search to a subtree (for pickers inside the user's scope). */
  within: RegionCode.optional(),
});

export const RegionCodeParams = z.strictObject({ code: RegionCode });

export const RegionList = z.object({ items: z.array(Region) });
export const RegionChildren = z.object({ items: z.array(RegionWithCounts) });
