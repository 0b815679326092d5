import { redactNumbers } from '../../../common/redact';
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, like, type SQL } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type {
  PersonQuery,
  RecordPersonInput,
  RescuePerson,
  RescuePersonDetail,
  RevealedPerson,
} from '../../../common/contracts/rescue';
import { normalizeIdNumber, validIdNumber } from '../../../common/id-card';
import { isWithin, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { decrypt, encrypt, hmacHex } from '../../core/crypto';
import { badRequest, notFound } from '../../core/errors';
import { idempotent, type Answer } from '../../core/idempotency';
import { hotlineCalls } from '../../db/schema/hotline';
import { rescuePersons } from '../../db/schema/rescue';
import { findPatrol } from './rescue.patrols';
import { isMinor } from './rescue.rules';
import { assertNotFuture, assertRescueRegion, findPerson, personDetail, toPersons } from './rescue.view';

/** Keyed blind indexes, the same forms as the hotline's and assistance's (`phone:…`, `id:…`). */
const idIndex = (ctx: Ctx, idNumber: string) =>
  hmacHex(ctx.secrets.blindIndexKey, `id:${normalizeIdNumber(idNumber)}`);
const phoneIndex = (ctx: Ctx, phone: string) => hmacHex(ctx.secrets.blindIndexKey, `phone:${phone}`);

/**
 * Records a person found on a patrol, reported by the hotline, walking in or handed over. Name, ID number
 * and phone are stored encrypted; the answer carries the earlier rescues of the same ID number or phone in
 * any region ("此人曾于…被救助"). Takes an Idempotency-Key.
 */
export async function recordPerson(
  ctx: Ctx,
  input: RecordPersonInput,
  key?: string,
): Promise<Answer<RescuePersonDetail>> {
  const actor = requirePermission(ctx, 'rescue:record');
  assertRescueRegion(actor, input.regionCode);
  const foundAt = input.foundAt ? new Date(input.foundAt) : ctx.now();
  assertNotFuture(ctx, foundAt);
  if (input.idNumber !== undefined && !validIdNumber(input.idNumber)) throw badRequest('ID_NUMBER_INVALID');
  if (input.patrolId) {
    const patrol = await findPatrol(ctx, actor, input.patrolId);
    if (!isWithin(input.regionCode, patrol.regionCode)) throw badRequest('RESCUE_PATROL_REGION');
  }
  if (input.hotlineCallId) {
    const [c] = await ctx.db
      .select({ id: hotlineCalls.id })
      .from(hotlineCalls)
      .where(and(eq(hotlineCalls.id, input.hotlineCallId), inScope(actor, hotlineCalls.regionCode)));
    if (!c) throw notFound('CALL_NOT_FOUND');
  }
  const minor = isMinor(input, businessDay(foundAt));
  return idempotent(ctx, 'rescue-person', key, input, async (tx) => {
    const k = tx.secrets.encryptionKey;
    const now = tx.now();
    const id = input.idNumber ? normalizeIdNumber(input.idNumber) : null;
    const [row] = await tx.db
      .insert(rescuePersons)
      .values({
        id: randomUUID(),
        regionCode: input.regionCode,
        patrolId: input.patrolId ?? null,
        hotlineCallId: input.hotlineCallId ?? null,
        source: input.source,
        category: input.category,
        nameEnc: input.name ? encrypt(k, input.name) : null,
        approxAge: input.approxAge ?? null,
        minor,
        sex: input.sex,
        idNumberEnc: id ? encrypt(k, id) : null,
        idNumberIndex: id ? idIndex(tx, id) : null,
        phoneEnc: input.phone ? encrypt(k, input.phone) : null,
        phoneIndex: input.phone ? phoneIndex(tx, input.phone) : null,
        foundPlace: input.foundPlace,
        foundAt,
        condition: redactNumbers(input.condition),
        status: 'found',
        createdById: actor.userId,
        createdByName: actor.name,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const detail = await personDetail(tx, actor, row!);
    await recordAudit(tx, {
      action: 'rescue.person.record',
      entityType: 'rescue_person',
      entityId: row!.id,
      regionCode: row!.regionCode,
      details: {
        source: input.source,
        category: input.category,
        minor,
        patrolId: input.patrolId ?? null,
        earlierRescues: detail.earlier.length,
      },
    });
    return { status: 201, body: detail };
  });
}

export async function listPersons(
  ctx: Ctx,
  q: PersonQuery,
): Promise<{ items: RescuePerson[]; total: number }> {
  const actor = requirePermission(ctx, 'rescue:read');
  const where: SQL[] = [inScope(actor, rescuePersons.regionCode)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(like(rescuePersons.regionCode, `${scopePrefix(q.region)}%`));
  }
  if (q.status) where.push(eq(rescuePersons.status, q.status));
  if (q.category) where.push(eq(rescuePersons.category, q.category));
  if (q.minor !== undefined) where.push(eq(rescuePersons.minor, q.minor));
  if (q.patrolId) where.push(eq(rescuePersons.patrolId, q.patrolId));
  const [total] = await ctx.db
    .select({ n: count() })
    .from(rescuePersons)
    .where(and(...where));
  const rows = await ctx.db
    .select()
    .from(rescuePersons)
    .where(and(...where))
    .orderBy(desc(rescuePersons.foundAt), desc(rescuePersons.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await toPersons(ctx, rows), total: Number(total?.n ?? 0) };
}

export async function getPerson(ctx: Ctx, id: string): Promise<RescuePersonDetail> {
  const actor = requirePermission(ctx, 'rescue:read');
  return personDetail(ctx, actor, await findPerson(ctx, actor, id));
}

/** The unmasked name, ID number and phone, with `personal:reveal` and a reason; every reveal is audited. */
export async function revealPerson(ctx: Ctx, id: string, reason: string): Promise<RevealedPerson> {
  requirePermission(ctx, 'rescue:read');
  const actor = requirePermission(ctx, 'personal:reveal');
  const p = await findPerson(ctx, actor, id);
  await withTx(ctx, (tx) =>
    recordAudit(tx, {
      action: 'rescue.person.reveal',
      entityType: 'rescue_person',
      entityId: id,
      regionCode: p.regionCode,
      details: { reason: redactNumbers(reason) },
    }),
  );
  const k = ctx.secrets.encryptionKey;
  const open = (v: string | null) => (v ? decrypt(k, v) : null);
  return { name: open(p.nameEnc), idNumber: open(p.idNumberEnc), phone: open(p.phoneEnc) };
}
