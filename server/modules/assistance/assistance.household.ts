import { and, eq } from 'drizzle-orm';
import type { GrantDetail } from '../../../common/contracts/assistance';
import { maskName } from '../../../common/id-card';
import { inScope } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { decrypt } from '../../core/crypto';
import { notFound } from '../../core/errors';
import { householdMembers, households } from '../../db/schema/beneficiaries';

const RELATION_ORDER = { head: 0, spouse: 1, parent: 2, child: 3, other: 4 } as const;

/** A grant may name a registered household only if the actor can see it; otherwise it does not exist (404). */
export async function assertHouseholdVisible(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const [row] = await ctx.db.select({ id: households.id }).from(households).where(and(eq(households.id, id), inScope(actor, households.regionCode)));
  if (!row) throw notFound('BENEFICIARY_NOT_FOUND');
}

/** The household of a grant with its members' masked names; null when unlinked or outside the actor's scope. */
export async function householdOfGrant(ctx: Ctx, actor: Actor, id: string | null): Promise<GrantDetail['household']> {
  if (!id) return null;
  const [h] = await ctx.db
    .select({ id: households.id, memberCount: households.memberCount })
    .from(households)
    .where(and(eq(households.id, id), inScope(actor, households.regionCode)));
  if (!h) return null;
  const members = await ctx.db
    .select({ nameEnc: householdMembers.nameEnc, relation: householdMembers.relation })
    .from(householdMembers)
    .where(eq(householdMembers.householdId, id));
  const k = ctx.secrets.encryptionKey;
  return {
    id: h.id,
    memberCount: h.memberCount,
    members: members
      .sort((a, b) => RELATION_ORDER[a.relation] - RELATION_ORDER[b.relation])
      .map((m) => ({ name: maskName(decrypt(k, m.nameEnc)), relation: m.relation })),
  };
}
