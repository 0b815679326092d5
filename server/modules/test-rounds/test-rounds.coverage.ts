import { and, asc, eq, like, sql } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type { CarriedOver, CoverageNode, NotTested, RoundDetail } from '../../../common/contracts/test-rounds';
import type { InstitutionType } from '../../../common/enums';
import { scopePrefix } from '../../../common/region-code';
import { requirePermission } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { notFound } from '../../core/errors';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { testRoundResults } from '../../db/schema/test-rounds';
import { institutionScope } from '../institutions/institutions.scope';
import { findRound, memberSql, toResult, toRound, type RoundRow } from './test-rounds.service';
import { viewRegion } from './test-rounds.rules';

type Counters = Omit<CoverageNode, 'regionCode' | 'regionName'>;
const COUNTERS = ['institutions', 'reported', 'expected', 'tested', 'residentsTested', 'staffTested', 'negative', 'positive', 'notTested'] as const;

function resolveView(actor: Actor, round: RoundRow, requested?: string): string {
  const code = viewRegion(round.regionCode, actor.regionCode, requested);
  if (!code) throw notFound('REGION_NOT_FOUND');
  return code;
}

/**
 * Coverage of a round for a region and each of its children, from the raw rows in one grouped query:
 * institutions in the round, how many recorded results, people tested / expected (residents + staff),
 * positives and people not tested.
 */
export async function coverage(ctx: Ctx, actor: Actor, round: RoundRow, code: string): Promise<RoundDetail['coverage']> {
  const [region] = await ctx.db.select().from(regions).where(eq(regions.code, code));
  if (!region) throw notFound('REGION_NOT_FOUND');
  const children = await ctx.db.select().from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
  const childLen = children[0] ? scopePrefix(children[0].code).length : 12;
  const r = testRoundResults;
  const rows = await ctx.db
    .select({
      prefix: sql<string>`substr(${institutions.regionCode}, 1, ${sql.raw(String(childLen))})`,
      institutions: sql<number>`count(*)::int`,
      reported: sql<number>`count(${r.institutionId})::int`,
      expected: sql<number>`coalesce(sum(${institutions.residents} + ${institutions.staff}), 0)::int`,
      residentsTested: sql<number>`coalesce(sum(${r.residentsTested}), 0)::int`,
      staffTested: sql<number>`coalesce(sum(${r.staffTested}), 0)::int`,
      negative: sql<number>`coalesce(sum(${r.negative}), 0)::int`,
      positive: sql<number>`coalesce(sum(${r.positive}), 0)::int`,
      notTested: sql<number>`coalesce(sum(jsonb_array_length(${r.notTested})), 0)::int`,
    })
    .from(institutions)
    .leftJoin(r, and(eq(r.roundId, round.id), eq(r.institutionId, institutions.id)))
    .where(and(memberSql(round), institutionScope(actor), like(institutions.regionCode, `${scopePrefix(code)}%`)))
    .groupBy(sql`1`);
  const total = (prefix: string | null): Counters => {
    const acc = Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Counters;
    for (const row of rows) {
      if (prefix !== null && row.prefix !== prefix) continue;
      for (const k of COUNTERS) if (k !== 'tested') acc[k] += Number(row[k]);
    }
    acc.tested = acc.residentsTested + acc.staffTested;
    return acc;
  };
  return {
    regionCode: code,
    regionName: region.name,
    ...total(null),
    children: children.map((c) => ({ regionCode: c.code, regionName: c.name, ...total(scopePrefix(c.code)) })),
  };
}

/** The previous round's results for the institutions of this round that the actor sees under `code`. */
async function previousResults(ctx: Ctx, actor: Actor, round: RoundRow, code: string) {
  if (!round.carriedFromId) return [];
  return ctx.db
    .select({ institutionId: institutions.id, name: institutions.name, regionCode: institutions.regionCode, notTested: testRoundResults.notTested })
    .from(testRoundResults)
    .innerJoin(institutions, eq(institutions.id, testRoundResults.institutionId))
    .where(
      and(
        eq(testRoundResults.roundId, round.carriedFromId),
        memberSql(round),
        institutionScope(actor),
        like(institutions.regionCode, `${scopePrefix(code)}%`),
        sql`jsonb_array_length(${testRoundResults.notTested}) > 0`,
      ),
    )
    .orderBy(asc(institutions.regionCode), asc(institutions.name));
}

export async function getRound(ctx: Ctx, id: string, requested?: string): Promise<RoundDetail> {
  const actor = requirePermission(ctx, 'tests:read');
  const round = await findRound(ctx, actor, id);
  const code = resolveView(actor, round, requested);
  const [region] = await ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.code, round.regionCode));
  const carriedOver: CarriedOver[] = (await previousResults(ctx, actor, round, code)).flatMap((p) =>
    (p.notTested as NotTested[]).map((n) => ({ ...n, institutionId: p.institutionId, institutionName: p.name, regionCode: p.regionCode })),
  );
  return {
    ...toRound(round, region?.name ?? round.regionCode, businessDay(ctx.now())),
    coverage: await coverage(ctx, actor, round, code),
    carriedOver,
  };
}

/** The institutions of a round under a region, each with its result (or none yet) and its carried-over people. */
export async function roundInstitutions(ctx: Ctx, id: string, q: { region?: string | undefined; missing?: 'true' | 'false' | undefined }) {
  const actor = requirePermission(ctx, 'tests:read');
  const round = await findRound(ctx, actor, id);
  const code = resolveView(actor, round, q.region);
  const r = testRoundResults;
  const rows = await ctx.db
    .select({ inst: institutions, result: r })
    .from(institutions)
    .leftJoin(r, and(eq(r.roundId, round.id), eq(r.institutionId, institutions.id)))
    .where(
      and(
        memberSql(round),
        institutionScope(actor),
        like(institutions.regionCode, `${scopePrefix(code)}%`),
        q.missing === 'true' ? sql`${r.institutionId} is null` : undefined,
      ),
    )
    .orderBy(asc(institutions.regionCode), asc(institutions.name))
    .limit(5_000);
  const carried = new Map((await previousResults(ctx, actor, round, code)).map((p) => [p.institutionId, p.notTested as NotTested[]]));
  return {
    items: rows.map(({ inst, result }) => ({
      institutionId: inst.id,
      name: inst.name,
      type: inst.type as InstitutionType,
      regionCode: inst.regionCode,
      residents: inst.residents,
      staff: inst.staff,
      result: result ? toResult(result) : null,
      carriedOver: carried.get(inst.id) ?? [],
    })),
  };
}
