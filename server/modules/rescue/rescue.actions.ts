import { redactNumbers } from '../../../common/redact';
import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type { HelpInput, PlaceInput, RescuePersonDetail } from '../../../common/contracts/rescue';
import type { RescueStatus } from '../../../common/enums';
import { can } from '../../../common/permissions';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { decrypt } from '../../core/crypto';
import { AppError, badRequest, conflict, forbidden } from '../../core/errors';
import { rescueHelps, rescuePersons, rescuePlacements } from '../../db/schema/rescue';
import { findInstitution } from '../institutions/institutions.service';
import {
  getPerson as getIsolationPerson,
  registerPerson as registerIsolation,
} from '../isolation/isolation.service';
import { canHelp, canPlace, stationTakes, statusAfterHelp, statusAfterPlacement } from './rescue.rules';
import { findPerson, personDetail, type PersonRow } from './rescue.view';

/** The person's row locked for this transaction; its status must still be one `allowed` accepts. */
async function locked(tx: Ctx, id: string, allowed: (s: RescueStatus) => boolean): Promise<PersonRow> {
  const [row] = await tx.db.select().from(rescuePersons).where(eq(rescuePersons.id, id)).for('update');
  if (!row || !allowed(row.status)) throw openError(row?.status);
  return row;
}

const openError = (status: RescueStatus | undefined) =>
  status === 'screening' ? conflict('RESCUE_AWAITING_SCREENING') : conflict('RESCUE_NOT_OPEN');

async function setStatus(
  tx: Ctx,
  id: string,
  status: RescueStatus,
  extra: Partial<PersonRow> = {},
): Promise<PersonRow> {
  const [row] = await tx.db
    .update(rescuePersons)
    .set({ status, updatedAt: tx.now(), ...extra })
    .where(eq(rescuePersons.id, id))
    .returning();
  return row!;
}

/** Food, lodging, medical care, a ticket home, clothing or cash; the first help moves `found` to `helped`. */
export async function recordHelp(ctx: Ctx, id: string, input: HelpInput): Promise<RescuePersonDetail> {
  const actor = requirePermission(ctx, 'rescue:record');
  const person = await findPerson(ctx, actor, id);
  if (!canHelp(person.status)) throw openError(person.status);
  return withTx(ctx, async (tx) => {
    const row = await locked(tx, id, canHelp);
    const helpId = randomUUID();
    await tx.db
      .insert(rescueHelps)
      .values({
        id: helpId,
        personId: id,
        kind: input.kind,
        amountFen: input.amountFen ?? null,
        note: input.note ? redactNumbers(input.note) : null,
        givenByName: actor.name,
        createdAt: tx.now(),
      });
    const after = await setStatus(tx, id, statusAfterHelp(row.status));
    await recordAudit(tx, {
      action: 'rescue.person.help',
      entityType: 'rescue_person',
      entityId: id,
      regionCode: row.regionCode,
      details: { helpId, kind: input.kind, amountFen: input.amountFen ?? null },
    });
    return personDetail(tx, actor, after);
  });
}

/**
 * Places a person: into a rescue station in scope, home, to a hospital, or records that they declined.
 * A minor placed in a station first goes to health screening: the isolation module's own verb opens the
 * child's isolation record (reason `vagrant_minor`, screening required) at the station in the same
 * transaction, and the placement waits in `screening` until `confirmPlacement` finds it screened.
 */
export async function place(ctx: Ctx, id: string, input: PlaceInput): Promise<RescuePersonDetail> {
  const actor = requirePermission(ctx, 'rescue:record');
  const person = await findPerson(ctx, actor, id);
  if (!canPlace(person.status)) throw openError(person.status);
  const screened = input.kind === 'station' && person.minor;
  if (input.kind === 'station') {
    const inst = await findInstitution(ctx, actor, input.institutionId!);
    if (!stationTakes(inst.type, person.minor)) throw badRequest('RESCUE_NOT_A_STATION');
  }
  if (screened && !can(actor.role, 'isolation:record'))
    throw forbidden('RESCUE_MINOR_PLACEMENT_FORBIDDEN', { permission: 'isolation:record' });
  return withTx(ctx, async (tx) => {
    const row = await locked(tx, id, canPlace);
    const isolation = screened ? await openScreening(tx, row, input.institutionId!) : null;
    const placementId = randomUUID();
    const now = tx.now();
    await tx.db.insert(rescuePlacements).values({
      id: placementId,
      personId: id,
      kind: input.kind,
      institutionId: input.institutionId ?? null,
      isolationPersonId: isolation?.id ?? null,
      note: input.note ? redactNumbers(input.note) : null,
      placedByName: actor.name,
      createdAt: now,
      confirmedAt: screened ? null : now,
    });
    const status = statusAfterPlacement(input.kind, row.minor);
    const after = await setStatus(
      tx,
      id,
      status,
      input.kind === 'declined' ? { closedReason: input.note ? redactNumbers(input.note) : '本人拒绝救助' } : {},
    );
    await recordAudit(tx, {
      action: 'rescue.person.place',
      entityType: 'rescue_person',
      entityId: id,
      regionCode: row.regionCode,
      details: {
        placementId,
        kind: input.kind,
        institutionId: input.institutionId ?? null,
        minor: row.minor,
        isolationPersonId: isolation?.id ?? null,
        status,
      },
    });
    return personDetail(tx, actor, after);
  });
}

