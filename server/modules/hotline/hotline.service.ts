import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { CallQuery, HotlineCall, HotlineNumber, HotlineNumberInput, TakeCallInput } from '../../../common/contracts/hotline';
import { maskName } from '../../../common/id-card';
import { maskPhone } from '../../../common/phone';
import { redactNumbers } from '../../../common/redact';
import { COUNTRY_CODE, parentCode, regionLevel, scopePrefix, townOf } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { decrypt, encrypt, hmacHex } from '../../core/crypto';
import { badRequest, notFound } from '../../core/errors';
import { idempotent, type Answer } from '../../core/idempotency';
import { hotlineCalls, hotlineNumbers } from '../../db/schema/hotline';
import { regions } from '../../db/schema/regions';
import { caseSla, clockOf, paymentDueAt, PAYMENT_YELLOW_BEFORE_MS, verifyDueAt, YELLOW_BEFORE_MS, type Clock } from './hotline.rules';

export type CallRow = typeof hotlineCalls.$inferSelect;

const phoneIndex = (ctx: Ctx, phone: string) => hmacHex(ctx.secrets.blindIndexKey, `phone:${phone}`);

/** Public: the 24-hour numbers of a region and of every region above and below it. */
export async function directory(ctx: Ctx, region?: string): Promise<HotlineNumber[]> {
  const where: SQL | undefined = region && region !== COUNTRY_CODE ? like(hotlineNumbers.regionCode, `${scopePrefix(region)}%`) : undefined;
  const rows = await ctx.db
    .select({ n: hotlineNumbers, regionName: regions.name })
    .from(hotlineNumbers)
    .leftJoin(regions, eq(regions.code, hotlineNumbers.regionCode))
    .where(where)
    .orderBy(asc(hotlineNumbers.regionCode), asc(hotlineNumbers.name));
  const ancestorCodes = [...new Set(rows.flatMap((r) => ancestors(r.n.regionCode)))];
  const names = new Map(
    ancestorCodes.length ? (await ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, ancestorCodes))).map((r) => [r.code, r.name]) : [],
  );
  return rows.map(({ n, regionName }) => ({
    id: n.id,
    regionCode: n.regionCode,
    regionName: regionName ?? n.regionCode,
    regionPath: [...ancestors(n.regionCode).map((c) => names.get(c) ?? c), regionName ?? ''].filter(Boolean).join(' '),
    name: n.name,
    phone: n.phone,
    hours: n.hours,
  }));
}

function ancestors(code: string): string[] {
  const out: string[] = [];
  for (let p = parentCode(code); p && p !== COUNTRY_CODE; p = parentCode(p)) out.unshift(p);
  return out;
}

export async function publishNumber(ctx: Ctx, input: HotlineNumberInput): Promise<HotlineNumber> {
  const actor = requirePermission(ctx, 'hotline:manage');
  assertRegionInScope(actor, input.regionCode);
  const id = randomUUID();
  await withTx(ctx, async (tx) => {
    await tx.db.insert(hotlineNumbers).values({ id, ...input, createdAt: tx.now() });
    await recordAudit(tx, { action: 'hotline.number.publish', entityType: 'hotline_number', entityId: id, regionCode: input.regionCode, details: { ...input } });
  });
  return (await directory(ctx, input.regionCode)).find((n) => n.id === id)!;
}

/** The clocks of a case, computed on read so they never go stale. */
export function callClocks(r: CallRow, now: Date) {
  const verify = clockOf(r.verifyDueAt, r.verifiedAt, r.closedAt, now, YELLOW_BEFORE_MS);
  const payment = clockOf(r.paymentDueAt, r.assistedAt, r.closedAt, now, PAYMENT_YELLOW_BEFORE_MS);
  return { verify, payment, ...caseSla([verify, payment]) };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const clockOut = (c: Clock) => ({ dueAt: iso(c.dueAt), doneAt: iso(c.doneAt), light: c.light, slaMet: c.slaMet, notNeeded: c.notNeeded });

export function toCall(ctx: Ctx, r: CallRow, regionName: string | null, now: Date): HotlineCall {
  const sla = callClocks(r, now);
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: regionName ?? r.regionCode,
    townCode: r.townCode,
    callerName: maskName(decrypt(ctx.secrets.encryptionKey, r.callerNameEnc)),
    callerPhone: maskPhone(decrypt(ctx.secrets.encryptionKey, r.callerPhoneEnc)),
    // Addresses are shown down to the town only (the full text is revealed with a reason).
    address: `${regionName ?? ''}…`,
    category: r.category,
    urgency: r.urgency,
    content: r.content,
    status: r.status,
    takenByName: r.takenByName,
    claimedById: r.claimedById,
    claimedByName: r.claimedByName,
    verifyDueAt: r.verifyDueAt.toISOString(),
    light: sla.light,
    escalated: sla.escalated,
    verifiedAt: iso(r.verifiedAt),
    assistedAt: iso(r.assistedAt),
    closedAt: iso(r.closedAt),
    slaMet: sla.slaMet,
    clocks: { verify: clockOut(sla.verify), payment: clockOut(sla.payment) },
    createdAt: r.createdAt.toISOString(),
  };
}

/** SQL twin of `escalated`: a running clock past its due time. */
export function overdueSql(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`(${hotlineCalls.closedAt} is null and ((${hotlineCalls.verifiedAt} is null and ${hotlineCalls.verifyDueAt} < ${at}) or (${hotlineCalls.assistedAt} is null and ${hotlineCalls.paymentDueAt} < ${at})))`;
}

