import { eq } from 'drizzle-orm';
import { DEFAULT_APPROVAL_THRESHOLD_FEN, type Threshold, type ThresholdInput } from '../../../common/contracts/assistance';
import { isWithin, regionLevel } from '../../../common/region-code';
import { assertRegionInScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { badRequest, notFound } from '../../core/errors';
import { approvalThresholds } from '../../db/schema/assistance';
import { regions } from '../../db/schema/regions';

/** The threshold in force for a county: its own row, else the default (¥2,000). */
export async function thresholdFor(ctx: Ctx, countyCode: string): Promise<number> {
  const [row] = await ctx.db.select({ fen: approvalThresholds.thresholdFen }).from(approvalThresholds).where(eq(approvalThresholds.countyCode, countyCode));
  return row?.fen ?? DEFAULT_APPROVAL_THRESHOLD_FEN;
}

async function countyName(ctx: Ctx, countyCode: string): Promise<string> {
  if (regionLevel(countyCode) !== 'county') throw badRequest('VALIDATION_FAILED', '大额审批起点按区县设置，请选择区县');
  const [r] = await ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.code, countyCode));
  if (!r) throw notFound('REGION_NOT_FOUND');
  return r.name;
}

async function read(ctx: Ctx, countyCode: string, name: string): Promise<Threshold> {
  const [row] = await ctx.db.select().from(approvalThresholds).where(eq(approvalThresholds.countyCode, countyCode));
  return {
    countyCode,
    countyName: name,
    thresholdFen: row?.thresholdFen ?? DEFAULT_APPROVAL_THRESHOLD_FEN,
    isDefault: !row,
    updatedByName: row?.updatedByName ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** The threshold of a county in scope, or of the county a town or village user works in. */
export async function getThreshold(ctx: Ctx, countyCode: string): Promise<Threshold> {
  const actor = requirePermission(ctx, 'assistance:read');
  const visible = isWithin(countyCode, actor.regionCode) || isWithin(actor.regionCode, countyCode);
  if (!visible) throw notFound('REGION_NOT_FOUND');
  return read(ctx, countyCode, await countyName(ctx, countyCode));
}

/** Whoever allocates the county's funds sets its threshold; it applies to grants made from then on. */
export async function setThreshold(ctx: Ctx, input: ThresholdInput): Promise<Threshold> {
  const actor = requirePermission(ctx, 'assistance:allocate');
  assertRegionInScope(actor, input.countyCode);
  const name = await countyName(ctx, input.countyCode);
  return withTx(ctx, async (tx) => {
    const before = await thresholdFor(tx, input.countyCode);
    const now = tx.now();
    await tx.db
      .insert(approvalThresholds)
      .values({ countyCode: input.countyCode, thresholdFen: input.thresholdFen, updatedByName: actor.name, updatedAt: now })
      .onConflictDoUpdate({ target: approvalThresholds.countyCode, set: { thresholdFen: input.thresholdFen, updatedByName: actor.name, updatedAt: now } });
    await recordAudit(tx, {
      action: 'assistance.threshold.set',
      entityType: 'assistance_threshold',
      entityId: input.countyCode,
      regionCode: input.countyCode,
      details: { beforeFen: before, thresholdFen: input.thresholdFen },
    });
    return read(tx, input.countyCode, name);
  });
}
