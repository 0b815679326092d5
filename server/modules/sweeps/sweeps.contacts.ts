import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ContactAnswer, ContactSummary, RecordContactInput, Worklist, WorklistItem, WorklistQuery } from '../../../common/contracts/sweeps';
import { MEMBER_RELATION_LABELS } from '../../../common/enums';
import { maskName } from '../../../common/id-card';
import { maskPhone } from '../../../common/phone';
import { redactNumbers } from '../../../common/redact';
import { isWithin } from '../../../common/region-code';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { decrypt } from '../../core/crypto';
import { AppError, notFound } from '../../core/errors';
import { idempotent, type Answer } from '../../core/idempotency';
import { rows } from '../../db/client';
import { householdMembers, households } from '../../db/schema/beneficiaries';
import { sweepContacts } from '../../db/schema/sweeps';
import { openDifficultyCase } from './sweeps.case';
import { findSweep, viewRegion, type SweepRow } from './sweeps.service';
import { risksOfFlags, worklistSql, type WorklistRow } from './sweeps.worklist';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toItem(ctx: Ctx, r: WorklistRow): WorklistItem {
  const k = ctx.secrets.encryptionKey;
  const contact: ContactSummary | null = r.c_outcome
    ? { channel: r.c_channel!, outcome: r.c_outcome, note: r.c_note, cadreName: r.c_cadre ?? '', callId: r.c_call, at: iso(r.c_at)! }
    : null;
  return {
    householdId: r.id,
    regionCode: r.region_code,
    regionName: r.region_name ?? r.region_code,
    programme: r.programme,
    memberCount: Number(r.member_count),
    headName: r.name_enc ? maskName(decrypt(k, r.name_enc)) : '—',
    phone: r.phone_enc ? maskPhone(decrypt(k, r.phone_enc)) : null,
    risks: risksOfFlags(r.flags),
    score: Number(r.score),
    lastContactAt: iso(r.last_contact_at),
    contact,
  };
}

/**
 * A village's worklist (or a town's, village by village): risk first, households not yet contacted in this
 * sweep before those already done; personal data masked. A village cadre sees their own village by default.
 */
export async function worklist(ctx: Ctx, id: string, q: WorklistQuery): Promise<Worklist> {
  const actor = requirePermission(ctx, 'sweeps:read');
  const sweep = await findSweep(ctx, actor, id);
  const code = viewRegion(sweep, actor, q.village);
  const found = await rows<WorklistRow>(
    ctx.db,
    worklistSql({
      sweepId: sweep.id,
      programmes: sweep.programmes,
      sweepRegion: sweep.regionCode,
      region: code,
      scope: actor.scope,
      asOf: ctx.now(),
      noContactDays: sweep.noContactDays,
      hotlineDays: sweep.hotlineDays,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    }),
  );
  return { items: found.map((r) => toItem(ctx, r)), total: Number(found[0]?.total ?? 0), regionCode: code };
}

type HouseholdRow = typeof households.$inferSelect;

/** A household of the sweep in the actor's scope, or 404. */
async function sweepHousehold(ctx: Ctx, actor: Actor, sweep: SweepRow, householdId: string): Promise<HouseholdRow> {
  const [h] = await ctx.db.select().from(households).where(eq(households.id, householdId));
  const inSweep = h && h.status === 'active' && sweep.programmes.includes(h.programme) && isWithin(h.regionCode, sweep.regionCode) && isWithin(h.regionCode, actor.regionCode);
  if (!inSweep) throw notFound('SWEEP_HOUSEHOLD_NOT_FOUND');
  return h;
}

/**
 * Records one contact (phone, WeChat or visit; fine, in difficulty or unreachable) and stamps the
 * household's last contact. "In difficulty" opens a hotline case routed to the household's town in the
 * same transaction, linked from the contact. Takes an Idempotency-Key: a retry on a flaky connection
 * replays the first answer instead of recording twice.
 */
export async function recordContact(ctx: Ctx, id: string, input: RecordContactInput, key?: string): Promise<Answer<ContactAnswer>> {
  const actor = requirePermission(ctx, 'sweeps:record');
  const sweep = await findSweep(ctx, actor, id);
  const h = await sweepHousehold(ctx, actor, sweep, input.householdId);
  if (sweep.status !== 'open') throw new AppError(409, 'SWEEP_CLOSED');
  return idempotent(ctx, `sweep-contact:${sweep.id}`, key, input, async (tx) => {
    const at = tx.now();
    const callId = input.outcome === 'difficulty' ? await openDifficultyCase(tx, actor, h, input) : null;
    const contactId = randomUUID();
    // A phone or ID number typed into the note is masked before it is stored (the case text is masked by openCall).
    const note = input.note && input.note.length > 0 ? redactNumbers(input.note) : null;
    await tx.db.insert(sweepContacts).values({
      id: contactId,
      sweepId: sweep.id,
      householdId: h.id,
      regionCode: h.regionCode,
      cadreId: actor.userId,
      cadreName: actor.name,
      channel: input.channel,
      outcome: input.outcome,
      note,
      callId,
      at,
    });
    // The registry's "last contact" column: the sweep is the one writer of it besides the registry itself.
    await tx.db.update(households).set({ lastContactAt: at }).where(eq(households.id, h.id));
    await recordAudit(tx, {
      action: 'sweep.contact',
      entityType: 'sweep_contact',
      entityId: contactId,
      regionCode: h.regionCode,
      details: { sweepId: sweep.id, householdId: h.id, channel: input.channel, outcome: input.outcome, callId },
    });
    const contact: ContactSummary = { channel: input.channel, outcome: input.outcome, note, cadreName: actor.name, callId, at: at.toISOString() };
    return { status: 201, body: { id: contactId, householdId: h.id, contact } };
  });
}

/** The names and phones of a household to call it, with `personal:reveal` and a reason; audited. */
export async function revealContact(ctx: Ctx, id: string, householdId: string, reason: string) {
  const actor = requirePermission(ctx, 'sweeps:read');
  requirePermission(ctx, 'personal:reveal');
  const sweep = await findSweep(ctx, actor, id);
  const h = await sweepHousehold(ctx, actor, sweep, householdId);
  const members = await ctx.db
    .select()
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, h.id)))
    .orderBy(sql`(${householdMembers.relation} = 'head') desc`, asc(householdMembers.createdAt), asc(householdMembers.id));
  await withTx(ctx, (tx) =>
    recordAudit(tx, { action: 'sweep.reveal', entityType: 'beneficiary_household', entityId: h.id, regionCode: h.regionCode, details: { sweepId: sweep.id, reason: redactNumbers(reason) } }),
  );
  const k = ctx.secrets.encryptionKey;
  return { members: members.map((m) => ({ name: decrypt(k, m.nameEnc), phone: m.phoneEnc ? decrypt(k, m.phoneEnc) : null, relation: MEMBER_RELATION_LABELS[m.relation] })) };
}
