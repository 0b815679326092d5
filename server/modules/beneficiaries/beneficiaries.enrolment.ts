import { and, asc, eq } from 'drizzle-orm';
import type { HouseholdDetail } from '../../../common/contracts/beneficiaries';
import { requirePermission } from '../../core/access';
import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { householdEvents } from '../../db/schema/beneficiaries';
import { transition } from './beneficiaries.service';

/** 受理 → 审核: someone with beneficiaries:manage checks the application (applied → reviewed). */
export async function reviewApplication(ctx: Ctx, id: string, note: string): Promise<HouseholdDetail> {
  const actor = requirePermission(ctx, 'beneficiaries:manage');
  return transition(ctx, actor, id, {
    to: 'reviewed',
    from: ['applied'],
    note,
    action: 'beneficiary.review',
    details: { note },
  });
}

/** Who accepted and who reviewed the application (the first `applied` and `reviewed` events). */
async function earlierHands(ctx: Ctx, id: string): Promise<Set<string>> {
  const rows = await ctx.db
    .select({ byId: householdEvents.byId, status: householdEvents.status })
    .from(householdEvents)
    .where(and(eq(householdEvents.householdId, id)))
    .orderBy(asc(householdEvents.at));
  return new Set(rows.filter((r) => r.status === 'applied' || r.status === 'reviewed').map((r) => r.byId));
}

/**
 * 审批: approve (reviewed → active) or reject (applied or reviewed → rejected), with beneficiaries:approve
 * and by someone other than whoever accepted or reviewed the application (三审分离).
 */
export async function decideApplication(
  ctx: Ctx,
  id: string,
  decision: 'approve' | 'reject',
  note: string,
): Promise<HouseholdDetail> {
  const actor = requirePermission(ctx, 'beneficiaries:approve');
  const hands = await earlierHands(ctx, id);
  if (hands.has(actor.userId)) throw new AppError(403, 'ENROLMENT_SECOND_PERSON');
  return decision === 'approve'
    ? transition(ctx, actor, id, {
        to: 'active',
        from: ['reviewed'],
        note,
        action: 'beneficiary.approve',
        details: { note },
      })
    : transition(ctx, actor, id, {
        to: 'rejected',
        from: ['applied', 'reviewed'],
        note,
        action: 'beneficiary.reject',
        details: { note },
      });
}
