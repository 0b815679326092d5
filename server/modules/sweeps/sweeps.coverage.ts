import { asc, eq, sql } from 'drizzle-orm';
import type { Coverage, CoverageCounts, CoverageRow } from '../../../common/contracts/sweeps';
import { scopePrefix } from '../../../common/region-code';
import { requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { notFound } from '../../core/errors';
import { rows } from '../../db/client';
import { regions } from '../../db/schema/regions';
import { findSweep, viewRegion } from './sweeps.service';

const COUNTERS = ['households', 'contacted', 'fine', 'difficulty', 'unreachable'] as const;

/**
 * Coverage of a sweep for a region and each of its children, live from the raw rows in one grouped query:
 * the sweep's households, how many were contacted in it, and the outcome of each household's latest
 * contact (fine / in difficulty / unreachable).
 */
export async function coverage(ctx: Ctx, id: string, requested?: string): Promise<Coverage> {
  const actor = requirePermission(ctx, 'sweeps:read');
  const sweep = await findSweep(ctx, actor, id);
  const code = viewRegion(sweep, actor, requested);
  const [region] = await ctx.db.select().from(regions).where(eq(regions.code, code));
  if (!region) throw notFound('REGION_NOT_FOUND');
  const children = await ctx.db.select().from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
  const childLen = children[0] ? scopePrefix(children[0].code).length : 12;
  const programmes = sql.raw(`array[${sweep.programmes.map((p) => `'${p}'`).join(',')}]::beneficiary_programme[]`);
  const inSweep = sql`h.region_code like ${`${scopePrefix(sweep.regionCode)}%`}`;
  const found = await rows<{ prefix: string } & Record<(typeof COUNTERS)[number], number>>(
    ctx.db,
    sql`
with lc as (
  select distinct on (c.household_id) c.household_id, c.outcome from sweep_contacts c
   where c.sweep_id = ${sweep.id} order by c.household_id, c.seq desc
)
select substr(h.region_code, 1, ${childLen}) as prefix,
       count(*)::int as households,
       count(lc.household_id)::int as contacted,
       (count(*) filter (where lc.outcome = 'fine'))::int as fine,
       (count(*) filter (where lc.outcome = 'difficulty'))::int as difficulty,
       (count(*) filter (where lc.outcome = 'unreachable'))::int as unreachable
  from beneficiary_households h
  left join lc on lc.household_id = h.id
 where ${inSweep} and h.region_code like ${`${scopePrefix(code)}%`} and h.region_code like ${`${actor.scope}%`}
   and h.programme = any(${programmes}) and h.status = 'active'
 group by 1`,
  );
  const sum = (prefix: string | null): CoverageCounts => {
    const acc: CoverageCounts = { households: 0, contacted: 0, fine: 0, difficulty: 0, unreachable: 0 };
    for (const r of found) if (prefix === null || r.prefix === prefix) for (const k of COUNTERS) acc[k] += Number(r[k]);
    return acc;
  };
  const row = (c: { code: string; name: string }, counts: CoverageCounts): CoverageRow => ({ regionCode: c.code, regionName: c.name, ...counts });
  return {
    region: row(region, sum(null)),
    children: children.map((c) => row(c, sum(scopePrefix(c.code)))).filter((c) => c.households > 0),
  };
}
