import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import type { StartSweepInput, Sweep } from '../../../common/contracts/sweeps';
import { isWithin, parentCode, regionLevel, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { regions } from '../../db/schema/regions';
import { sweeps } from '../../db/schema/sweeps';

export type SweepRow = typeof sweeps.$inferSelect;

/** Sweeps an actor sees: started inside their scope, or started above them over a part that covers them. */
function sweepVisible(actor: Actor): SQL {
  const ancestors: string[] = [];
  for (let c: string | null = actor.regionCode; c; c = parentCode(c)) ancestors.push(c);
  return or(inScope(actor, sweeps.regionCode), inArray(sweeps.regionCode, ancestors))!;
}

export async function findSweep(ctx: Ctx, actor: Actor, id: string): Promise<SweepRow> {
  const [row] = await ctx.db.select().from(sweeps).where(and(eq(sweeps.id, id), sweepVisible(actor)));
  if (!row) throw notFound('SWEEP_NOT_FOUND');
  return row;
}

/**
 * The region a user looks at inside a sweep: the one asked for, else the deeper of the sweep's region and
 * the user's own. It must lie inside both, or it does not exist for them (404).
 */
export function viewRegion(sweep: SweepRow, actor: Actor, requested?: string): string {
  const code = requested ?? (isWithin(actor.regionCode, sweep.regionCode) ? actor.regionCode : sweep.regionCode);
  if (!isWithin(code, sweep.regionCode) || !isWithin(code, actor.regionCode)) throw notFound('REGION_NOT_FOUND');
  return code;
}

async function namesOf(ctx: Ctx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}

function toSweep(r: SweepRow, names: Map<string, string>): Sweep {
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? r.regionCode,
    name: r.name,
    programmes: r.programmes,
    noContactDays: r.noContactDays,
    hotlineDays: r.hotlineDays,
    status: r.status,
    startedByName: r.startedByName,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

/** A bureau starts a sweep over the active households of some programmes under a region in its scope. */
export async function startSweep(ctx: Ctx, input: StartSweepInput): Promise<Sweep> {
  const actor = requirePermission(ctx, 'sweeps:manage');
  assertRegionInScope(actor, input.regionCode);
  if (regionLevel(input.regionCode) === 'country') throw new AppError(400, 'VALIDATION_FAILED', '走访排查须在省级及以下区划发起');
  const names = await namesOf(ctx, [input.regionCode]);
  if (!names.has(input.regionCode)) throw notFound('REGION_NOT_FOUND');
  const programmes = [...new Set(input.programmes)];
  const row = await withTx(ctx, async (tx) => {
    const [r] = await tx.db
      .insert(sweeps)
      .values({ id: randomUUID(), ...input, programmes, startedById: actor.userId, startedByName: actor.name, startedAt: tx.now() })
      .returning();
    await recordAudit(tx, { action: 'sweep.start', entityType: 'sweep', entityId: r!.id, regionCode: input.regionCode, details: { name: input.name, programmes } });
    return r!;
  });
  return toSweep(row, names);
}

export async function listSweeps(ctx: Ctx, region?: string): Promise<{ items: Sweep[] }> {
  const actor = requirePermission(ctx, 'sweeps:read');
  const where: SQL[] = [sweepVisible(actor)];
  if (region) {
    assertRegionInScope(actor, region);
    // Sweeps that cover the region: started at it, below it, or above it.
    const up: string[] = [];
    for (let c: string | null = region; c; c = parentCode(c)) up.push(c);
    where.push(or(inArray(sweeps.regionCode, up), like(sweeps.regionCode, `${scopePrefix(region)}%`))!);
  }
  const rows = await ctx.db.select().from(sweeps).where(and(...where)).orderBy(desc(sweeps.startedAt)).limit(200);
  const names = await namesOf(ctx, rows.map((r) => r.regionCode));
  return { items: rows.map((r) => toSweep(r, names)) };
}

export async function getSweep(ctx: Ctx, id: string): Promise<Sweep> {
  const actor = requirePermission(ctx, 'sweeps:read');
  const row = await findSweep(ctx, actor, id);
  return toSweep(row, await namesOf(ctx, [row.regionCode]));
}

/** Ends a sweep: contacts are no longer recorded. Only a bureau whose scope holds the sweep's region. */
export async function closeSweep(ctx: Ctx, id: string): Promise<Sweep> {
  const actor = requirePermission(ctx, 'sweeps:manage');
  const found = await findSweep(ctx, actor, id);
  if (!isWithin(found.regionCode, actor.regionCode)) throw notFound('SWEEP_NOT_FOUND');
  const row = await withTx(ctx, async (tx) => {
    const [r] = await tx.db
      .update(sweeps)
      .set({ status: 'closed', endedAt: tx.now() })
      .where(and(eq(sweeps.id, id), eq(sweeps.status, 'open')))
      .returning();
    if (!r) throw new AppError(409, 'SWEEP_CLOSED');
    await recordAudit(tx, { action: 'sweep.close', entityType: 'sweep', entityId: id, regionCode: r.regionCode });
    return r;
  });
  return toSweep(row, await namesOf(ctx, [row.regionCode]));
}
