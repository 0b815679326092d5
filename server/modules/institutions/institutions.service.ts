import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, ilike, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type {
  CreateInstitutionInput,
  Institution,
  InstitutionDetail,
  InstitutionList,
  InstitutionQuery,
  SetStatusInput,
  StatusEvent,
  UpdateInstitutionInput,
} from '../../../common/contracts/institutions';
import type { InstitutionStatus } from '../../../common/enums';
import { regionLevel, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, badRequest, conflict, notFound } from '../../core/errors';
import { closureOrderInstitutions, closureOrders } from '../../db/schema/emergency';
import { institutions, institutionStatusEvents } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { regionExists } from '../regions/regions.service';
import { nameKey } from './institutions.rules';
import { institutionScope, statusOnSql, statusSinceSql } from './institutions.scope';
import { refreshRoster } from '../daily-reports/rollups';

type Row = typeof institutions.$inferSelect;

export function selection(day: string) {
  return {
    inst: institutions,
    regionName: regions.name,
    status: statusOnSql(day),
    statusSince: statusSinceSql(day),
  };
}

export function toInstitution(r: { inst: Row; regionName: string | null; status: InstitutionStatus; statusSince: string | null }): Institution {
  const i = r.inst;
  return {
    id: i.id,
    name: i.name,
    type: i.type,
    regionCode: i.regionCode,
    regionName: r.regionName ?? i.regionCode,
    address: i.address,
    lat: i.lat,
    lng: i.lng,
    beds: i.beds,
    residents: i.residents,
    housesTekun: i.housesTekun,
    staff: i.staff,
    responsiblePerson: i.responsiblePerson,
    responsiblePhone: i.responsiblePhone,
    dutyPhone: i.dutyPhone,
    status: r.status,
    statusSince: r.statusSince,
    registeredOn: i.registeredOn,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** Filters of a list or export, inside the actor's scope. */
export function listFilter(actor: Actor, q: Omit<InstitutionQuery, 'page' | 'pageSize'>, day: string): SQL {
  const where: SQL[] = [institutionScope(actor)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(like(institutions.regionCode, `${scopePrefix(q.region)}%`));
  }
  if (q.type) where.push(eq(institutions.type, q.type));
  if (q.status) where.push(sql`${statusOnSql(day)} = ${q.status}`);
  if (q.q) {
    const p = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(institutions.name, p), ilike(institutions.address, p), ilike(institutions.responsiblePerson, p))!);
  }
  return and(...where)!;
}

export async function listInstitutions(ctx: Ctx, q: InstitutionQuery): Promise<InstitutionList> {
  const actor = requirePermission(ctx, 'institutions:read');
  const day = businessDay(ctx.now());
  const where = listFilter(actor, q, day);
  const [total] = await ctx.db.select({ n: count() }).from(institutions).where(where);
  const rows = await ctx.db
    .select(selection(day))
    .from(institutions)
    .leftJoin(regions, eq(regions.code, institutions.regionCode))
    .where(where)
    .orderBy(asc(institutions.regionCode), asc(institutions.name))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(toInstitution), total: Number(total?.n ?? 0) };
}

/** An institution inside the actor's scope, or 404. */
export async function findInstitution(ctx: Ctx, actor: Actor, id: string, day = businessDay(ctx.now())): Promise<Institution> {
  const [row] = await ctx.db
    .select(selection(day))
    .from(institutions)
    .leftJoin(regions, eq(regions.code, institutions.regionCode))
    .where(and(eq(institutions.id, id), institutionScope(actor)));
  if (!row) throw notFound('INSTITUTION_NOT_FOUND');
  return toInstitution(row);
}

export async function getInstitution(ctx: Ctx, id: string): Promise<InstitutionDetail> {
  const actor = requirePermission(ctx, 'institutions:read');
  const inst = await findInstitution(ctx, actor, id);
  const events = await ctx.db
    .select()
    .from(institutionStatusEvents)
    .where(eq(institutionStatusEvents.institutionId, id))
    .orderBy(desc(institutionStatusEvents.effectiveFrom), desc(institutionStatusEvents.seq));
  const orders = await ctx.db
    .select({ order: closureOrders })
    .from(closureOrderInstitutions)
    .innerJoin(closureOrders, eq(closureOrders.id, closureOrderInstitutions.orderId))
    .where(and(eq(closureOrderInstitutions.institutionId, id), isNull(closureOrderInstitutions.liftedAt)))
    .orderBy(desc(closureOrders.startsOn));
  return {
    ...inst,
    history: events.map(
      (e): StatusEvent => ({
        id: e.id,
        status: e.status,
        effectiveFrom: e.effectiveFrom,
        plannedEnd: e.plannedEnd,
        reason: e.reason,
        noticeText: e.noticeText,
        orderId: e.orderId,
        orderedByName: e.orderedByName,
        createdAt: e.createdAt.toISOString(),
      }),
    ),
    ordersInForce: orders.map(({ order: o }) => ({
      id: o.id,
      issuingBureau: o.issuingBureau,
      startsOn: o.startsOn,
      plannedEnd: o.plannedEnd,
      measures: o.measures,
      exemptions: o.exemptions,
      reason: o.reason,
    })),
  };
}

/** Institutions sit in a town or a village, inside the actor's scope. */
export async function assertInstitutionRegion(ctx: Ctx, actor: Actor, code: string): Promise<void> {
  assertRegionInScope(actor, code);
  if (!(await regionExists(ctx.db, code))) throw notFound('REGION_NOT_FOUND');
  const level = regionLevel(code);
  if (level !== 'town' && level !== 'village') throw badRequest('INSTITUTION_REGION_LEVEL');
}

