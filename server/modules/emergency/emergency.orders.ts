import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type { ClosureOrder, ClosureOrderDetail, IssueOrderInput, LiftOrderInput, LiftResult, OrderQuery } from '../../../common/contracts/emergency';
import { DEFAULT_CLOSURE_MEASURES, type InstitutionType } from '../../../common/enums';
import { scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, badRequest, notFound } from '../../core/errors';
import { closureOrderInstitutions, closureOrders } from '../../db/schema/emergency';
import { institutions, institutionStatusEvents } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { institutionScope, statusOnSql } from '../institutions/institutions.scope';
import { refreshRosterOf } from '../daily-reports/rollups';

type OrderRow = typeof closureOrders.$inferSelect;

/** The outer order's id, qualified (drizzle renders single-table columns unqualified). */
const ORDER_ID = sql.raw('"closure_orders"."id"');

const orderColumns = {
  order: closureOrders,
  regionName: regions.name,
  institutionCount: sql<number>`(select count(*)::int from ${closureOrderInstitutions} c where c.order_id = ${ORDER_ID})`,
  liftedCount: sql<number>`(select count(*)::int from ${closureOrderInstitutions} c where c.order_id = ${ORDER_ID} and c.lifted_at is not null)`,
};

function toOrder(r: { order: OrderRow; regionName: string | null; institutionCount: number; liftedCount: number }): ClosureOrder {
  const o = r.order;
  const n = Number(r.institutionCount);
  const lifted = Number(r.liftedCount);
  return {
    id: o.id,
    regionCode: o.regionCode,
    regionName: r.regionName ?? o.regionCode,
    issuingBureau: o.issuingBureau,
    issuedByName: o.issuedByName,
    startsOn: o.startsOn,
    plannedEnd: o.plannedEnd,
    measures: o.measures,
    exemptions: o.exemptions,
    reason: o.reason,
    institutionCount: n,
    liftedCount: lifted,
    status: lifted === 0 ? 'in_force' : lifted < n ? 'partly_lifted' : 'lifted',
    createdAt: o.createdAt.toISOString(),
  };
}

async function regionName(ctx: Ctx, code: string): Promise<string> {
  const [r] = await ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.code, code));
  if (!r) throw notFound('REGION_NOT_FOUND');
  return r.name;
}

export interface OrderSpec {
  regionCode: string;
  types?: readonly InstitutionType[] | undefined;
  institutionIds?: readonly string[] | undefined;
  startsOn?: string | undefined;
  plannedEnd?: string | null | undefined;
  measures?: readonly string[] | undefined;
  exemptions?: string | null | undefined;
  reason: string;
  responseId?: string | null;
}

/**
 * Puts every matching institution that is not closed and not already under closed management into
 * closed management, as one order; returns null when nothing matches. Runs in the caller's transaction.
 */
