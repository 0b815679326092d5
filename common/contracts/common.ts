import { REGION_CODE_PATTERN } from '../region-code';
import { z } from './zod';

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const RegionCode = z.string().regex(REGION_CODE_PATTERN, '须为 12 位统计用区划代码');

export const Uuid = z.uuid();

export const IdParams = z.strictObject({ id: Uuid });

export const Page = z.coerce.number().int().min(1).max(100_000).default(1);
export const PageSize = z.coerce.number().int().min(1).max(200).default(20);

export const Ok = z.object({ ok: z.literal(true) });

/** A date-time sent as an ISO string. */
export const Timestamp = z.iso.datetime({ offset: true });