export async function regionName(ctx: Ctx, code: string): Promise<string | null> {
  const [r] = await ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.code, code));
  return r?.name ?? null;
}

/**
 * Records a call and routes it to the town where the hardship is, whatever the caller's household
 * registration. Takes an Idempotency-Key: an operator's retry never records the call twice.
 */
export async function takeCall(ctx: Ctx, input: TakeCallInput, key?: string): Promise<Answer<HotlineCall>> {
  const actor = requirePermission(ctx, 'hotline:take');
  assertRegionInScope(actor, input.regionCode);
  const level = regionLevel(input.regionCode);
  if (level !== 'town' && level !== 'village') throw badRequest('VALIDATION_FAILED', '请把困难所在地选到乡镇(街道)或村(社区)');
  const name = await regionName(ctx, input.regionCode);
  if (name === null) throw notFound('REGION_NOT_FOUND');
  return idempotent(ctx, 'hotline-call', key, input, async (tx) => {
    const row = await openCall(tx, actor, input);
    return { status: 201, body: toCall(tx, row, name, row.createdAt) };
  });
}

/**
 * Inserts a call routed to the town of the hardship, with its audit row, in the caller's transaction: the
 * one insert behind takeCall and behind a sweep's "in difficulty" (which `sweeps:record` authorises).
 */
export async function openCall(tx: Ctx, actor: Actor, input: TakeCallInput): Promise<CallRow> {
  const now = tx.now();
  const k = tx.secrets.encryptionKey;
  const [row] = await tx.db
    .insert(hotlineCalls)
    .values({
      id: randomUUID(),
      regionCode: input.regionCode,
      townCode: townOf(input.regionCode),
      callerNameEnc: encrypt(k, input.callerName),
      callerPhoneEnc: encrypt(k, input.callerPhone),
      callerPhoneIndex: phoneIndex(tx, input.callerPhone),
      addressEnc: encrypt(k, input.address),
      category: input.category,
      urgency: input.urgency,
      // A number typed into the request text is masked before it is stored.
      content: redactNumbers(input.content),
      takenById: actor.userId,
      takenByName: actor.name,
      verifyDueAt: verifyDueAt(now),
      paymentDueAt: paymentDueAt(now, input.urgency),
      createdAt: now,
    })
    .returning();
  await recordAudit(tx, {
    action: 'hotline.call.take',
    entityType: 'hotline_call',
    entityId: row!.id,
    regionCode: input.regionCode,
    details: { category: input.category, urgency: input.urgency, town: row!.townCode },
  });
  return row!;
}

/** Calls in scope, newest first; `phone` finds a caller's earlier calls through the blind index. */
export async function listCalls(ctx: Ctx, q: CallQuery): Promise<{ items: HotlineCall[]; total: number }> {
  const actor = requirePermission(ctx, 'hotline:read');
  const where: SQL[] = [inScope(actor, hotlineCalls.regionCode)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(like(hotlineCalls.regionCode, `${scopePrefix(q.region)}%`));
  }
  if (q.phone) where.push(eq(hotlineCalls.callerPhoneIndex, phoneIndex(ctx, q.phone)));
  if (q.status) where.push(eq(hotlineCalls.status, q.status));
  const [total] = await ctx.db.select({ n: count() }).from(hotlineCalls).where(and(...where));
  const rows = await ctx.db
    .select({ c: hotlineCalls, regionName: regions.name })
    .from(hotlineCalls)
    .leftJoin(regions, eq(regions.code, hotlineCalls.regionCode))
    .where(and(...where))
    // Cases with an overdue clock (escalated) first on every page, then the newest.
    .orderBy(desc(overdueSql(ctx.now())), desc(hotlineCalls.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  if (q.phone) {
    await withTx(ctx, (tx) => recordAudit(tx, { action: 'hotline.call.lookup', entityType: 'hotline_call', details: { matches: rows.length } }));
  }
  const now = ctx.now();
  return { items: rows.map((r) => toCall(ctx, r.c, r.regionName, now)), total: Number(total?.n ?? 0) };
}

export async function callInScope(ctx: Ctx, actor: Actor, id: string): Promise<{ c: CallRow; regionName: string | null }> {
  const [row] = await ctx.db
    .select({ c: hotlineCalls, regionName: regions.name })
    .from(hotlineCalls)
    .leftJoin(regions, eq(regions.code, hotlineCalls.regionCode))
    .where(and(eq(hotlineCalls.id, id), inScope(actor, hotlineCalls.regionCode)));
  if (!row) throw notFound('CALL_NOT_FOUND');
  return row;
}

/** The unmasked caller data, by the `personal:reveal` permission with a reason; every reveal is audited. */
export async function revealCaller(ctx: Ctx, id: string, reason: string): Promise<{ callerName: string; callerPhone: string; address: string }> {
  const actor = requirePermission(ctx, 'personal:reveal');
  const { c } = await callInScope(ctx, actor, id);
  await withTx(ctx, (tx) => recordAudit(tx, { action: 'hotline.call.reveal', entityType: 'hotline_call', entityId: id, regionCode: c.regionCode, details: { reason: redactNumbers(reason) } }));
  const k = ctx.secrets.encryptionKey;
  return { callerName: decrypt(k, c.callerNameEnc), callerPhone: decrypt(k, c.callerPhoneEnc), address: decrypt(k, c.addressEnc) };
}
