import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import type { AllocateInput, Grant, GrantDetail, GrantInput, GrantQuery, PaperworkInput } from '../../../common/contracts/assistance';
import { maskIdNumber, maskName, normalizeIdNumber, validIdNumber } from '../../../common/id-card';
import { maskPhone } from '../../../common/phone';
import { redactNumbers } from '../../../common/redact';
import { countyOf, regionLevel, scopePrefix, townOf } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { decrypt, encrypt, hmacHex } from '../../core/crypto';
import { AppError, badRequest, forbidden, notFound } from '../../core/errors';
import { idempotent, type Answer } from '../../core/idempotency';
import { fundMovements, grants, reserveFunds } from '../../db/schema/assistance';
import { regions } from '../../db/schema/regions';
import { assertCallVisible, markAssisted } from '../hotline/hotline.cases';
import { assertHouseholdVisible, householdOfGrant } from './assistance.household';
import { thresholdFor } from './assistance.threshold';

/** Documents for a provisional grant are due within this many days. */
export const PAPERWORK_DAYS = 15;
/** Grants to the same person within this many days, in any county, raise a duplicate warning. */
export const DUPLICATE_WINDOW_DAYS = 90;

type GrantRow = typeof grants.$inferSelect;

const index = (ctx: Ctx, kind: string, value: string) => hmacHex(ctx.secrets.blindIndexKey, `${kind}:${value}`);