/** Opens the minor's isolation and screening record at the station through the isolation module's verb. */
function openScreening(tx: Ctx, row: PersonRow, institutionId: string) {
  const k = tx.secrets.encryptionKey;
  return registerIsolation(tx, {
    institutionId,
    role: 'resident',
    reason: 'vagrant_minor',
    name: row.nameEnc ? decrypt(k, row.nameEnc) : '姓名不详',
    ...(row.idNumberEnc ? { idNumber: decrypt(k, row.idNumberEnc) } : {}),
    startDate: businessDay(tx.now()),
  });
}

/**
 * Confirms a minor's station placement once the isolation module records the hospital screening as done;
 * before that it is refused with 422 and the isolation record's open points.
 */
export async function confirmPlacement(ctx: Ctx, id: string): Promise<RescuePersonDetail> {
  const actor = requirePermission(ctx, 'rescue:record');
  const person = await findPerson(ctx, actor, id);
  if (person.status !== 'screening') throw conflict('RESCUE_NOT_AWAITING_SCREENING');
  const pending = await pendingPlacement(ctx, id);
  const isolation = await getIsolationPerson(ctx, pending.isolationPersonId!);
  if (!isolation.screeningDone) {
    throw new AppError(422, 'RESCUE_SCREENING_PENDING', undefined, {
      isolationPersonId: isolation.id,
      blockers: isolation.blockers,
    });
  }
  return withTx(ctx, async (tx) => {
    const row = await locked(tx, id, (s) => s === 'screening');
    await tx.db
      .update(rescuePlacements)
      .set({ confirmedAt: tx.now() })
      .where(eq(rescuePlacements.id, pending.id));
    const after = await setStatus(tx, id, 'placed');
    await recordAudit(tx, {
      action: 'rescue.person.confirm',
      entityType: 'rescue_person',
      entityId: id,
      regionCode: row.regionCode,
      details: {
        placementId: pending.id,
        institutionId: pending.institutionId,
        isolationPersonId: pending.isolationPersonId,
      },
    });
    return personDetail(tx, actor, after);
  });
}

async function pendingPlacement(ctx: Ctx, personId: string) {
  const [row] = await ctx.db
    .select()
    .from(rescuePlacements)
    .where(
      and(
        eq(rescuePlacements.personId, personId),
        isNotNull(rescuePlacements.isolationPersonId),
        isNull(rescuePlacements.confirmedAt),
      ),
    );
  if (!row) throw conflict('RESCUE_NOT_AWAITING_SCREENING');
  return row;
}

/** Closes the case with a reason (left on their own, family came, ...). */
export async function closePerson(ctx: Ctx, id: string, reason: string): Promise<RescuePersonDetail> {
  const actor: Actor = requirePermission(ctx, 'rescue:record');
  const person = await findPerson(ctx, actor, id);
  if (person.status === 'closed') throw conflict('RESCUE_NOT_OPEN');
  return withTx(ctx, async (tx) => {
    const row = await locked(tx, id, (s) => s !== 'closed');
    const after = await setStatus(tx, id, 'closed', { closedReason: redactNumbers(reason) });
    await recordAudit(tx, {
      action: 'rescue.person.close',
      entityType: 'rescue_person',
      entityId: id,
      regionCode: row.regionCode,
      details: { reason: redactNumbers(reason), from: row.status },
    });
    return personDetail(tx, actor, after);
  });
}