async function assertNoDuplicate(ctx: Ctx, regionCode: string, key: string, exceptId?: string): Promise<void> {
  const [dup] = await ctx.db
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(eq(institutions.regionCode, regionCode), eq(institutions.nameKey, key)));
  if (dup && dup.id !== exceptId) throw conflict('INSTITUTION_DUPLICATE', undefined, { id: dup.id });
}

export interface CreateOptions {
  /** Back-dated registration for imports of existing institutions and the demo. */
  registeredOn?: string;
}

export async function createInstitution(ctx: Ctx, input: CreateInstitutionInput, opts: CreateOptions = {}): Promise<Institution> {
  const actor = requirePermission(ctx, 'institutions:manage');
  await assertInstitutionRegion(ctx, actor, input.regionCode);
  return withTx(ctx, async (tx) => {
    const key = nameKey(input.name);
    await assertNoDuplicate(tx, input.regionCode, key);
    const now = tx.now();
    const id = randomUUID();
    await tx.db.insert(institutions).values({
      ...input,
      id,
      nameKey: key,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      dutyPhone: input.dutyPhone ?? null,
      registeredOn: opts.registeredOn ?? businessDay(now),
      createdAt: now,
      updatedAt: now,
    });
    await refreshRoster(tx, [input.regionCode], opts.registeredOn ?? businessDay(now));
    await recordAudit(tx, { action: 'institution.create', entityType: 'institution', entityId: id, regionCode: input.regionCode, details: { after: input } });
    return findInstitution(tx, actor, id);
  });
}

export async function updateInstitution(ctx: Ctx, id: string, input: UpdateInstitutionInput): Promise<Institution> {
  const actor = requirePermission(ctx, 'institutions:manage');
  const before = await findInstitution(ctx, actor, id);
  if (input.regionCode !== undefined && input.regionCode !== before.regionCode) await assertInstitutionRegion(ctx, actor, input.regionCode);
  const { version, ...changes } = input;
  return withTx(ctx, async (tx) => {
    const key = nameKey(changes.name ?? before.name);
    if (changes.name !== undefined || changes.regionCode !== undefined) await assertNoDuplicate(tx, changes.regionCode ?? before.regionCode, key, id);
    const [after] = await tx.db
      .update(institutions)
      .set({ ...changes, nameKey: key, version: sql`${institutions.version} + 1`, updatedAt: tx.now() })
      .where(and(eq(institutions.id, id), eq(institutions.version, version)))
      .returning({ id: institutions.id, regionCode: institutions.regionCode });
    if (!after) throw new AppError(409, 'VERSION_CONFLICT', undefined, { currentVersion: before.version });
    if (after.regionCode !== before.regionCode) await refreshRoster(tx, [before.regionCode, after.regionCode], null);
    const diff: Record<string, { before: unknown; after: unknown }> = {};
    for (const [k, v] of Object.entries(changes)) {
      const old = before[k as keyof Institution];
      if (v !== undefined && v !== old) diff[k] = { before: old, after: v };
    }
    await recordAudit(tx, { action: 'institution.update', entityType: 'institution', entityId: id, regionCode: after.regionCode, details: { changes: diff } });
    return findInstitution(tx, actor, id);
  });
}

export interface StatusEventInput {
  institutionId: string;
  regionCode: string;
  status: InstitutionStatus;
  effectiveFrom: string;
  plannedEnd?: string | null;
  reason: string;
  noticeText?: string | null;
  orderId?: string | null;
}

/** Writes one status event (the write verb other modules use, inside their transaction). */
export async function recordStatusEvent(ctx: Ctx, e: StatusEventInput): Promise<void> {
  const actor = ctx.actor!;
  const id = randomUUID();
  await ctx.db.insert(institutionStatusEvents).values({
    id,
    institutionId: e.institutionId,
    status: e.status,
    effectiveFrom: e.effectiveFrom,
    plannedEnd: e.plannedEnd ?? null,
    reason: e.reason,
    noticeText: e.noticeText ?? null,
    orderId: e.orderId ?? null,
    orderedById: actor.userId,
    orderedByName: actor.name,
    orderedByRegion: actor.regionCode,
    createdAt: ctx.now(),
  });
  await refreshRoster(ctx, [e.regionCode], e.effectiveFrom);
  await recordAudit(ctx, {
    action: 'institution.status',
    entityType: 'institution',
    entityId: e.institutionId,
    regionCode: e.regionCode,
    details: { eventId: id, status: e.status, effectiveFrom: e.effectiveFrom, plannedEnd: e.plannedEnd ?? null, reason: e.reason, orderId: e.orderId ?? null },
  });
}

export async function setStatus(ctx: Ctx, id: string, input: SetStatusInput): Promise<InstitutionDetail> {
  const actor = requirePermission(ctx, 'institutions:manage');
  const inst = await findInstitution(ctx, actor, id);
  const effectiveFrom = input.effectiveFrom ?? businessDay(ctx.now());
  if (input.plannedEnd && input.plannedEnd < effectiveFrom) throw badRequest('PLANNED_END_BEFORE_START');
  if (effectiveFrom < inst.registeredOn) throw badRequest('STATUS_BEFORE_REGISTRATION');
  await withTx(ctx, (tx) => recordStatusEvent(tx, { ...input, effectiveFrom, institutionId: id, regionCode: inst.regionCode }));
  return getInstitution(ctx, id);
}
