import { and, asc, count, eq, ilike, inArray, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Region, RegionDetail, RegionWithCounts } from '../../../common/contracts/regions';
import type { RegionLevel } from '../../../common/enums';
import { can } from '../../../common/permissions';
import { COUNTRY_CODE, parentCode, scopePrefix } from '../../../common/region-code';
import { inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { regions } from '../../db/schema/regions';
import { users } from '../../db/schema/users';
import type { PgTable } from 'drizzle-orm/pg-core';
import { institutions } from '../../db/schema/institutions';
import { institutionScope } from '../institutions/institutions.scope';
import { regionsDownToTowns, villages, type RegionRecord } from './regions.source';

type Row = typeof regions.$inferSelect;

const toRegion = (r: Row): Region => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode });

/** Provinces: the children of the country. */
export async function listProvinces(ctx: Ctx): Promise<Region[]> {
  requirePermission(ctx, 'regions:read');
  const rows = await ctx.db.select().from(regions).where(eq(regions.parentCode, COUNTRY_CODE)).orderBy(asc(regions.code));
  return rows.map(toRegion);
}

/** Name search (or exact code), best matches first, at most 50, each with its ancestors' names. */
export async function searchRegions(ctx: Ctx, q: string, within?: string): Promise<Region[]> {
  requirePermission(ctx, 'regions:read');
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const match = or(ilike(regions.name, pattern), eq(regions.code, q.padEnd(12, '0').slice(0, 12)))!;
  const rows = await ctx.db
    .select()
    .from(regions)
    .where(within ? and(match, like(regions.code, `${scopePrefix(within)}%`)) : match)
    .orderBy(sql`case when ${regions.name} = ${q} then 0 else 1 end`, asc(regions.level), asc(regions.code))
    .limit(50);
  const chains = rows.map((r) => {
    const chain: string[] = [];
    for (let p = r.parentCode; p && p !== COUNTRY_CODE; p = parentCode(p)) chain.unshift(p);
    return chain;
  });
  const codes = [...new Set(chains.flat())];
  const names = new Map(
    codes.length ? (await ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))).map((r) => [r.code, r.name]) : [],
  );
  return rows.map((r, i) => ({ ...toRegion(r), path: chains[i]!.map((c) => names.get(c) ?? c).join(' ') }));
}

/** Counts of rows per child region prefix, for one region-owned table inside the caller's scope. */
async function countByPrefix(ctx: Ctx, table: PgTable, column: AnyColumn, scope: SQL, prefixes: string[]): Promise<Map<string, number>> {
  const len = prefixes[0]!.length;
  const prefix = sql<string>`substr(${column}, 1, ${sql.raw(String(len))})`;
  const rows = await ctx.db
    .select({ prefix, n: count() })
    .from(table)
    .where(and(scope, inArray(prefix, prefixes)))
    // Group by the output column: a repeated bind parameter would not be the same expression to PostgreSQL.
    .groupBy(sql`1`);
  return new Map(rows.map((r) => [r.prefix, Number(r.n)]));
}

/** Figures per child region that the caller may see: users (for account managers) and institutions. */
async function countsFor(ctx: Ctx, children: Row[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>(children.map((c) => [c.code, {}]));
  const actor = ctx.actor;
  if (!actor || children.length === 0) return out;
  const prefixes = children.map((c) => scopePrefix(c.code));
  const figures: Array<[string, Map<string, number>]> = [];
  if (can(actor.role, 'users:read')) figures.push(['users', await countByPrefix(ctx, users, users.regionCode, inScope(actor, users.regionCode), prefixes)]);
  if (can(actor.role, 'institutions:read')) {
    figures.push(['institutions', await countByPrefix(ctx, institutions, institutions.regionCode, institutionScope(actor), prefixes)]);
  }
  for (const c of children) {
    for (const [key, counts] of figures) out.get(c.code)![key] = counts.get(scopePrefix(c.code)) ?? 0;
  }
  return out;
}

async function withCounts(ctx: Ctx, rows: Row[]): Promise<RegionWithCounts[]> {
  const childCounts = rows.length
    ? await ctx.db
        .select({ parent: regions.parentCode, n: count() })
        .from(regions)
        .where(inArray(regions.parentCode, rows.map((r) => r.code)))
        .groupBy(regions.parentCode)
    : [];
  const byParent = new Map(childCounts.map((c) => [c.parent, Number(c.n)]));
  const counts = await countsFor(ctx, rows);
  return rows.map((r) => ({ ...toRegion(r), childCount: byParent.get(r.code) ?? 0, counts: counts.get(r.code) ?? {} }));
}

async function findRegion(db: Db, code: string): Promise<Row> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  if (!row) throw notFound('REGION_NOT_FOUND');
  return row;
}

export async function getRegion(ctx: Ctx, code: string): Promise<RegionDetail> {
  requirePermission(ctx, 'regions:read');
  const row = await findRegion(ctx.db, code);
  const ancestorCodes: string[] = [];
  for (let p = parentCode(code); p; p = parentCode(p)) ancestorCodes.unshift(p);
  const ancestors = ancestorCodes.length
    ? await ctx.db.select().from(regions).where(inArray(regions.code, ancestorCodes)).orderBy(asc(regions.code))
    : [];
  const [detail] = await withCounts(ctx, [row]);
  return { ...detail!, ancestors: ancestors.map(toRegion) };
}

export async function listChildren(ctx: Ctx, code: string): Promise<RegionWithCounts[]> {
  requirePermission(ctx, 'regions:read');
  await findRegion(ctx.db, code);
  const rows = await ctx.db.select().from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.code));
  return withCounts(ctx, rows);
}

/** Whether a region exists (for services validating a region named in input). */
export async function regionExists(db: Db, code: string): Promise<boolean> {
  const [row] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  return !!row;
}

export interface ImportOptions {
  villages?: boolean;
  /** Province (or any) code prefixes to limit the import to, e.g. ['52']. */
  provinces?: string[];
  /** Village prefixes to load even without `villages` (the demo's seed regions). */
  villagePrefixes?: string[];
}

async function upsert(db: Db, batch: RegionRecord[]): Promise<void> {
  for (let i = 0; i < batch.length; i += 1_000) {
    await db
      .insert(regions)
      .values(batch.slice(i, i + 1_000))
      .onConflictDoUpdate({ target: regions.code, set: { name: sql`excluded.name`, level: sql`excluded.level`, parentCode: sql`excluded.parent_code` } });
  }
}

/** Loads the national hierarchy; returns the number of regions per level now stored. */
export async function importRegions(ctx: Ctx, opts: ImportOptions): Promise<Record<RegionLevel, number>> {
  requirePermission(ctx, 'regions:import');
  return withTx(ctx, async (tx) => {
    await upsert(tx.db, regionsDownToTowns(opts.provinces));
    const villagePrefixes = opts.villages ? (opts.provinces ?? []) : (opts.villagePrefixes ?? []);
    if (opts.villages || villagePrefixes.length > 0) {
      for await (const batch of villages(villagePrefixes)) await upsert(tx.db, batch);
    }
    const rows = await tx.db.select({ level: regions.level, n: count() }).from(regions).groupBy(regions.level);
    const counts = { country: 0, province: 0, city: 0, county: 0, town: 0, village: 0 } as Record<RegionLevel, number>;
    for (const r of rows) counts[r.level] = Number(r.n);
    await recordAudit(tx, { action: 'region.import', entityType: 'region', details: { options: { ...opts }, counts } });
    return counts;
  });
}

