import { redactNumbers } from '../../../common/redact';
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, like, type SQL } from 'drizzle-orm';
import type { Patrol, PatrolDetail, PatrolInput, PatrolQuery } from '../../../common/contracts/rescue';
import { scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import type { Actor, Ctx } from '../../core/context';
import { notFound } from '../../core/errors';
import { idempotent, type Answer } from '../../core/idempotency';
import { rescuePatrols, rescuePersons } from '../../db/schema/rescue';
import { assertNotFuture, assertRescueRegion, regionPaths, toPersons } from './rescue.view';

type PatrolRow = typeof rescuePatrols.$inferSelect;

export async function findPatrol(ctx: Ctx, actor: Actor, id: string): Promise<PatrolRow> {
  const [row] = await ctx.db
    .select()
    .from(rescuePatrols)
    .where(and(eq(rescuePatrols.id, id), inScope(actor, rescuePatrols.regionCode)));
  if (!row) throw notFound('RESCUE_PATROL_NOT_FOUND');
  return row;
}

async function toPatrols(ctx: Ctx, rows: PatrolRow[]): Promise<Patrol[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counts = await ctx.db
    .select({ id: rescuePersons.patrolId, n: count() })
    .from(rescuePersons)
    .where(inArray(rescuePersons.patrolId, ids))
    .groupBy(rescuePersons.patrolId);
  const paths = await regionPaths(ctx, [...new Set(rows.map((r) => r.regionCode))]);
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.regionCode,
    regionName: paths.get(r.regionCode) ?? r.regionCode,
    patrolledAt: r.patrolledAt.toISOString(),
    team: r.team,
    area: r.area,
    findings: r.findings,
    personsFound: Number(counts.find((c) => c.id === r.id)?.n ?? 0),
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Records a street patrol. Takes an Idempotency-Key: a retry from a phone on a weak network records it once. */
export async function createPatrol(ctx: Ctx, input: PatrolInput, key?: string): Promise<Answer<Patrol>> {
  const actor = requirePermission(ctx, 'rescue:record');
  assertRescueRegion(actor, input.regionCode);
  assertNotFuture(ctx, new Date(input.patrolledAt));
  return idempotent(ctx, 'rescue-patrol', key, input, async (tx) => {
    const [row] = await tx.db
      .insert(rescuePatrols)
      .values({
        id: randomUUID(),
        ...input,
        findings: redactNumbers(input.findings),
        patrolledAt: new Date(input.patrolledAt),
        createdById: actor.userId,
        createdByName: actor.name,
        createdAt: tx.now(),
      })
      .returning();
    await recordAudit(tx, {
      action: 'rescue.patrol.create',
      entityType: 'rescue_patrol',
      entityId: row!.id,
      regionCode: row!.regionCode,
      details: { patrolledAt: input.patrolledAt },
    });
    return { status: 201, body: (await toPatrols(tx, [row!]))[0]! };
  });
}

export async function listPatrols(ctx: Ctx, q: PatrolQuery): Promise<{ items: Patrol[]; total: number }> {
  const actor = requirePermission(ctx, 'rescue:read');
  const where: SQL[] = [inScope(actor, rescuePatrols.regionCode)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(like(rescuePatrols.regionCode, `${scopePrefix(q.region)}%`));
  }
  const [total] = await ctx.db
    .select({ n: count() })
    .from(rescuePatrols)
    .where(and(...where));
  const rows = await ctx.db
    .select()
    .from(rescuePatrols)
    .where(and(...where))
    .orderBy(desc(rescuePatrols.patrolledAt), desc(rescuePatrols.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await toPatrols(ctx, rows), total: Number(total?.n ?? 0) };
}

export async function getPatrol(ctx: Ctx, id: string): Promise<PatrolDetail> {
  const actor = requirePermission(ctx, 'rescue:read');
  const patrol = await findPatrol(ctx, actor, id);
  const persons = await ctx.db
    .select()
    .from(rescuePersons)
    .where(and(eq(rescuePersons.patrolId, id), inScope(actor, rescuePersons.regionCode)))
    .orderBy(asc(rescuePersons.foundAt));
  return { ...(await toPatrols(ctx, [patrol]))[0]!, persons: await toPersons(ctx, persons) };
}
