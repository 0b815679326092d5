import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { VerifyCallInput } from '../../../common/contracts/assistance';
import type { HotlineCall } from '../../../common/contracts/hotline';
import { redactNumbers } from '../../../common/redact';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { homeVerifications, hotlineCalls } from '../../db/schema/hotline';
import { holdOf } from './hotline.rules';
import { callClocks, callInScope, regionName, toCall, type CallRow } from './hotline.service';

/** 409 naming the officer who holds the case (the code is the claim's own). */
export function claimedByOther(name: string | null): AppError {
  const who = name ?? '其他工作人员';
  return new AppError(409, 'CALL_ALREADY_CLAIMED', `该个案已由${who}认领，只有认领人可以办理（核实、办结）；个案超时上报后，区县民政部门可以接手`, { claimedByName: who });
}

export interface Held {
  before: CallRow;
  /** The columns that make the actor the holder (empty when they already are). */
  holder: Partial<Pick<CallRow, 'claimedById' | 'claimedByName' | 'claimedAt'>>;
  /** The previous holder when a county officer takes an escalated case over. */
  takeoverFrom: string | null;
}

/**
 * Locks a case row for claiming, verifying or closing and applies the claim lock (`holdOf` in
 * hotline.rules.ts): a closed case is a 409, `check` refuses other states, then someone else's hold is
 * a 409. Runs inside the verb's transaction; the row lock serialises two officers acting at once.
 */
export async function holdCase(tx: Ctx, actor: Actor, id: string, check?: (c: CallRow) => void): Promise<Held> {
  const [before] = await tx.db.select().from(hotlineCalls).where(eq(hotlineCalls.id, id)).for('update');
  if (!before) throw notFound('CALL_NOT_FOUND');
  if (before.closedAt) throw new AppError(409, 'CALL_ALREADY_CLOSED');
  check?.(before);
  const now = tx.now();
  const hold = holdOf(before.claimedById, actor, callClocks(before, now).escalated);
  if (hold === 'refused') throw claimedByOther(before.claimedByName);
  return {
    before,
    holder: hold === 'held' ? {} : { claimedById: actor.userId, claimedByName: actor.name, claimedAt: now },
    takeoverFrom: hold === 'takeover' ? before.claimedByName : null,
  };
}

/** One officer holds a case at a time: a claim by someone else is a 409 (a county takeover aside). */
export async function claimCall(ctx: Ctx, id: string): Promise<HotlineCall> {
  const actor = requirePermission(ctx, 'hotline:handle');
  await callInScope(ctx, actor, id);
  return withTx(ctx, async (tx) => {
    const { before, holder, takeoverFrom } = await holdCase(tx, actor, id);
    const [row] = await tx.db
      .update(hotlineCalls)
      .set({ ...holder, status: before.status === 'open' ? 'claimed' : before.status })
      .where(eq(hotlineCalls.id, id))
      .returning();
    await recordAudit(tx, { action: 'hotline.call.claim', entityType: 'hotline_call', entityId: id, regionCode: row!.regionCode, details: takeoverFrom ? { takeoverFrom } : {} });
    return toCall(tx, row!, await regionName(tx, row!.regionCode), tx.now());
  });
}

/** Home verification: who visited, when, what was found, by the holder (an unclaimed case is claimed). Stops the same-day clock. */
export async function verifyCall(ctx: Ctx, id: string, input: VerifyCallInput): Promise<HotlineCall> {
  const actor = requirePermission(ctx, 'hotline:handle');
  await callInScope(ctx, actor, id);
  return withTx(ctx, async (tx) => {
    const now = tx.now();
    const { holder, takeoverFrom } = await holdCase(tx, actor, id, (c) => {
      if (c.verifiedAt) throw new AppError(409, 'CALL_ALREADY_VERIFIED');
    });
    const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
    const [row] = await tx.db.update(hotlineCalls).set({ ...holder, status: 'verified', verifiedAt: visitedAt }).where(eq(hotlineCalls.id, id)).returning();
    await tx.db.insert(homeVerifications).values({ id: randomUUID(), callId: id, visitors: input.visitors, visitedAt, findings: redactNumbers(input.findings), recordedByName: actor.name, createdAt: now });
    const details = { visitedAt: visitedAt.toISOString(), slaMet: visitedAt <= row!.verifyDueAt, ...(takeoverFrom ? { takeoverFrom } : {}) };
    await recordAudit(tx, { action: 'hotline.call.verify', entityType: 'hotline_call', entityId: id, regionCode: row!.regionCode, details });
    return toCall(tx, row!, await regionName(tx, row!.regionCode), now);
  });
}
