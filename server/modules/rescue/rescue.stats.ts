import { and, asc, count, eq, gte, like, lt, sql, type SQL } from 'drizzle-orm';
import { addDays, shanghaiInstant } from '../../../common/business-day';
import type { RescueFigures, RescueStats, StatsQuery } from '../../../common/contracts/rescue';
import { scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { regions } from '../../db/schema/regions';
import { rescuePersons } from '../../db/schema/rescue';

// The subquery names the outer table explicitly: a single-table select renders its columns unqualified.
const figures = {
  found: sql<number>`count(*)::int`,
  minors: sql<number>`(count(*) filter (where "rescue_persons"."minor"))::int`,
  helped: sql<number>`(count(*) filter (where exists (select 1 from "rescue_helps" h where h."person_id" = "rescue_persons"."id")))::int`,
  awaitingScreening: sql<number>`(count(*) filter (where "rescue_persons"."status" = 'screening'))::int`,
  placed: sql<number>`(count(*) filter (where "rescue_persons"."status" = 'placed'))::int`,
  returned: sql<number>`(count(*) filter (where "rescue_persons"."status" = 'returned'))::int`,
};
const ZERO: RescueFigures = { found: 0, minors: 0, helped: 0, awaitingScreening: 0, placed: 0, returned: 0 };
const numbers = (r: RescueFigures): RescueFigures => ({
  found: Number(r.found),
  minors: Number(r.minors),
  helped: Number(r.helped),
  awaitingScreening: Number(r.awaitingScreening),
  placed: Number(r.placed),
  returned: Number(r.returned),
});

/**
 * For the board: persons found, minors, helped, waiting for screening, placed and returned home, for a
 * region and each of its child regions (found in the period `from`–`to`, Asia/Shanghai days).
 */
export async function rescueStats(ctx: Ctx, q: StatsQuery): Promise<RescueStats> {
  const actor = requirePermission(ctx, 'rescue:read');
  const code = q.region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const where: SQL[] = [
    inScope(actor, rescuePersons.regionCode),
    like(rescuePersons.regionCode, `${scopePrefix(code)}%`),
  ];
  if (q.from) where.push(gte(rescuePersons.foundAt, shanghaiInstant(q.from)));
  if (q.to) where.push(lt(rescuePersons.foundAt, shanghaiInstant(addDays(q.to, 1))));
  const [total] = await ctx.db
    .select(figures)
    .from(rescuePersons)
    .where(and(...where));
  const byCategory = await ctx.db
    .select({ k: rescuePersons.category, n: count() })
    .from(rescuePersons)
    .where(and(...where))
    .groupBy(rescuePersons.category);
  const children = await ctx.db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(eq(regions.parentCode, code))
    .orderBy(asc(regions.code));
  const len = children[0] ? scopePrefix(children[0].code).length : 12;
  const prefix = sql<string>`substr("rescue_persons"."region_code", 1, ${sql.raw(String(len))})`;
  const grouped = await ctx.db
    .select({ prefix, ...figures })
    .from(rescuePersons)
    .where(and(...where))
    .groupBy(sql`1`);
  const byPrefix = new Map(grouped.map((g) => [g.prefix, numbers(g)]));
  return {
    regionCode: code,
    total: total ? numbers(total) : ZERO,
    byCategory: Object.fromEntries(byCategory.map((r) => [r.k, Number(r.n)])),
    byRegion: children
      .map((c) => ({
        regionCode: c.code,
        regionName: c.name,
        ...(byPrefix.get(scopePrefix(c.code)) ?? ZERO),
      }))
      .filter((r) => r.found > 0),
  };
}
