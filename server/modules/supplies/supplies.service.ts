import { randomUUID } from 'node:crypto';
import { and, between, desc, eq, sql } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import type { Figures } from '../../../common/contracts/daily-reports';
import type { Institution } from '../../../common/contracts/institutions';
import type { InstitutionStock, MovementKind, Norm, NormInput, RecordMovementInput, StockItem } from '../../../common/contracts/supplies';
import { SUPPLY_CATEGORIES, type SupplyCategory } from '../../../common/enums';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { badRequest, forbidden } from '../../core/errors';
import type { Db } from '../../db/client';
import { supplyMovements, supplyNorms, supplyStocks } from '../../db/schema/supplies';
import { findInstitution } from '../institutions/institutions.service';
import { avgDaily, belowNorm, bookedCategory, CONSUMPTION_WINDOW_DAYS, daysOfCover, effectiveNorms, normDaysFor, round2 } from './supplies.rules';

/** The first day of the consumption window ending on `today`. */
export const windowStart = (today: string) => addDays(today, -(CONSUMPTION_WINDOW_DAYS - 1));

export async function currentNorms(db: Db) {
  return effectiveNorms(await db.select().from(supplyNorms));
}

/** Adds delta to an institution's stock of a category (creating it), returning the new quantity. */
async function applyDelta(ctx: Ctx, institutionId: string, category: SupplyCategory, delta: number, unit: string | null): Promise<number> {
  const [row] = await ctx.db
    .insert(supplyStocks)
    .values({ institutionId, category, quantity: delta.toFixed(2), unit, updatedAt: ctx.now() })
    .onConflictDoUpdate({
      target: [supplyStocks.institutionId, supplyStocks.category],
      set: {
        quantity: sql`${supplyStocks.quantity} + excluded.quantity`,
        unit: sql`coalesce(excluded.unit, ${supplyStocks.unit})`,
        updatedAt: ctx.now(),
      },
    })
    .returning({ quantity: supplyStocks.quantity });
  return Number(row!.quantity);
}

async function stockView(ctx: Ctx, inst: Institution): Promise<InstitutionStock> {
  const today = businessDay(ctx.now());
  const stocks = await ctx.db.select().from(supplyStocks).where(eq(supplyStocks.institutionId, inst.id));
  const used = await ctx.db
    .select({ category: supplyMovements.category, used: sql<string>`-sum(${supplyMovements.delta})` })
    .from(supplyMovements)
    .where(and(eq(supplyMovements.institutionId, inst.id), eq(supplyMovements.kind, 'consumption'), between(supplyMovements.day, windowStart(today), today)))
    .groupBy(supplyMovements.category);
  const norms = await currentNorms(ctx.db);
  const items: StockItem[] = [];
  for (const category of SUPPLY_CATEGORIES) {
    const stock = stocks.find((s) => s.category === category);
    const normDays = normDaysFor(norms, inst.type, inst.housesTekun, category);
    if (!stock && normDays === null) continue;
    const quantity = Number(stock?.quantity ?? 0);
    const inWindow = Number(used.find((u) => u.category === category)?.used ?? 0);
    items.push({
      category,
      quantity,
      unit: stock?.unit ?? null,
      avgDaily: avgDaily(inWindow),
      daysOfCover: daysOfCover(quantity, inWindow),
      normDays,
      belowNorm: belowNorm(quantity, inWindow, normDays),
      updatedAt: stock?.updatedAt.toISOString() ?? null,
    });
  }
  return { institutionId: inst.id, institutionName: inst.name, type: inst.type, housesTekun: inst.housesTekun, date: today, items };
}

/** Stock, days of cover and norms of one institution in the actor's scope. */
export async function getStock(ctx: Ctx, institutionId: string): Promise<InstitutionStock> {
  const actor = requirePermission(ctx, 'supplies:read');
  return stockView(ctx, await findInstitution(ctx, actor, institutionId));
}