export async function issueOrderTx(tx: Ctx, actor: Actor, spec: OrderSpec): Promise<ClosureOrder | null> {
  const startsOn = spec.startsOn ?? businessDay(tx.now());
  if (spec.plannedEnd && spec.plannedEnd < startsOn) throw badRequest('PLANNED_END_BEFORE_START');
  const where: SQL[] = [institutionScope(actor), like(institutions.regionCode, `${scopePrefix(spec.regionCode)}%`)];
  if (spec.types) where.push(inArray(institutions.type, [...spec.types]));
  if (spec.institutionIds) where.push(inArray(institutions.id, [...spec.institutionIds]));
  where.push(sql`${statusOnSql(startsOn)} not in ('closed', 'closed_management')`);
  const targets = await tx.db.select({ id: institutions.id }).from(institutions).where(and(...where));
  if (targets.length === 0) return null;
  const id = randomUUID();
  const now = tx.now();
  const bureau = `${await regionName(tx, actor.regionCode)}民政部门`;
  await tx.db.insert(closureOrders).values({
    id,
    regionCode: spec.regionCode,
    issuingBureau: bureau,
    issuedById: actor.userId,
    issuedByName: actor.name,
    responseId: spec.responseId ?? null,
    startsOn,
    plannedEnd: spec.plannedEnd ?? null,
    measures: [...(spec.measures ?? DEFAULT_CLOSURE_MEASURES)],
    exemptions: spec.exemptions ?? null,
    reason: spec.reason,
    createdAt: now,
  });
  for (let i = 0; i < targets.length; i += 1_000) {
    const chunk = targets.slice(i, i + 1_000);
    await tx.db.insert(closureOrderInstitutions).values(chunk.map((t) => ({ orderId: id, institutionId: t.id })));
    await tx.db.insert(institutionStatusEvents).values(
      chunk.map((t) => ({
        id: randomUUID(),
        institutionId: t.id,
        status: 'closed_management' as const,
        effectiveFrom: startsOn,
        plannedEnd: spec.plannedEnd ?? null,
        reason: spec.reason,
        orderId: id,
        orderedById: actor.userId,
        orderedByName: actor.name,
        orderedByRegion: actor.regionCode,
        createdAt: now,
      })),
    );
  }
  await refreshRosterOf(tx, targets.map((t) => t.id), startsOn);
  await recordAudit(tx, {
    action: 'closure_order.issue',
    entityType: 'closure_order',
    entityId: id,
    regionCode: spec.regionCode,
    details: { institutions: targets.map((t) => t.id), startsOn, plannedEnd: spec.plannedEnd ?? null, reason: spec.reason },
  });
  return getOrderRow(tx, actor, id);
}

async function getOrderRow(ctx: Ctx, actor: Actor, id: string): Promise<ClosureOrder> {
  const [row] = await ctx.db
    .select(orderColumns)
    .from(closureOrders)
    .leftJoin(regions, eq(regions.code, closureOrders.regionCode))
    .where(and(eq(closureOrders.id, id), orderScope(actor)));
  if (!row) throw notFound('ORDER_NOT_FOUND');
  return toOrder(row);
}

/** Orders a bureau user may see: those for regions in their scope; a reporter, those covering their institution. */
function orderScope(actor: Actor): SQL {
  if (!actor.institutionId) return inScope(actor, closureOrders.regionCode);
  return sql`exists (select 1 from ${closureOrderInstitutions} c where c.order_id = ${ORDER_ID} and c.institution_id = ${actor.institutionId})`;
}

export async function issueOrder(ctx: Ctx, input: IssueOrderInput): Promise<ClosureOrder> {
  const actor = requirePermission(ctx, 'emergency:manage');
  assertRegionInScope(actor, input.regionCode);
  const order = await withTx(ctx, (tx) => issueOrderTx(tx, actor, input));
  if (!order) throw new AppError(400, 'NO_INSTITUTIONS_MATCH');
  return order;
}

