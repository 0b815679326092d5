import { eq } from 'drizzle-orm';
import type { AdmitInput } from '../../../common/contracts/isolation';
import { can } from '../../../common/permissions';
import { isWithin } from '../../../common/region-code';
import { usernameKey } from '../../../common/username';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { dummyVerify, verifyPassword } from '../../core/passwords';
import { users } from '../../db/schema/users';
import { recordFailure } from '../auth/auth.service';

export interface Approver {
  id: string;
  username: string;
  name: string;
}

type Override = NonNullable<AdmitInput['override']>;

/**
 * The second person of an override: another active, unlocked user who holds isolation:approve for the
 * person's region and confirms with their own password. Every refusal is audited; an unknown user, a
 * wrong password and a user without the permission give the same answer after the same argon2 cost.
 */
export async function verifyApprover(ctx: Ctx, actor: Actor, personId: string, regionCode: string, o: Override): Promise<Approver> {
  const [user] = await ctx.db.select().from(users).where(eq(users.usernameKey, usernameKey(o.approverUsername)));
  const refuse = async (reason: string, code: 'ISOLATION_APPROVER_INVALID' | 'ISOLATION_APPROVER_SELF') => {
    await withTx(ctx, (tx) =>
      recordAudit(tx, {
        action: 'isolation.override',
        result: 'failure',
        entityType: 'isolation_person',
        entityId: personId,
        regionCode,
        details: { reason, approverUsername: o.approverUsername.slice(0, 64) },
      }),
    );
    return new AppError(403, code);
  };
  if (user?.id === actor.userId) throw await refuse('same_user', 'ISOLATION_APPROVER_SELF');
  const passwordOk = user ? await verifyPassword(user.passwordHash, o.approverPassword) : await dummyVerify(o.approverPassword);
  if (user && !passwordOk) await recordFailure(ctx, user, 'approver_wrong_password');
  if (!user || !passwordOk) throw await refuse(user ? 'wrong_password' : 'unknown_user', 'ISOLATION_APPROVER_INVALID');
  const now = ctx.now();
  if (user.disabled || (user.lockedUntil && user.lockedUntil > now)) throw await refuse('approver_unavailable', 'ISOLATION_APPROVER_INVALID');
  if (!can(user.role, 'isolation:approve') || !isWithin(regionCode, user.regionCode)) throw await refuse('approver_not_permitted', 'ISOLATION_APPROVER_INVALID');
  return { id: user.id, username: user.username, name: user.name };
}
