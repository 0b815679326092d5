import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, like, ne, sql, type SQL } from 'drizzle-orm';
import type { Incident, IncidentList, IncidentQuery, ReportIncidentInput } from '../../../common/contracts/incidents';
import { INCIDENT_KIND_LABELS } from '../../../common/enums';
import { regionLevel, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, badRequest, forbidden, notFound } from '../../core/errors';
import { idempotent, type Answer } from '../../core/idempotency';
import { incidentAcks, incidents } from '../../db/schema/incidents';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { users } from '../../db/schema/users';
import { findInstitution } from '../institutions/institutions.service';
import { notify } from '../notifications/notifications.service';
import { alertRegions, CLOCK_SKEW_MS, shanghaiClock } from './incidents.rules';

type Row = typeof incidents.$inferSelect;

/** Incidents an actor may see: their region subtree, and for a reporter only their own institution's. */
function incidentScope(actor: Actor): SQL {
  const region = inScope(actor, incidents.regionCode);
  return actor.institutionId ? and(region, eq(incidents.institutionId, actor.institutionId))! : region;
}

async function toIncidents(ctx: Ctx, actor: Actor, rows: Row[]): Promise<Incident[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const acks = await ctx.db.select().from(incidentAcks).where(inArray(incidentAcks.incidentId, ids)).orderBy(asc(incidentAcks.acknowledgedAt));
  const instIds = [...new Set(rows.map((r) => r.institutionId))];
  const insts = await ctx.db.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, instIds));
  const codes = [...new Set([...rows.map((r) => r.regionCode), ...acks.map((a) => a.regionCode)])];
  const names = new Map((await ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))).map((r) => [r.code, r.name]));
  return rows.map((r) => {
    const mine = acks.filter((a) => a.incidentId === r.id);
    return {
      id: r.id,
      institutionId: r.institutionId,
      institutionName: insts.find((i) => i.id === r.institutionId)?.name ?? '',
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? r.regionCode,
      kind: r.kind,
      occurredAt: r.occurredAt.toISOString(),
      description: r.description,
      personsAffected: r.personsAffected,
      reportedByName: r.reportedByName,
      status: r.status === 'closed' ? 'closed' : 'open',
      createdAt: r.createdAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      closedByName: r.closedByName,
      resolution: r.resolution,
      acks: mine.map((a) => ({
        userName: a.userName,
        regionCode: a.regionCode,
        regionName: names.get(a.regionCode) ?? a.regionCode,
        level: regionLevel(a.regionCode),
        acknowledgedAt: a.acknowledgedAt.toISOString(),
      })),
      acknowledgedByMe: mine.some((a) => a.userId === actor.userId),
    };
  });
}

async function visibleIncident(ctx: Ctx, actor: Actor, id: string): Promise<Row> {
  const [row] = await ctx.db.select().from(incidents).where(and(eq(incidents.id, id), incidentScope(actor)));
  if (!row) throw notFound('INCIDENT_NOT_FOUND');
  return row;
}

async function one(ctx: Ctx, actor: Actor, id: string): Promise<Incident> {
  const [incident] = await toIncidents(ctx, actor, [await visibleIncident(ctx, actor, id)]);
  return incident!;
}

/**
 * Reports an incident of an institution (its reporter, or an officer in scope). It reaches every
 * ancestor level at once: the officers and leaders of the town, county, city, province and country are
 * notified in the same transaction. Honours an Idempotency-Key, so a phone on a bad line may retry.
 */
export async function reportIncident(ctx: Ctx, input: ReportIncidentInput, idempotencyKey?: string): Promise<Answer<Incident>> {
  const actor = requirePermission(ctx, 'incidents:report');
  const inst = await findInstitution(ctx, actor, input.institutionId);
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > ctx.now().getTime() + CLOCK_SKEW_MS) throw badRequest('INCIDENT_FUTURE_TIME');
  return idempotent(ctx, 'incident', idempotencyKey, input, async (tx) => {
    const id = randomUUID();
    const now = tx.now();
    await tx.db.insert(incidents).values({
      id,
      institutionId: inst.id,
      regionCode: inst.regionCode,
      kind: input.kind,
      occurredAt,
      description: input.description,
      personsAffected: input.personsAffected,
      reportedById: actor.userId,
      reportedByName: actor.name,
      status: 'open',
      createdAt: now,
    });
    const levels = alertRegions(inst.regionCode);
    const officials = await tx.db
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.role, ['officer', 'leader', 'town_officer']), inArray(users.regionCode, levels), ne(users.id, actor.userId)));
    const { notified } = await notify(tx, {
      userIds: officials.map((u) => u.id),
      kind: 'incident',
      title: `紧急情况：${inst.name}${INCIDENT_KIND_LABELS[input.kind]}`,
      body: `${inst.name}报告${INCIDENT_KIND_LABELS[input.kind]}，发生于 ${shanghaiClock(occurredAt)}，涉及 ${input.personsAffected} 人。请立即查看并签收。`,
      link: `/incidents/${id}`,
      regionCode: inst.regionCode,
      data: { incidentId: id, institutionId: inst.id, institutionName: inst.name, kind: input.kind, personsAffected: input.personsAffected, levels },
    });
    await recordAudit(tx, {
      action: 'incident.report',
      entityType: 'incident',
      entityId: id,
      regionCode: inst.regionCode,
      details: { institutionId: inst.id, kind: input.kind, occurredAt: occurredAt.toISOString(), personsAffected: input.personsAffected, notified },
    });
    return { status: 201, body: await one(tx, actor, id) };
  });
}