export async function listOrders(ctx: Ctx, q: OrderQuery): Promise<{ items: ClosureOrder[]; total: number }> {
  const actor = requirePermission(ctx, 'emergency:read');
  const where: SQL[] = [orderScope(actor)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(like(closureOrders.regionCode, `${scopePrefix(q.region)}%`));
  }
  if (q.institutionId) {
    where.push(sql`exists (select 1 from ${closureOrderInstitutions} c where c.order_id = ${ORDER_ID} and c.institution_id = ${q.institutionId})`);
  }
  const lifted = sql`(select count(*) from ${closureOrderInstitutions} c where c.order_id = ${ORDER_ID} and c.lifted_at is not null)`;
  const all = sql`(select count(*) from ${closureOrderInstitutions} c where c.order_id = ${ORDER_ID})`;
  if (q.status === 'in_force') where.push(sql`${lifted} = 0`);
  if (q.status === 'partly_lifted') where.push(sql`${lifted} > 0 and ${lifted} < ${all}`);
  if (q.status === 'lifted') where.push(sql`${lifted} = ${all}`);
  const [total] = await ctx.db.select({ n: count() }).from(closureOrders).where(and(...where));
  const rows = await ctx.db
    .select(orderColumns)
    .from(closureOrders)
    .leftJoin(regions, eq(regions.code, closureOrders.regionCode))
    .where(and(...where))
    .orderBy(desc(closureOrders.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(toOrder), total: Number(total?.n ?? 0) };
}

export async function getOrder(ctx: Ctx, id: string): Promise<ClosureOrderDetail> {
  const actor = requirePermission(ctx, 'emergency:read');
  const order = await getOrderRow(ctx, actor, id);
  const members = await ctx.db
    .select({ link: closureOrderInstitutions, inst: institutions })
    .from(closureOrderInstitutions)
    .innerJoin(institutions, eq(institutions.id, closureOrderInstitutions.institutionId))
    .where(and(eq(closureOrderInstitutions.orderId, id), institutionScope(actor)))
    .orderBy(asc(institutions.regionCode), asc(institutions.name));
  return {
    ...order,
    institutions: members.map(({ link, inst }) => ({
      institutionId: inst.id,
      name: inst.name,
      type: inst.type,
      regionCode: inst.regionCode,
      liftedAt: link.liftedAt?.toISOString() ?? null,
      liftedByName: link.liftedByName,
      liftReason: link.liftReason,
    })),
  };
}

/**
 * Lifts closed management for all or some institutions of an order. An institution goes back to
 * operating only when no other order still holds it; lowering a response level never does this.
 */
export async function liftOrder(ctx: Ctx, id: string, input: LiftOrderInput): Promise<LiftResult> {
  const actor = requirePermission(ctx, 'emergency:manage');
  if (actor.institutionId) throw notFound('ORDER_NOT_FOUND');
  await getOrderRow(ctx, actor, id);
  return withTx(ctx, async (tx) => {
    const now = tx.now();
    const today = businessDay(now);
    const where: SQL[] = [eq(closureOrderInstitutions.orderId, id), isNull(closureOrderInstitutions.liftedAt)];
    if (input.institutionIds) where.push(inArray(closureOrderInstitutions.institutionId, input.institutionIds));
    const lifted = await tx.db
      .update(closureOrderInstitutions)
      .set({ liftedAt: now, liftedById: actor.userId, liftedByName: actor.name, liftReason: input.reason })
      .where(and(...where, sql`${closureOrderInstitutions.institutionId} in (select id from ${institutions} where ${institutionScope(actor)})`))
      .returning({ institutionId: closureOrderInstitutions.institutionId });
    if (lifted.length === 0) throw new AppError(400, 'NOTHING_TO_LIFT');
    const stillHeld = await tx.db
      .selectDistinct({ institutionId: closureOrderInstitutions.institutionId })
      .from(closureOrderInstitutions)
      .where(and(inArray(closureOrderInstitutions.institutionId, lifted.map((l) => l.institutionId)), isNull(closureOrderInstitutions.liftedAt)));
    const held = new Set(stillHeld.map((s) => s.institutionId));
    const current = await tx.db
      .select({ id: institutions.id, status: statusOnSql(today) })
      .from(institutions)
      .where(inArray(institutions.id, lifted.map((l) => l.institutionId)));
    const reopen = current.filter((c) => !held.has(c.id) && c.status === 'closed_management').map((c) => c.id);
    if (reopen.length > 0) {
      await tx.db.insert(institutionStatusEvents).values(
        reopen.map((institutionId) => ({
          id: randomUUID(),
          institutionId,
          status: 'operating' as const,
          effectiveFrom: today,
          reason: `解除封闭管理：${input.reason}`,
          orderId: id,
          orderedById: actor.userId,
          orderedByName: actor.name,
          orderedByRegion: actor.regionCode,
          createdAt: now,
        })),
      );
    }
    await refreshRosterOf(tx, reopen, today);
    const order = await getOrderRow(tx, actor, id);
    await recordAudit(tx, {
      action: 'closure_order.lift',
      entityType: 'closure_order',
      entityId: id,
      regionCode: order.regionCode,
      details: { lifted: lifted.map((l) => l.institutionId), reopened: reopen, reason: input.reason },
    });
    return { lifted: lifted.length, reopened: reopen.length, order };
  });
}
