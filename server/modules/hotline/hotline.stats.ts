import { and, asc, count, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import { scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { hotlineCalls } from '../../db/schema/hotline';
import { regions } from '../../db/schema/regions';

export interface StatsFilter {
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Calls of the actor's scope, within a region and a period of Shanghai days. */
export function callFilter(ctx: Ctx, q: StatsFilter): { code: string; where: SQL[] } {
  const actor = requirePermission(ctx, 'hotline:read');
  const code = q.region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const where: SQL[] = [inScope(actor, hotlineCalls.regionCode), like(hotlineCalls.regionCode, `${scopePrefix(code)}%`)];
  if (q.from) where.push(gte(hotlineCalls.createdAt, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) where.push(lte(hotlineCalls.createdAt, new Date(`${q.to}T23:59:59.999+08:00`)));
  return { code, where };
}

/**
 * SQL twins of the case verdict (`caseSla` in hotline.rules.ts): missed when a clock stopped late or
 * runs past its due time; running while a needed clock runs in time; met when every needed clock
 * stopped in time (a case closed without any step counts in none of them).
 */
function slaSql(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const c = hotlineCalls;
  const missed = sql`(${c.verifiedAt} > ${c.verifyDueAt} or ${c.assistedAt} > ${c.paymentDueAt}
    or (${c.closedAt} is null and ((${c.verifiedAt} is null and ${c.verifyDueAt} < ${at}) or (${c.assistedAt} is null and ${c.paymentDueAt} < ${at}))))`;
  const running = sql`(${c.closedAt} is null and (${c.verifiedAt} is null or (${c.assistedAt} is null and ${c.paymentDueAt} is not null)))`;
  const done = sql`(${c.verifiedAt} is not null or ${c.assistedAt} is not null)`;
  return {
    missed: sql<number>`count(*) filter (where ${missed})`.mapWith(Number),
    running: sql<number>`count(*) filter (where not ${missed} and ${running})`.mapWith(Number),
    met: sql<number>`count(*) filter (where not ${missed} and not ${running} and ${done})`.mapWith(Number),
  };
}

/** Calls by category, by day and by child region, and the SLA verdicts, for a period. */
export async function callStats(ctx: Ctx, q: StatsFilter) {
  const { code, where } = callFilter(ctx, q);
  const now = ctx.now();
  const byCategory = await ctx.db.select({ k: hotlineCalls.category, n: count() }).from(hotlineCalls).where(and(...where)).groupBy(hotlineCalls.category);
  const day = sql<string>`to_char(${hotlineCalls.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const byDay = await ctx.db.select({ day, n: count() }).from(hotlineCalls).where(and(...where)).groupBy(sql`1`).orderBy(sql`1`);
  const [sla] = await ctx.db.select(slaSql(now)).from(hotlineCalls).where(and(...where));
  const children = await ctx.db.select().from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
  const len = children[0] ? scopePrefix(children[0].code).length : 12;
  const prefix = sql<string>`substr(${hotlineCalls.regionCode}, 1, ${sql.raw(String(len))})`;
  const byPrefix = await ctx.db.select({ prefix, n: count() }).from(hotlineCalls).where(and(...where)).groupBy(sql`1`);
  const counts = new Map(byPrefix.map((r) => [r.prefix, Number(r.n)]));
  return {
    total: byCategory.reduce((a, r) => a + Number(r.n), 0),
    asOf: q.to ?? businessDay(now),
    sla: { met: sla?.met ?? 0, missed: sla?.missed ?? 0, running: sla?.running ?? 0 },
    byCategory: Object.fromEntries(byCategory.map((r) => [r.k, Number(r.n)])),
    byDay: byDay.map((r) => ({ day: r.day, n: Number(r.n) })),
    byRegion: children.map((c) => ({ regionCode: c.code, regionName: c.name, n: counts.get(scopePrefix(c.code)) ?? 0 })).filter((r) => r.n > 0),
  };
}
