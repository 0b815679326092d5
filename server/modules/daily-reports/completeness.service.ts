import { and, asc, eq, like, or, sql, type SQL } from 'drizzle-orm';
import { businessDay, shanghaiInstant } from '../../../common/business-day';
import { deadlineTime } from './daily-reports.service';
import {
  FIGURE_KEYS,
  type Completeness,
  type CompletenessNode,
} from '../../../common/contracts/daily-reports';
import { regionLevel, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { notFound } from '../../core/errors';
import { dailyReportRollups, dailyReports } from '../../db/schema/daily-reports';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import {
  institutionScope,
  statusOnSql,
  statusReasonSql,
  statusSinceSql,
} from '../institutions/institutions.scope';
import { addTotals, emptyTotals, ensureRoster, rollupSums, rollupTotals, townRange } from './rollups';

/** SQL twin of isExpected(): registered by the day, and not closed before it. */
export function expectedSql(day: string): SQL<boolean> {
  return sql<boolean>`(${institutions.registeredOn} <= ${day}::date and not (${statusOnSql(day)} = 'closed' and coalesce(${statusSinceSql(day)}, ${day}) < ${day}))`;
}

type Counters = Omit<CompletenessNode, 'regionCode' | 'regionName' | 'date'>;
export type CompletenessRequest = {
  region?: string | undefined;
  date?: string | undefined;
  view: 'live' | 'official';
};

/**
 * Completeness of a region and its children for a business day, computed from the raw rows in one
 * grouped query (O(institutions)): the oracle the roll-ups are tested against and the benchmarks'
 * peer, and the reading of a town's villages and of a reporter's own institution. `official` counts
 * only what was on time, as it stood at the deadline.
 */
export async function completenessFromRaw(ctx: Ctx, q: CompletenessRequest): Promise<Completeness> {
  const actor = requirePermission(ctx, 'reports:read');
  const code = q.region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const day = q.date ?? businessDay(ctx.now());
  const [region] = await ctx.db.select().from(regions).where(eq(regions.code, code));
  if (!region) throw notFound('REGION_NOT_FOUND');
  const children = await ctx.db
    .select()
    .from(regions)
    .where(eq(regions.parentCode, code))
    .orderBy(asc(regions.code));
  const childLen = children[0] ? scopePrefix(children[0].code).length : 12;
  const official = q.view === 'official';
  const kind = official ? sql.raw('r.official_kind') : sql.raw('r.kind');
  const figures = official ? sql.raw('r.official_figures') : sql.raw('r.figures');
  // With no report row on_time is NULL: coalesce, or `not present` would never match.
  const present = official ? sql`coalesce(r.on_time, false)` : sql`r.id is not null`;
  const rows = await ctx.db
    .select({
      prefix: sql<string>`substr(${institutions.regionCode}, 1, ${sql.raw(String(childLen))})`,
      expected: sql<number>`count(*) filter (where ${expectedSql(day)})::int`,
      submitted: sql<number>`count(*) filter (where ${present})::int`,
      reports: sql<number>`count(*) filter (where ${present} and ${kind} = 'report')::int`,
      zero: sql<number>`count(*) filter (where ${present} and ${kind} = 'zero')::int`,
      notApplicable: sql<number>`count(*) filter (where ${present} and ${kind} = 'not_applicable')::int`,
      onTime: sql<number>`count(*) filter (where r.on_time)::int`,
      late: sql<number>`count(*) filter (where ${present} and not r.on_time)::int`,
      missing: sql<number>`count(*) filter (where ${expectedSql(day)} and not (${present}))::int`,
      unexpected: sql<number>`count(*) filter (where ${present} and not ${expectedSql(day)})::int`,
      figures: sql<Record<string, string>>`json_build_object(${sql.join(
        FIGURE_KEYS.map(
          (k) => sql`${k}::text, coalesce(sum((${figures}->>${k})::numeric) filter (where ${present}), 0)`,
        ),
        sql`, `,
      )})`,
    })
    .from(institutions)
    .leftJoin(sql`${dailyReports} r`, sql`r.institution_id = ${institutions.id} and r.day = ${day}::date`)
    .where(
      and(
        institutionScope(actor),
        like(institutions.regionCode, `${scopePrefix(code)}%`),
        sql`${institutions.registeredOn} <= ${day}::date`,
      ),
    )
    .groupBy(sql`1`);
  const total = (prefix: string | null): Counters =>
    rows
      .filter((r) => prefix === null || r.prefix === prefix)
      .reduce<Counters>((acc, r) => addTotals(acc, r), emptyTotals());
  return {
    regionCode: code,
    regionName: region.name,
    date: day,
    view: q.view,
    ...total(null),
    children: children.map((c) => ({
      regionCode: c.code,
      regionName: c.name,
      date: day,
      ...total(scopePrefix(c.code)),
    })),
  };
}

/**
 * Completeness of a region and its children for a business day, from the town roll-ups maintained in
 * the submitting transactions: one range read of at most ~41k rows for the country, summed by child.
 * A town's villages and a reporter's own institution are read from the raw rows (a handful of rows).
 */
export async function completeness(ctx: Ctx, q: CompletenessRequest): Promise<Completeness> {
  const actor = requirePermission(ctx, 'reports:read');
  const code = q.region ?? actor.regionCode;
  const level = regionLevel(code);
  if (actor.institutionId || level === 'town' || level === 'village') return completenessFromRaw(ctx, q);
  assertRegionInScope(actor, code);
  const day = q.date ?? businessDay(ctx.now());
  // The region and its children in one round trip (a read is two queries: this and the sums).
  const family = await ctx.db
    .select()
    .from(regions)
    .where(or(eq(regions.code, code), eq(regions.parentCode, code)))
    .orderBy(asc(regions.code));
  const region = family.find((r) => r.code === code);
  if (!region) throw notFound('REGION_NOT_FOUND');
  const children = family.filter((r) => r.code !== code);
  const childLen = children[0] ? scopePrefix(children[0].code).length : 9;
  await ensureRoster(ctx, [day]);
  const rows = await execRows(
    ctx,
    sql`select substr(town_code, 1, ${sql.raw(String(childLen))}) as prefix, ${rollupSums(q.view)}
      from ${dailyReportRollups} where day = ${day}::date and ${townRange(scopePrefix(code))} group by 1`,
  );
  const byPrefix = new Map(rows.map((r) => [String(r.prefix), rollupTotals(r)]));
  const total = [...byPrefix.values()].reduce(addTotals, emptyTotals());
  return {
    regionCode: code,
    regionName: region.name,
    date: day,
    view: q.view,
    ...total,
    children: children.map((c) => ({
      regionCode: c.code,
      regionName: c.name,
      date: day,
      ...(byPrefix.get(scopePrefix(c.code)) ?? emptyTotals()),
    })),
  };
}

const execRows = async (ctx: Ctx, query: SQL) =>
  ((await ctx.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

/** Institutions expected on the day that have not submitted, with their contacts, for phoning them. */
export async function missingInstitutions(
  ctx: Ctx,
  q: { region?: string | undefined; date?: string | undefined },
) {
  const actor = requirePermission(ctx, 'reports:read');
  const code = q.region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const day = q.date ?? businessDay(ctx.now());
  const rows = await ctx.db
    .select({ inst: institutions, regionName: regions.name, status: statusOnSql(day) })
    .from(institutions)
    .leftJoin(regions, eq(regions.code, institutions.regionCode))
    .where(
      and(
        institutionScope(actor),
        like(institutions.regionCode, `${scopePrefix(code)}%`),
        expectedSql(day),
        sql`not exists (select 1 from ${dailyReports} r where r.institution_id = ${sql.raw('"institutions"."id"')} and r.day = ${day}::date)`,
      ),
    )
    .orderBy(asc(institutions.regionCode), asc(institutions.name));
  const { time } = await deadlineTime(ctx.db, code);
  return {
    date: day,
    deadline: shanghaiInstant(day, time).toISOString(),
    items: rows.map(({ inst, regionName, status }) => ({
      institutionId: inst.id,
      name: inst.name,
      type: inst.type,
      regionCode: inst.regionCode,
      regionName: regionName ?? inst.regionCode,
      responsiblePerson: inst.responsiblePerson,
      responsiblePhone: inst.responsiblePhone,
      dutyPhone: inst.dutyPhone,
      status,
    })),
  };
}

/** Every institution of a region with what it sent that day (the institution level of the tree). */
export async function institutionDays(
  ctx: Ctx,
  q: { region?: string | undefined; date?: string | undefined },
) {
  const actor = requirePermission(ctx, 'reports:read');
  const code = q.region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const day = q.date ?? businessDay(ctx.now());
  const rows = await ctx.db
    .select({
      inst: institutions,
      status: statusOnSql(day),
      since: statusSinceSql(day),
      reason: statusReasonSql(day),
      expected: expectedSql(day),
      report: dailyReports,
    })
    .from(institutions)
    .leftJoin(dailyReports, and(eq(dailyReports.institutionId, institutions.id), eq(dailyReports.day, day)))
    .where(
      and(
        institutionScope(actor),
        like(institutions.regionCode, `${scopePrefix(code)}%`),
        sql`${institutions.registeredOn} <= ${day}::date`,
      ),
    )
    .orderBy(asc(institutions.regionCode), asc(institutions.name));
  return {
    date: day,
    items: rows.map(({ inst, status, since, reason, expected, report }) => ({
      institutionId: inst.id,
      name: inst.name,
      type: inst.type,
      regionCode: inst.regionCode,
      status,
      statusSince: since,
      statusReason: reason,
      registeredOn: inst.registeredOn,
      expected: Boolean(expected),
      report: report
        ? {
            id: report.id,
            kind: report.kind,
            onTime: report.onTime,
            submittedAt: report.submittedAt.toISOString(),
            submittedByName: report.submittedByName,
            onBehalf: report.onBehalf,
          }
        : null,
    })),
  };
}