async function regionNames(ctx: Ctx, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The county (or a higher bureau) allocates to a town's reserve fund. */
export async function allocate(ctx: Ctx, input: AllocateInput) {
  const actor = requirePermission(ctx, 'assistance:allocate');
  assertRegionInScope(actor, input.townCode);
  if (regionLevel(input.townCode) !== 'town') throw badRequest('VALIDATION_FAILED', '备用金须拨付到乡镇(街道)');
  if (actor.scope.length > 6) throw forbidden('FUND_ALLOCATION_SCOPE');
  const names = await regionNames(ctx, [input.townCode]);
  if (!names.has(input.townCode)) throw notFound('REGION_NOT_FOUND');
  return withTx(ctx, async (tx) => {
    const now = tx.now();
    const [fund] = await tx.db
      .insert(reserveFunds)
      .values({ townCode: input.townCode, balanceFen: input.amountFen, updatedAt: now })
      .onConflictDoUpdate({ target: reserveFunds.townCode, set: { balanceFen: sql`${reserveFunds.balanceFen} + ${input.amountFen}`, updatedAt: now } })
      .returning();
    await tx.db.insert(fundMovements).values({
      id: randomUUID(),
      townCode: input.townCode,
      kind: 'allocation',
      amountFen: input.amountFen,
      balanceAfterFen: fund!.balanceFen,
      note: input.note ?? null,
      byName: actor.name,
      createdAt: now,
    });
    await recordAudit(tx, { action: 'assistance.fund.allocate', entityType: 'reserve_fund', entityId: input.townCode, regionCode: input.townCode, details: { amountFen: input.amountFen, balanceFen: fund!.balanceFen } });
    return { townCode: fund!.townCode, townName: names.get(input.townCode)!, balanceFen: fund!.balanceFen, updatedAt: fund!.updatedAt.toISOString() };
  });
}

export async function listFunds(ctx: Ctx, region?: string) {
  const actor = requirePermission(ctx, 'assistance:read');
  const where: SQL[] = [inScope(actor, reserveFunds.townCode)];
  if (region) {
    assertRegionInScope(actor, region);
    where.push(like(reserveFunds.townCode, `${scopePrefix(region)}%`));
  }
  const rows = await ctx.db.select().from(reserveFunds).where(and(...where)).orderBy(asc(reserveFunds.townCode));
  const names = await regionNames(ctx, rows.map((r) => r.townCode));
  return { items: rows.map((r) => ({ townCode: r.townCode, townName: names.get(r.townCode) ?? r.townCode, balanceFen: r.balanceFen, updatedAt: r.updatedAt.toISOString() })) };
}

export async function fundLedger(ctx: Ctx, townCode: string) {
  const actor = requirePermission(ctx, 'assistance:read');
  assertRegionInScope(actor, townCode);
  const [fund] = await ctx.db.select().from(reserveFunds).where(eq(reserveFunds.townCode, townCode));
  if (!fund) throw notFound('REGION_NOT_FOUND');
  const movements = await ctx.db.select().from(fundMovements).where(eq(fundMovements.townCode, townCode)).orderBy(desc(fundMovements.createdAt)).limit(500);
  const names = await regionNames(ctx, [townCode]);
  return {
    fund: { townCode, townName: names.get(townCode) ?? townCode, balanceFen: fund.balanceFen, updatedAt: fund.updatedAt.toISOString() },
    movements: movements.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
  };
}

/** Draws a payment from a town's fund in the caller's transaction; never below zero, also under races. */
async function draw(tx: Ctx, actor: Actor, grant: { id: string; townCode: string; amountFen: number }): Promise<void> {
  const [fund] = await tx.db
    .update(reserveFunds)
    .set({ balanceFen: sql`${reserveFunds.balanceFen} - ${grant.amountFen}`, updatedAt: tx.now() })
    .where(and(eq(reserveFunds.townCode, grant.townCode), gte(reserveFunds.balanceFen, grant.amountFen)))
    .returning();
  if (!fund) throw new AppError(409, 'FUND_INSUFFICIENT');
  await tx.db.insert(fundMovements).values({
    id: randomUUID(),
    townCode: grant.townCode,
    kind: 'payment',
    amountFen: -grant.amountFen,
    balanceAfterFen: fund.balanceFen,
    grantId: grant.id,
    byName: actor.name,
    createdAt: tx.now(),
  });
}

async function duplicatesOf(ctx: Ctx, row: GrantRow) {
  const since = new Date(ctx.now().getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const same = or(eq(grants.recipientPhoneIndex, row.recipientPhoneIndex), row.recipientIdIndex ? eq(grants.recipientIdIndex, row.recipientIdIndex) : sql`false`);
  // Across every county on purpose: a household helped elsewhere must be visible to the officer.
  const rows = await ctx.db
    .select({ id: grants.id, regionCode: grants.regionCode, amountFen: grants.amountFen, createdAt: grants.createdAt })
    .from(grants)
    .where(and(same, ne(grants.id, row.id), gte(grants.createdAt, since)))
    .orderBy(desc(grants.createdAt))
    .limit(20);
  return rows.map((r) => ({ grantId: r.id, regionCode: r.regionCode, amountFen: r.amountFen, createdAt: r.createdAt.toISOString() }));
}

export async function toGrant(ctx: Ctx, r: GrantRow): Promise<Grant> {
  const k = ctx.secrets.encryptionKey;
  return {
    id: r.id,
    regionCode: r.regionCode,
    townCode: r.townCode,
    callId: r.callId,
    householdId: r.householdId,
    recipientName: maskName(decrypt(k, r.recipientNameEnc)),
    recipientPhone: maskPhone(decrypt(k, r.recipientPhoneEnc)),
    recipientIdNumber: r.recipientIdEnc ? maskIdNumber(decrypt(k, r.recipientIdEnc)) : null,
    householdSize: r.householdSize,
    reason: r.reason as Grant['reason'],
    amountFen: r.amountFen,
    provisional: r.provisional,
    status: r.status as Grant['status'],
    createdByName: r.createdByName,
    approvedByName: r.approvedByName,
    paidAt: r.paidAt?.toISOString() ?? null,
    paperworkDueOn: r.paperworkDueOn,
    paperworkStatus: r.paperworkStatus as Grant['paperworkStatus'],
    duplicates: await duplicatesOf(ctx, r),
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * Temporary assistance, "assist first, paperwork later": up to the county's threshold (`thresholdFor`) it
 * is paid at once from the town's reserve fund and (when provisional) opens a paperwork debt; above it, it
 * waits for a second person's approval. Takes an Idempotency-Key, so a retried payment is never paid twice.
 */
export async function grant(ctx: Ctx, input: GrantInput, key?: string): Promise<Answer<Grant>> {
  const actor = requirePermission(ctx, 'assistance:grant');
  assertRegionInScope(actor, input.regionCode);
  const level = regionLevel(input.regionCode);
  if (level !== 'town' && level !== 'village') throw badRequest('VALIDATION_FAILED', '请把救助对象所在地选到乡镇(街道)或村(社区)');
  if (input.recipientIdNumber && !validIdNumber(input.recipientIdNumber)) throw badRequest('ID_NUMBER_INVALID');
  if (input.callId) await assertCallVisible(ctx, input.callId);
  if (input.householdId) await assertHouseholdVisible(ctx, actor, input.householdId);
  return idempotent(ctx, 'assistance-grant', key, input, async (tx) => {
    const now = tx.now();
    const k = tx.secrets.encryptionKey;
    const id = randomUUID();
    const thresholdFen = await thresholdFor(tx, countyOf(input.regionCode));
    const needsApproval = input.amountFen > thresholdFen;
    const idNumber = input.recipientIdNumber ? normalizeIdNumber(input.recipientIdNumber) : null;
    const [row] = await tx.db
      .insert(grants)
      .values({
        id,
        regionCode: input.regionCode,
        townCode: townOf(input.regionCode),
        callId: input.callId ?? null,
        householdId: input.householdId ?? null,
        recipientNameEnc: encrypt(k, input.recipientName),
        recipientPhoneEnc: encrypt(k, input.recipientPhone),
        recipientPhoneIndex: index(tx, 'phone', input.recipientPhone),
        recipientIdEnc: idNumber ? encrypt(k, idNumber) : null,
        recipientIdIndex: idNumber ? index(tx, 'id', idNumber) : null,
        householdSize: input.householdSize,
        reason: input.reason,
        amountFen: input.amountFen,
        provisional: input.provisional,
        status: needsApproval ? 'pending_approval' : 'paid',
        createdById: actor.userId,
        createdByName: actor.name,
        paidAt: needsApproval ? null : now,
        paperworkDueOn: input.provisional ? (input.paperworkDueOn ?? addDays(businessDay(now), PAPERWORK_DAYS)) : null,
        paperworkStatus: input.provisional ? 'open' : null,
        createdAt: now,
      })
      .returning();
    if (!needsApproval) {
      await draw(tx, actor, { id, townCode: row!.townCode, amountFen: input.amountFen });
      // The hotline case's payment clock stops at its first payment.
      if (input.callId) await markAssisted(tx, input.callId, now);
    }
    await recordAudit(tx, {
      action: needsApproval ? 'assistance.grant.request' : 'assistance.grant.pay',
      entityType: 'assistance_grant',
      entityId: id,
      regionCode: input.regionCode,
      details: { amountFen: input.amountFen, thresholdFen, provisional: input.provisional, reason: input.reason, callId: input.callId ?? null, householdId: input.householdId ?? null },
    });
    return { status: 201, body: await toGrant(tx, row!) };
  });
}

async function grantInScope(ctx: Ctx, actor: Actor, id: string): Promise<GrantRow> {
  const [row] = await ctx.db.select().from(grants).where(and(eq(grants.id, id), inScope(actor, grants.regionCode)));
  if (!row) throw notFound('GRANT_NOT_FOUND');
  return row;
}

/** One grant, with the members of its registered household (masked) when it names one. */
export async function getGrant(ctx: Ctx, id: string): Promise<GrantDetail> {
  const actor = requirePermission(ctx, 'assistance:read');
  const row = await grantInScope(ctx, actor, id);
  return { ...(await toGrant(ctx, row)), household: await householdOfGrant(ctx, actor, row.householdId) };
}

/** A second person approves a grant above the threshold; the money leaves the fund then. */
export async function approve(ctx: Ctx, id: string): Promise<Grant> {
  const actor = requirePermission(ctx, 'assistance:approve');
  const row = await grantInScope(ctx, actor, id);
  if (row.createdById === actor.userId) throw forbidden('SECOND_APPROVER_REQUIRED');
  return withTx(ctx, async (tx) => {
    const [after] = await tx.db
      .update(grants)
      .set({ status: 'paid', approvedById: actor.userId, approvedByName: actor.name, paidAt: tx.now() })
      .where(and(eq(grants.id, id), eq(grants.status, 'pending_approval')))
      .returning();
    if (!after) throw new AppError(409, 'GRANT_NOT_PENDING');
    await draw(tx, actor, { id, townCode: after.townCode, amountFen: after.amountFen });
    if (after.callId) await markAssisted(tx, after.callId, after.paidAt!);
    await recordAudit(tx, { action: 'assistance.grant.approve', entityType: 'assistance_grant', entityId: id, regionCode: after.regionCode, details: { amountFen: after.amountFen } });
    return toGrant(tx, after);
  });
}

/** Closes a paperwork debt: completed by the town, or written off with a second person's approval. */
export async function settlePaperwork(ctx: Ctx, id: string, input: PaperworkInput): Promise<Grant> {
  const actor = requirePermission(ctx, input.status === 'written_off' ? 'assistance:approve' : 'assistance:grant');
  const row = await grantInScope(ctx, actor, id);
  if (input.status === 'written_off' && row.createdById === actor.userId) throw forbidden('SECOND_APPROVER_REQUIRED');
  return withTx(ctx, async (tx) => {
    const [after] = await tx.db
      .update(grants)
      .set({ paperworkStatus: input.status, paperworkNote: redactNumbers(input.note) })
      .where(and(eq(grants.id, id), eq(grants.paperworkStatus, 'open')))
      .returning();
    if (!after) throw new AppError(409, 'PAPERWORK_NOT_OPEN');
    await recordAudit(tx, { action: `assistance.paperwork.${input.status}`, entityType: 'assistance_grant', entityId: id, regionCode: row.regionCode, details: { note: redactNumbers(input.note) } });
    return toGrant(tx, after);
  });
}

export async function listGrants(ctx: Ctx, q: GrantQuery) {
  const actor = requirePermission(ctx, 'assistance:read');
  const where: SQL[] = [inScope(actor, grants.regionCode)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(like(grants.regionCode, `${scopePrefix(q.region)}%`));
  }
  if (q.paperwork) where.push(eq(grants.paperworkStatus, q.paperwork));
  if (q.callId) where.push(eq(grants.callId, q.callId));
  const [total] = await ctx.db.select({ n: count() }).from(grants).where(and(...where));
  const rows = await ctx.db.select().from(grants).where(and(...where)).orderBy(desc(grants.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { items: await Promise.all(rows.map((r) => toGrant(ctx, r))), total: Number(total?.n ?? 0) };
}

/** The unmasked recipient, by the `personal:reveal` permission with a reason; every reveal is audited. */
export async function revealRecipient(ctx: Ctx, id: string, reason: string): Promise<{ recipientName: string; recipientPhone: string; recipientIdNumber: string | null }> {
  const actor = requirePermission(ctx, 'personal:reveal');
  const row = await grantInScope(ctx, actor, id);
  await withTx(ctx, (tx) => recordAudit(tx, { action: 'assistance.grant.reveal', entityType: 'assistance_grant', entityId: id, regionCode: row.regionCode, details: { reason: redactNumbers(reason) } }));
  const k = ctx.secrets.encryptionKey;
  return {
    recipientName: decrypt(k, row.recipientNameEnc),
    recipientPhone: decrypt(k, row.recipientPhoneEnc),
    recipientIdNumber: row.recipientIdEnc ? decrypt(k, row.recipientIdEnc) : null,
  };
}
