import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type { ResponseResult, SetResponseInput, StatusCounts, Summary, SummaryNode } from '../../../common/contracts/emergency';
import {
  INSTITUTION_STATUSES,
  RESIDENTIAL_TYPES,
  RESPONSE_LEVEL_LABELS,
  responseSeverity,
  type InstitutionStatus,
  type ResponseLevel,
} from '../../../common/enums';
import { regionLevel, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { badRequest, notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { emergencyResponses } from '../../db/schema/emergency';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { institutionScope, statusOnSql } from '../institutions/institutions.scope';
import { issueOrderTx } from './emergency.orders';

/** The current response level of each region (newest change wins; none when never set). */
export async function currentLevels(db: Db, codes: string[]): Promise<Map<string, ResponseLevel>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([emergencyResponses.regionCode], { regionCode: emergencyResponses.regionCode, level: emergencyResponses.level })
    .from(emergencyResponses)
    .where(inArray(emergencyResponses.regionCode, codes))
    .orderBy(emergencyResponses.regionCode, desc(emergencyResponses.seq));
  return new Map(rows.map((r) => [r.regionCode, r.level]));
}

async function regionRow(db: Db, code: string) {
  const [r] = await db.select().from(regions).where(eq(regions.code, code));
  if (!r) throw notFound('REGION_NOT_FOUND');
  return r;
}

/**
 * Sets a region's response level. Starting or raising a response puts the chosen institution types
 * (default: the residential ones) under closed management in the same transaction, as one order;
 * lowering or ending it lifts nothing.
 */
export async function setResponse(ctx: Ctx, input: SetResponseInput): Promise<ResponseResult> {
  const actor = requirePermission(ctx, 'emergency:manage');
  assertRegionInScope(actor, input.regionCode);
  const region = await regionRow(ctx.db, input.regionCode);
  if (regionLevel(region.code) === 'village') throw badRequest('VALIDATION_FAILED', '应急响应须在乡镇(街道)及以上区划启动');
  if (input.level === 'none' && input.closeTypes?.length) throw badRequest('VALIDATION_FAILED', '结束响应时不能同时下达封闭管理');
  return withTx(ctx, async (tx) => {
    // Serialise level changes of one region so "previous level" is always the one replaced.
    await tx.db.execute(sql`select pg_advisory_xact_lock(727002, hashtext(${input.regionCode}))`);
    const previousLevel = (await currentLevels(tx.db, [input.regionCode])).get(input.regionCode) ?? 'none';
    const id = randomUUID();
    const now = tx.now();
    await tx.db.insert(emergencyResponses).values({
      id,
      regionCode: input.regionCode,
      level: input.level,
      previousLevel,
      reason: input.reason ?? null,
      setById: actor.userId,
      setByName: actor.name,
      setByRegion: actor.regionCode,
      effectiveAt: now,
    });
    await recordAudit(tx, {
      action: 'emergency.response',
      entityType: 'region',
      entityId: input.regionCode,
      regionCode: input.regionCode,
      details: { level: input.level, previousLevel, reason: input.reason ?? null },
    });
    const raised = responseSeverity(input.level) > responseSeverity(previousLevel);
    const types = input.closeTypes ?? (raised ? RESIDENTIAL_TYPES : []);
    const order =
      input.level !== 'none' && types.length > 0
        ? await issueOrderTx(tx, actor, {
            regionCode: input.regionCode,
            types,
            measures: input.measures,
            plannedEnd: input.plannedEnd ?? null,
            reason: input.reason || `${region.name}启动${RESPONSE_LEVEL_LABELS[input.level]}，民政服务机构实行封闭管理`,
            responseId: id,
          })
        : null;
    return { regionCode: input.regionCode, level: input.level, previousLevel, effectiveAt: now.toISOString(), order };
  });
}

export async function listResponses(ctx: Ctx, region?: string) {
  const actor = requirePermission(ctx, 'emergency:read');
  const where: SQL[] = [inScope(actor, emergencyResponses.regionCode)];
  if (region) {
    assertRegionInScope(actor, region);
    where.push(like(emergencyResponses.regionCode, `${scopePrefix(region)}%`));
  }
  const rows = await ctx.db
    .select({ r: emergencyResponses, regionName: regions.name })
    .from(emergencyResponses)
    .leftJoin(regions, eq(regions.code, emergencyResponses.regionCode))
    .where(and(...where))
    .orderBy(desc(emergencyResponses.seq))
    .limit(500);
  return {
    items: rows.map(({ r, regionName }) => ({
      id: r.id,
      regionCode: r.regionCode,
      regionName: regionName ?? r.regionCode,
      level: r.level,
      previousLevel: r.previousLevel,
      reason: r.reason,
      setByName: r.setByName,
      effectiveAt: r.effectiveAt.toISOString(),
    })),
  };
}

const zeroCounts = (): StatusCounts => Object.fromEntries(INSTITUTION_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Institutions by status today for a region and each of its children, with their response levels. */
export async function summary(ctx: Ctx, region?: string): Promise<Summary> {
  const actor = requirePermission(ctx, 'emergency:read');
  const code = region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const row = await regionRow(ctx.db, code);
  const day = businessDay(ctx.now());
  const children = await ctx.db.select().from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
  // Children of one region share a level (a city without counties has towns as children).
  const childLen = children[0] ? scopePrefix(children[0].code).length : 12;
  const prefix = sql<string>`substr(${institutions.regionCode}, 1, ${childLen})`;
  const status = statusOnSql(day);
  const grouped = await ctx.db
    .select({ prefix, status, n: count() })
    .from(institutions)
    .where(and(institutionScope(actor), like(institutions.regionCode, `${scopePrefix(code)}%`)))
    .groupBy(sql`1`, sql`2`);
  const levels = await currentLevels(ctx.db, [code, ...children.map((c) => c.code)]);
  const node = (c: { code: string; name: string }, rows: Array<{ status: InstitutionStatus; n: number }>): SummaryNode => {
    const counts = zeroCounts();
    for (const r of rows) counts[r.status] += Number(r.n);
    return { regionCode: c.code, regionName: c.name, level: levels.get(c.code) ?? 'none', total: rows.reduce((a, r) => a + Number(r.n), 0), counts };
  };
  return {
    ...node(row, grouped),
    date: day,
    children: children.map((c) => node(c, grouped.filter((g) => g.prefix === scopePrefix(c.code)))),
  };
}