/** The incidents of a region: open ones first (they stay on the boards until closed), newest first. */
export async function listIncidents(ctx: Ctx, q: IncidentQuery): Promise<IncidentList> {
  const actor = requirePermission(ctx, 'incidents:read');
  const code = q.region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const base = and(incidentScope(actor), like(incidents.regionCode, `${scopePrefix(code)}%`))!;
  const where = q.status ? and(base, eq(incidents.status, q.status)) : base;
  const [totals] = await ctx.db
    .select({
      total: q.status ? sql<number>`count(*) filter (where ${incidents.status} = ${q.status})::int` : count(),
      open: sql<number>`count(*) filter (where ${incidents.status} = 'open')::int`,
    })
    .from(incidents)
    .where(base);
  const rows = await ctx.db
    .select()
    .from(incidents)
    .where(where)
    .orderBy(desc(eq(incidents.status, 'open')), desc(incidents.occurredAt), desc(incidents.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await toIncidents(ctx, actor, rows), total: Number(totals?.total ?? 0), open: Number(totals?.open ?? 0) };
}

export async function getIncident(ctx: Ctx, id: string): Promise<Incident> {
  const actor = requirePermission(ctx, 'incidents:read');
  return one(ctx, actor, id);
}

/** Records that the caller (and so their level) has seen the incident; a second time changes nothing. */
export async function acknowledgeIncident(ctx: Ctx, id: string): Promise<Incident> {
  const actor = requirePermission(ctx, 'incidents:read');
  if (actor.institutionId || actor.role === 'reporter') throw forbidden('INCIDENT_ACK_NOT_ALLOWED');
  const row = await visibleIncident(ctx, actor, id);
  return withTx(ctx, async (tx) => {
    const done = await tx.db
      .insert(incidentAcks)
      .values({ incidentId: id, userId: actor.userId, userName: actor.name, regionCode: actor.regionCode, acknowledgedAt: tx.now() })
      .onConflictDoNothing()
      .returning({ at: incidentAcks.acknowledgedAt });
    if (done.length > 0) {
      await recordAudit(tx, {
        action: 'incident.acknowledge',
        entityType: 'incident',
        entityId: id,
        regionCode: row.regionCode,
        details: { level: regionLevel(actor.regionCode), ackRegion: actor.regionCode },
      });
    }
    return one(tx, actor, id);
  });
}

/** Closes an incident with its resolution; the reporter and everyone who acknowledged are told. */
export async function closeIncident(ctx: Ctx, id: string, resolution: string): Promise<Incident> {
  const actor = requirePermission(ctx, 'incidents:manage');
  const row = await visibleIncident(ctx, actor, id);
  if (row.status === 'closed') throw new AppError(409, 'INCIDENT_ALREADY_CLOSED');
  return withTx(ctx, async (tx) => {
    const [after] = await tx.db
      .update(incidents)
      .set({ status: 'closed', closedAt: tx.now(), closedByName: actor.name, resolution })
      .where(and(eq(incidents.id, id), eq(incidents.status, 'open')))
      .returning();
    if (!after) throw new AppError(409, 'INCIDENT_ALREADY_CLOSED');
    const ackers = await tx.db.select({ id: incidentAcks.userId }).from(incidentAcks).where(eq(incidentAcks.incidentId, id));
    const [inst] = await tx.db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, row.institutionId));
    const { notified } = await notify(tx, {
      userIds: [row.reportedById, ...ackers.map((a) => a.id)].filter((u) => u !== actor.userId),
      kind: 'incident.closed',
      title: `紧急情况已关闭：${inst?.name ?? ''}${INCIDENT_KIND_LABELS[row.kind]}`,
      body: `${actor.name}已关闭该紧急情况，请查看处置结果。`,
      link: `/incidents/${id}`,
      regionCode: row.regionCode,
      data: { incidentId: id, institutionId: row.institutionId, kind: row.kind },
    });
    await recordAudit(tx, { action: 'incident.close', entityType: 'incident', entityId: id, regionCode: row.regionCode, details: { notified } });
    return one(tx, actor, id);
  });
}