export async function listMovements(ctx: Ctx, q: { institutionId: string; category?: SupplyCategory | undefined; limit: number }) {
  const actor = requirePermission(ctx, 'supplies:read');
  await findInstitution(ctx, actor, q.institutionId);
  const rows = await ctx.db
    .select()
    .from(supplyMovements)
    .where(and(eq(supplyMovements.institutionId, q.institutionId), q.category ? eq(supplyMovements.category, q.category) : undefined))
    .orderBy(desc(supplyMovements.day), desc(supplyMovements.createdAt))
    .limit(q.limit);
  return {
    items: rows.map((m) => ({
      id: m.id,
      category: m.category,
      kind: m.kind as MovementKind,
      delta: Number(m.delta),
      day: m.day,
      sourceId: m.sourceId,
      note: m.note,
      createdByName: m.createdByName,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

/**
 * A receipt or a stocktake adjustment, by the institution or an officer on its behalf. A reduction may
 * not take the stock below zero.
 */
export async function recordMovement(ctx: Ctx, input: RecordMovementInput): Promise<InstitutionStock> {
  const actor = requirePermission(ctx, 'supplies:record');
  const inst = await findInstitution(ctx, actor, input.institutionId);
  const today = businessDay(ctx.now());
  const day = input.day ?? today;
  if (day > today) throw badRequest('VALIDATION_FAILED', '日期不能晚于今天');
  const delta = round2(input.quantity);
  return withTx(ctx, async (tx) => {
    const after = await applyDelta(tx, inst.id, input.category, delta, input.unit ?? null);
    if (delta < 0 && after < 0) throw badRequest('SUPPLY_STOCK_NEGATIVE', undefined, { before: round2(after - delta), delta });
    const id = randomUUID();
    await tx.db.insert(supplyMovements).values({
      id,
      institutionId: inst.id,
      category: input.category,
      delta: delta.toFixed(2),
      kind: input.kind,
      day,
      note: input.note ?? null,
      createdByName: actor.name,
      createdAt: tx.now(),
    });
    await recordAudit(tx, {
      action: input.kind === 'receipt' ? 'supplies.receipt' : 'supplies.adjust',
      entityType: 'institution',
      entityId: inst.id,
      regionCode: inst.regionCode,
      details: { movementId: id, category: input.category, delta, after, day, note: input.note ?? null, onBehalf: actor.institutionId !== inst.id },
    });
    return stockView(tx, inst);
  });
}

type ReportSupplies = { institutionId: string; regionCode: string; reportId: string; day: string; supplies?: Figures['supplies'] | undefined };

/** What a report's supply list consumes in total per booked category (a name outside the list books as "other"), with a unit given. */
function consumedBy(supplies: Figures['supplies'] | undefined): Map<SupplyCategory, { quantity: number; unit: string | null }> {
  const out = new Map<SupplyCategory, { quantity: number; unit: string | null }>();
  for (const use of supplies ?? []) {
    if (use.quantity <= 0) continue;
    const category = bookedCategory(use.category);
    const was = out.get(category);
    out.set(category, { quantity: round2((was?.quantity ?? 0) + use.quantity), unit: use.unit ?? was?.unit ?? null });
  }
  return out;
}

/** One consumption movement of a report (negative: used; positive: given back by a correction) and its stock change. */
async function consume(ctx: Ctx, r: ReportSupplies, category: SupplyCategory, delta: number, unit: string | null, note: string | null): Promise<void> {
  await applyDelta(ctx, r.institutionId, category, delta, unit);
  await ctx.db.insert(supplyMovements).values({
    id: randomUUID(),
    institutionId: r.institutionId,
    category,
    delta: delta.toFixed(2),
    kind: 'consumption',
    day: r.day,
    sourceId: r.reportId,
    note,
    createdByName: ctx.actor?.name ?? '系统',
    createdAt: ctx.now(),
  });
}

/**
 * Books the supplies a daily report says were used as consumption movements, inside the report's own
 * transaction (the caller has checked reports:submit and the institution's scope). Figures are facts:
 * consumption is never refused, even when it takes recorded stock below zero.
 */
export async function bookConsumption(ctx: Ctx, r: ReportSupplies): Promise<void> {
  const uses = (r.supplies ?? []).filter((s) => s.quantity > 0);
  if (uses.length === 0) return;
  const items: Array<{ category: SupplyCategory; quantity: number; reported: string }> = [];
  for (const use of uses) {
    const category = bookedCategory(use.category);
    const quantity = round2(use.quantity);
    await consume(ctx, r, category, -quantity, use.unit ?? null, category === use.category ? null : `日报告填写：${use.category}`);
    items.push({ category, quantity, reported: use.category });
  }
  await recordAudit(ctx, { action: 'supplies.consume', entityType: 'institution', entityId: r.institutionId, regionCode: r.regionCode, details: { reportId: r.reportId, day: r.day, items } });
}

/**
 * After a report's correction: books, per category, the difference between what the corrected report
 * consumes and what the report's movements booked so far (a positive movement gives back what was
 * booked too much), so stock and days of cover follow the correction. Inside the correction's transaction.
 */
export async function rebookConsumption(ctx: Ctx, r: ReportSupplies): Promise<void> {
  const booked = await ctx.db
    .select({ category: supplyMovements.category, used: sql<string>`-sum(${supplyMovements.delta})` })
    .from(supplyMovements)
    .where(and(eq(supplyMovements.institutionId, r.institutionId), eq(supplyMovements.sourceId, r.reportId), eq(supplyMovements.kind, 'consumption')))
    .groupBy(supplyMovements.category);
  const wanted = consumedBy(r.supplies);
  const before = new Map(booked.map((b) => [b.category as SupplyCategory, Number(b.used)]));
  const items: Array<{ category: SupplyCategory; before: number; after: number }> = [];
  for (const category of new Set([...before.keys(), ...wanted.keys()])) {
    const was = before.get(category) ?? 0;
    const now = wanted.get(category)?.quantity ?? 0;
    if (round2(now - was) === 0) continue;
    await consume(ctx, r, category, round2(was - now), wanted.get(category)?.unit ?? null, '日报告更正');
    items.push({ category, before: was, after: now });
  }
  if (items.length === 0) return;
  await recordAudit(ctx, { action: 'supplies.consume', entityType: 'institution', entityId: r.institutionId, regionCode: r.regionCode, details: { reportId: r.reportId, day: r.day, corrected: true, items } });
}

export async function listNorms(ctx: Ctx): Promise<{ items: Norm[] }> {
  requirePermission(ctx, 'supplies:read');
  const items = (await currentNorms(ctx.db)).map((n) => ({
    institutionType: n.institutionType as Norm['institutionType'],
    category: n.category as SupplyCategory,
    days: n.days,
    onlyTekun: n.onlyTekun,
    isDefault: n.isDefault,
  }));
  return { items };
}

/** Reserve norms hold for the whole country (the table has no region), so only national officers set them. */
export async function setNorm(ctx: Ctx, input: NormInput): Promise<{ items: Norm[] }> {
  const actor = requirePermission(ctx, 'supplies:configure');
  if (actor.scope !== '') throw forbidden('SUPPLY_NORM_NATIONAL_ONLY');
  await withTx(ctx, async (tx) => {
    const key = and(eq(supplyNorms.institutionType, input.institutionType), eq(supplyNorms.category, input.category));
    const [before] = await tx.db.select().from(supplyNorms).where(key);
    const values = { days: input.days, onlyTekun: input.onlyTekun, updatedAt: tx.now() };
    await tx.db
      .insert(supplyNorms)
      .values({ institutionType: input.institutionType, category: input.category, ...values })
      .onConflictDoUpdate({ target: [supplyNorms.institutionType, supplyNorms.category], set: values });
    await recordAudit(tx, {
      action: 'supplies.norm',
      entityType: 'supply_norm',
      entityId: `${input.institutionType}:${input.category}`,
      regionCode: actor.regionCode,
      details: { before: before ? { days: before.days, onlyTekun: before.onlyTekun } : null, after: { days: input.days, onlyTekun: input.onlyTekun } },
    });
  });
  return listNorms(ctx);
}
