import { and, count, desc, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditList, AuditQuery, AuditVerifyResult } from '../../../common/contracts/audit';
import { scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { verifyAuditChain } from '../../core/audit';
import type { Ctx } from '../../core/context';
import { forbidden } from '../../core/errors';
import { auditLog } from '../../db/schema/audit';

type Row = typeof auditLog.$inferSelect;

const toEntry = (r: Row): AuditEntry => ({
  seq: r.seq,
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorUsername: r.actorUsername,
  actorRole: r.actorRole,
  ip: r.ip,
  requestId: r.requestId,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  regionCode: r.regionCode,
  result: r.result,
  details: r.details,
});

/** The region a row belongs to: its object's, else its actor's. */
const rowRegion = sql`coalesce(${auditLog.regionCode}, ${auditLog.actorRegion}, '')`;

export async function listAudit(ctx: Ctx, q: AuditQuery): Promise<AuditList> {
  const actor = requirePermission(ctx, 'audit:read');
  const where: SQL[] = [inScope(actor, rowRegion)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(sql`${rowRegion} like ${scopePrefix(q.region) + '%'}`);
  }
  if (q.action) where.push(sql`${auditLog.action} like ${q.action.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`);
  if (q.actor) where.push(or(eq(sql`lower(${auditLog.actorUsername})`, q.actor.toLowerCase()), eq(sql`${auditLog.actorId}::text`, q.actor))!);
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.result) where.push(eq(auditLog.result, q.result));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
  const [total] = await ctx.db.select({ n: count() }).from(auditLog).where(and(...where));
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(toEntry), total: Number(total?.n ?? 0) };
}

/** The chain spans the whole country, so only a national audit admin verifies it (its size is not leaked). */
export async function verifyAudit(ctx: Ctx): Promise<AuditVerifyResult> {
  const actor = requirePermission(ctx, 'audit:read');
  if (actor.scope !== '') throw forbidden('FORBIDDEN', { reason: 'national_scope_required' });
  return verifyAuditChain(ctx.db, ctx.secrets.auditKey);
}
