import { eq } from 'drizzle-orm';
import type { RecordContactInput } from '../../../common/contracts/sweeps';
import type { Actor, Ctx } from '../../core/context';
import { decrypt } from '../../core/crypto';
import { householdMembers, type households } from '../../db/schema/beneficiaries';
import { openCall } from '../hotline/hotline.service';

/**
 * "In difficulty" opens an assistance case in one step: a hotline case for the household, routed to its
 * town like any call (the town's queue, the same-day verification clock), with the cadre's note as what
 * was asked. The caller is the household's head (or first member) and its contact phone. Runs in the
 * contact's transaction through the hotline module's own verb; `sweeps:record` authorises it.
 */
export async function openDifficultyCase(tx: Ctx, actor: Actor, h: typeof households.$inferSelect, input: RecordContactInput): Promise<string> {
  const k = tx.secrets.encryptionKey;
  const members = await tx.db.select().from(householdMembers).where(eq(householdMembers.householdId, h.id));
  members.sort((a, b) => Number(b.relation === 'head') - Number(a.relation === 'head') || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const head = members[0];
  const withPhone = members.find((m) => m.phoneEnc !== null);
  const call = await openCall(tx, actor, {
    callerName: head ? decrypt(k, head.nameEnc) : '（走访对象）',
    callerPhone: withPhone?.phoneEnc ? decrypt(k, withPhone.phoneEnc) : '',
    regionCode: h.regionCode,
    address: decrypt(k, h.addressEnc),
    category: input.category,
    urgency: input.urgency,
    content: `【走访排查发现困难】${input.note ?? ''}`,
  });
  return call.id;
}
