import { eq, sql, type SQL } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import {
  FIGURE_KEYS,
  TREND_MAX_DAYS,
  type Trend,
  type TrendDay,
} from '../../../common/contracts/daily-reports';
import { regionLevel, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { badRequest, notFound } from '../../core/errors';
import { dailyReportRollups } from '../../db/schema/daily-reports';
import { regions } from '../../db/schema/regions';
import { ensureRoster, expectedOn, rollupSums, rollupTotals, townRange } from './rollups';

export interface TrendRequest {
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  view: 'live' | 'official';
}

interface Resolved {
  code: string;
  regionName: string;
  days: string[];
  institutionId: string | null;
}

async function resolve(ctx: Ctx, q: TrendRequest): Promise<Resolved> {
  const actor = requirePermission(ctx, 'reports:read');
  const code = q.region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const to = q.to ?? businessDay(ctx.now());
  const from = q.from ?? addDays(to, -29);
  const days: string[] = [];
  for (let d = from; d <= to && days.length <= TREND_MAX_DAYS; d = addDays(d, 1)) days.push(d);
  if (from > to || days.length > TREND_MAX_DAYS) throw badRequest('TREND_RANGE_INVALID');
  const [region] = await ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.code, code));
  if (!region) throw notFound('REGION_NOT_FOUND');
  return { code, regionName: region.name, days, institutionId: actor.institutionId };
}

const execRows = async (ctx: Ctx, query: SQL) =>
  ((await ctx.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

function assemble(
  r: Resolved,
  view: TrendRequest['view'],
  byDay: Map<string, Record<string, unknown>>,
): Trend {
  const days: TrendDay[] = r.days.map((date) => ({ date, ...rollupTotals(byDay.get(date) ?? {}) }));
  return { regionCode: r.code, regionName: r.regionName, from: r.days[0]!, to: r.days.at(-1)!, view, days };
}

/**
 * Expected, submitted (by kind), on time, late, missing and the figure sums of a region for each day
 * of a range (at most 90), summed from the town roll-ups: ~days × towns rows, whatever the number of
 * reports. A village, or a reporter's own institution, is read from the raw rows.
 */
export async function trend(ctx: Ctx, q: TrendRequest): Promise<Trend> {
  const r = await resolve(ctx, q);
  if (r.institutionId || regionLevel(r.code) === 'village') return trendFromRaw(ctx, q);
  await ensureRoster(ctx, r.days);
  const rows = await execRows(
    ctx,
    sql`select day::text as day, ${rollupSums(q.view)} from ${dailyReportRollups}
      where day between ${r.days[0]}::date and ${r.days.at(-1)}::date and ${townRange(scopePrefix(r.code))} group by day`,
  );
  return assemble(r, q.view, new Map(rows.map((x) => [String(x.day), x])));
}

/** The same trend recomputed from the raw rows in one grouped query (the oracle and the benchmark's peer). */
export async function trendFromRaw(ctx: Ctx, q: TrendRequest): Promise<Trend> {
  const r = await resolve(ctx, q);
  const official = q.view === 'official';
  const kind = sql.raw(official ? 'r.official_kind' : 'r.kind');
  const figures = sql.raw(official ? 'r.official_figures' : 'r.figures');
  const present = sql.raw(official ? 'coalesce(r.on_time, false)' : 'r.id is not null');
  const expected = expectedOn(sql`d.day`);
  const only = r.institutionId ? sql`and i.id = ${r.institutionId}` : sql``;
  const rows = await execRows(
    ctx,
    sql`select d.day::text as day,
      count(*) filter (where ${expected}) as expected,
      count(*) filter (where ${present}) as submitted,
      count(*) filter (where ${present} and ${kind} = 'report') as reports,
      count(*) filter (where ${present} and ${kind} = 'zero') as zero,
      count(*) filter (where ${present} and ${kind} = 'not_applicable') as not_applicable,
      count(*) filter (where r.on_time) as on_time,
      count(*) filter (where ${present} and not r.on_time) as late,
      count(*) filter (where ${present} and ${expected}) as submitted_expected,
      ${sql.join(
        FIGURE_KEYS.map(
          (k, n) =>
            sql`coalesce(sum((${figures}->>${k})::numeric) filter (where ${present}), 0) as ${sql.raw(`f${n}`)}`,
        ),
        sql`, `,
      )}
      from (select generate_series(${r.days[0]}::date, ${r.days.at(-1)}::date, interval '1 day')::date as day) d
      join institutions i on i.registered_on <= d.day and i.region_code like ${`${scopePrefix(r.code)}%`} ${only}
      left join daily_reports r on r.institution_id = i.id and r.day = d.day
      group by d.day`,
  );
  return assemble(r, q.view, new Map(rows.map((x) => [String(x.day), x])));
}
