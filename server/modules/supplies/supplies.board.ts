import { and, asc, between, eq, like, or, sql } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type { BelowNorm, BelowNormItem } from '../../../common/contracts/supplies';
import type { InstitutionType, SupplyCategory } from '../../../common/enums';
import { scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { notFound } from '../../core/errors';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { supplyMovements, supplyStocks } from '../../db/schema/supplies';
import { institutionScope, statusOnSql } from '../institutions/institutions.scope';
import { avgDaily, CONSUMPTION_WINDOW_DAYS, daysOfCover, shortfall } from './supplies.rules';
import { currentNorms, windowStart } from './supplies.service';

/** Items listed at most; the counts always cover every institution. */
const MAX_ITEMS = 2_000;

/**
 * Institutions of a region (not closed) below a reserve norm in some category, for the boards: the SQL
 * twin of belowNorm() — no stock, or stock × 7 < norm days × consumption of the last 7 days — one
 * grouped query per category that has a norm.
 */
export async function belowNormList(ctx: Ctx, region?: string): Promise<BelowNorm> {
  const actor = requirePermission(ctx, 'supplies:read');
  const code = region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const [row] = await ctx.db.select().from(regions).where(eq(regions.code, code));
  if (!row) throw notFound('REGION_NOT_FOUND');
  const children = await ctx.db.select().from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
  const today = businessDay(ctx.now());
  const norms = (await currentNorms(ctx.db)).filter((n) => n.days > 0);
  const items: BelowNormItem[] = [];
  for (const category of [...new Set(norms.map((n) => n.category))] as SupplyCategory[]) {
    const applying = norms.filter((n) => n.category === category);
    const normDays = sql<number>`(case ${institutions.type} ${sql.join(
      applying.map((n) => sql`when ${n.institutionType} then ${n.days}::int`),
      sql` `,
    )} end)`;
    const applies = or(...applying.map((n) => and(eq(institutions.type, n.institutionType as InstitutionType), n.onlyTekun ? eq(institutions.housesTekun, true) : undefined)));
    const cons = ctx.db
      .select({ institutionId: supplyMovements.institutionId, used: sql<string>`-sum(${supplyMovements.delta})`.as('used') })
      .from(supplyMovements)
      .where(and(eq(supplyMovements.kind, 'consumption'), eq(supplyMovements.category, category), between(supplyMovements.day, windowStart(today), today)))
      .groupBy(supplyMovements.institutionId)
      .as('cons');
    const stock = sql`coalesce(${supplyStocks.quantity}, 0)`;
    const used = sql`coalesce(${cons.used}, 0)`;
    const rows = await ctx.db
      .select({ inst: institutions, regionName: regions.name, quantity: supplyStocks.quantity, unit: supplyStocks.unit, used: cons.used, normDays })
      .from(institutions)
      .leftJoin(regions, eq(regions.code, institutions.regionCode))
      .leftJoin(supplyStocks, and(eq(supplyStocks.institutionId, institutions.id), eq(supplyStocks.category, category)))
      .leftJoin(cons, eq(cons.institutionId, institutions.id))
      .where(
        and(
          institutionScope(actor),
          like(institutions.regionCode, `${scopePrefix(code)}%`),
          applies,
          sql`${statusOnSql(today)} <> 'closed'`,
          sql`(${stock} <= 0 or (${used} > 0 and ${stock} * ${CONSUMPTION_WINDOW_DAYS} < ${normDays} * ${used}))`,
        ),
      )
      .orderBy(asc(institutions.regionCode), asc(institutions.name));
    for (const r of rows) {
      const quantity = Number(r.quantity ?? 0);
      const inWindow = Number(r.used ?? 0);
      const days = Number(r.normDays);
      items.push({
        institutionId: r.inst.id,
        name: r.inst.name,
        type: r.inst.type,
        regionCode: r.inst.regionCode,
        regionName: r.regionName ?? r.inst.regionCode,
        responsiblePhone: r.inst.responsiblePhone,
        category,
        quantity,
        unit: r.unit,
        avgDaily: avgDaily(inWindow),
        daysOfCover: daysOfCover(quantity, inWindow),
        normDays: days,
        shortfall: shortfall(quantity, inWindow, days),
      });
    }
  }
  const distinct = (list: BelowNormItem[]) => new Set(list.map((i) => i.institutionId)).size;
  return {
    regionCode: code,
    regionName: row.name,
    date: today,
    institutions: distinct(items),
    children: children.map((c) => ({ regionCode: c.code, regionName: c.name, institutions: distinct(items.filter((i) => i.regionCode.startsWith(scopePrefix(c.code)))) })),
    items: items.slice(0, MAX_ITEMS),
    truncated: items.length > MAX_ITEMS,
  };
}
