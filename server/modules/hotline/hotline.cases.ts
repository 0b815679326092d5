import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { CallDetail, CloseCallInput, HotlineCall } from '../../../common/contracts/hotline';
import { HOTLINE_CATEGORY_LABELS } from '../../../common/enums';
import { redactNumbers } from '../../../common/redact';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { notFound } from '../../core/errors';
import { homeVerificationPhotos, homeVerifications, hotlineCalls } from '../../db/schema/hotline';
import { users } from '../../db/schema/users';
import { notify } from '../notifications/notifications.service';
import { holdCase } from './hotline.handle';
import { countyOf } from '../../../common/region-code';
import { callInScope, regionName, toCall } from './hotline.service';

/** One case: the call with its clocks, the home verification records and the photos (metadata). */
export async function getCall(ctx: Ctx, id: string): Promise<CallDetail> {
  const actor = requirePermission(ctx, 'hotline:read');
  const { c, regionName: name } = await callInScope(ctx, actor, id);
  const visits = await ctx.db.select().from(homeVerifications).where(eq(homeVerifications.callId, id)).orderBy(asc(homeVerifications.visitedAt));
  const photos = await ctx.db
    .select({ id: homeVerificationPhotos.id, kind: homeVerificationPhotos.kind, size: homeVerificationPhotos.size, uploadedByName: homeVerificationPhotos.uploadedByName, createdAt: homeVerificationPhotos.createdAt })
    .from(homeVerificationPhotos)
    .where(eq(homeVerificationPhotos.callId, id))
    .orderBy(asc(homeVerificationPhotos.createdAt));
  return {
    ...toCall(ctx, c, name, ctx.now()),
    verifications: visits.map((v) => ({ visitors: v.visitors, visitedAt: v.visitedAt.toISOString(), findings: v.findings, recordedByName: v.recordedByName })),
    photos: photos.map((p) => ({ ...p, kind: p.kind as 'jpg' | 'png', createdAt: p.createdAt.toISOString() })),
    closeNote: c.closeNote,
  };
}

/**
 * Closes a case (办结): after assistance, or without it (a consultation, a referral); stops the clocks
 * still running. Only the holder closes it; an unclaimed case is claimed by the closer (see `holdOf`).
 */
export async function closeCall(ctx: Ctx, id: string, input: CloseCallInput): Promise<HotlineCall> {
  const actor = requirePermission(ctx, 'hotline:handle');
  await callInScope(ctx, actor, id);
  return withTx(ctx, async (tx) => {
    const now = tx.now();
    const { holder, takeoverFrom } = await holdCase(tx, actor, id);
    const note = redactNumbers(input.note);
    const [row] = await tx.db.update(hotlineCalls).set({ ...holder, status: 'closed', closedAt: now, closeNote: note }).where(eq(hotlineCalls.id, id)).returning();
    await recordAudit(tx, {
      action: 'hotline.call.close',
      entityType: 'hotline_call',
      entityId: id,
      regionCode: row!.regionCode,
      details: { note, verified: row!.verifiedAt !== null, assisted: row!.assistedAt !== null, ...(takeoverFrom ? { takeoverFrom } : {}) },
    });
    return toCall(tx, row!, await regionName(tx, row!.regionCode), now);
  });
}

/**
 * Stops the payment clock of a call at the first payment of a grant linked to it. Not a verb: the
 * assistance service calls it inside the payment's own transaction (and audits the payment).
 */
export async function markAssisted(tx: Ctx, callId: string, paidAt: Date): Promise<void> {
  await tx.db.update(hotlineCalls).set({ assistedAt: paidAt }).where(and(eq(hotlineCalls.id, callId), isNull(hotlineCalls.assistedAt)));
}

/** Whether a call exists in the actor's scope (a grant may only link a call its officer can see). */
export async function assertCallVisible(ctx: Ctx, callId: string): Promise<void> {
  const actor = requirePermission(ctx, 'assistance:grant');
  try {
    await callInScope(ctx, actor, callId);
  } catch {
    throw notFound('CALL_NOT_FOUND');
  }
}

/**
 * The escalation job: every case with a clock past due and not yet escalated for that clock is marked
 * escalated and the officers and leaders of its county are notified, once per clock. The conditional
 * update is the claim, so reruns and concurrent runs notify nobody twice.
 */
export async function escalateOverdueCalls(ctx: Ctx, now: Date): Promise<{ escalated: number; notified: number }> {
  requirePermission(ctx, 'hotline:read');
  const verifyDue = and(isNull(hotlineCalls.verifiedAt), lt(hotlineCalls.verifyDueAt, now), isNull(hotlineCalls.verifyEscalatedAt));
  const paymentDue = and(isNull(hotlineCalls.assistedAt), lt(hotlineCalls.paymentDueAt, now), isNull(hotlineCalls.paymentEscalatedAt));
  const candidates = await ctx.db
    .select({ id: hotlineCalls.id })
    .from(hotlineCalls)
    .where(and(isNull(hotlineCalls.closedAt), or(verifyDue, paymentDue)))
    .limit(500);
  const result = { escalated: 0, notified: 0 };
  for (const { id } of candidates) {
    const sent = await withTx(ctx, async (tx) => {
      const [row] = await tx.db
        .update(hotlineCalls)
        .set({
          verifyEscalatedAt: sql`case when ${verifyDue} then ${now.toISOString()}::timestamptz else ${hotlineCalls.verifyEscalatedAt} end`,
          paymentEscalatedAt: sql`case when ${paymentDue} then ${now.toISOString()}::timestamptz else ${hotlineCalls.paymentEscalatedAt} end`,
        })
        .where(and(eq(hotlineCalls.id, id), isNull(hotlineCalls.closedAt), or(verifyDue, paymentDue)))
        .returning();
      if (!row) return null;
      const clocks = [
        row.verifyEscalatedAt?.getTime() === now.getTime() ? 'verify' : null,
        row.paymentEscalatedAt?.getTime() === now.getTime() ? 'payment' : null,
      ].filter((c): c is 'verify' | 'payment' => c !== null);
      const county = countyOf(row.regionCode);
      const officers = await tx.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.regionCode, county), inArray(users.role, ['officer', 'leader']), eq(users.disabled, false)));
      const town = (await regionName(tx, row.townCode)) ?? row.townCode;
      const what = clocks.map((c) => (c === 'verify' ? '当日入户核实' : row.urgency === 'urgent' ? '24 小时内应急救助' : '3 个工作日内救助')).join('、');
      const sentTo = await notify(tx, {
        userIds: officers.map((o) => o.id),
        kind: 'hotline_escalation',
        title: `热线个案超时：${town}`,
        body: `${town}的一件${HOTLINE_CATEGORY_LABELS[row.category]}求助（${row.urgency === 'urgent' ? '紧急' : '一般'}）已超过${what}时限，已上报区县，请督办。`,
        link: `/hotline/calls/${row.id}`,
        regionCode: county,
        data: { callId: row.id, town: row.townCode, clocks },
      });
      await recordAudit(tx, { action: 'hotline.call.escalate', entityType: 'hotline_call', entityId: row.id, regionCode: row.regionCode, details: { clocks, recipients: sentTo.notified } });
      return sentTo.notified;
    });
    if (sent === null) continue;
    result.escalated++;
    result.notified += sent;
  }
  return result;
}
