import { redactNumbers } from '../../../common/redact';
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type {
  AdmitInput,
  IsolationCheck,
  IsolationPerson,
  IsolationPersonDetail,
  PersonQuery,
  RecordCheckInput,
  RegisterPersonInput,
} from '../../../common/contracts/isolation';
import type { IsolationReason } from '../../../common/enums';
import { maskIdNumber, maskName, normalizeIdNumber, validIdNumber } from '../../../common/id-card';
import { scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { decrypt, encrypt, hmacHex } from '../../core/crypto';
import { AppError, badRequest, conflict, notFound } from '../../core/errors';
import { institutions } from '../../db/schema/institutions';
import { isolationChecks, isolationPersons } from '../../db/schema/isolation';
import { findInstitution } from '../institutions/institutions.service';
import { verifyApprover } from './isolation.approval';
import { POLICY_LOCK, requiredDaysFor } from './isolation.policy';
import { admissionBlockers, dayOfIsolation, earliestRelease, SCREENED_REASONS } from './isolation.rules';

type PersonRow = typeof isolationPersons.$inferSelect;
type CheckRow = typeof isolationChecks.$inferSelect;

/** People an actor sees: their region subtree, and for a reporter only their own institution. */
function personScope(actor: Actor): SQL {
  const region = inScope(actor, isolationPersons.regionCode);
  return actor.institutionId ? and(region, eq(isolationPersons.institutionId, actor.institutionId))! : region;
}

const blindIndex = (ctx: Ctx, idNumber: string) => hmacHex(ctx.secrets.blindIndexKey, normalizeIdNumber(idNumber));

const toCheck = (c: CheckRow): IsolationCheck => ({
  id: c.id,
  kind: c.kind as IsolationCheck['kind'],
  day: c.day,
  symptoms: c.symptoms,
  temperature: c.temperature === null ? null : Number(c.temperature),
  testResult: c.testResult as IsolationCheck['testResult'],
  note: c.note,
  recordedByName: c.recordedByName,
  createdAt: c.createdAt.toISOString(),
});

/** The response form of a person: decrypted only to be masked, never sent in clear. */
function toPerson(ctx: Ctx, p: PersonRow, institutionName: string, checks: CheckRow[]): IsolationPerson {
  const today = businessDay(ctx.now());
  return {
    id: p.id,
    institutionId: p.institutionId,
    institutionName,
    regionCode: p.regionCode,
    role: p.role as IsolationPerson['role'],
    reason: p.reason as IsolationReason,
    nameMasked: maskName(decrypt(ctx.secrets.encryptionKey, p.nameEnc)),
    idNumberMasked: p.idNumberEnc ? maskIdNumber(decrypt(ctx.secrets.encryptionKey, p.idNumberEnc)) : null,
    startDate: p.startDate,
    requiredDays: p.requiredDays,
    dayOfIsolation: dayOfIsolation(p.startDate, today),
    earliestRelease: earliestRelease(p.startDate, p.requiredDays),
    screeningRequired: p.screeningRequired,
    screeningDone: p.screeningDone,
    status: p.status as IsolationPerson['status'],
    admittedAt: p.admittedAt?.toISOString() ?? null,
    overridden: p.overrideApproverId !== null,
    overrideReason: p.overrideReason,
    blockers: p.status === 'isolating' ? admissionBlockers(p, checks.map(checkLike), today) : [],
    createdByName: p.createdByName,
    createdAt: p.createdAt.toISOString(),
  };
}

const checkLike = (c: CheckRow) => ({ ...c, temperature: c.temperature === null ? null : Number(c.temperature) });

async function checksOf(ctx: Ctx, ids: string[]): Promise<CheckRow[]> {
  if (ids.length === 0) return [];
  return ctx.db.select().from(isolationChecks).where(inArray(isolationChecks.personId, ids)).orderBy(asc(isolationChecks.day), asc(isolationChecks.createdAt));
}

async function findPerson(ctx: Ctx, actor: Actor, id: string): Promise<{ person: PersonRow; institutionName: string }> {
  const [row] = await ctx.db
    .select({ person: isolationPersons, institutionName: institutions.name })
    .from(isolationPersons)
    .innerJoin(institutions, eq(institutions.id, isolationPersons.institutionId))
    .where(and(eq(isolationPersons.id, id), personScope(actor)));
  if (!row) throw notFound('ISOLATION_NOT_FOUND');
  return row;
}

async function detail(ctx: Ctx, person: PersonRow, institutionName: string): Promise<IsolationPersonDetail> {
  const checks = await checksOf(ctx, [person.id]);
  return { ...toPerson(ctx, person, institutionName, checks), checks: checks.map(toCheck) };
}

/**
 * Registers a resident or staff member starting isolation at an institution. The clock takes the
 * policy in force today; name and ID number are stored encrypted, the ID number also as a keyed blind
 * index, so a second open record of the same person at the institution is a 409.
 */
export async function registerPerson(ctx: Ctx, input: RegisterPersonInput): Promise<IsolationPersonDetail> {
  const actor = requirePermission(ctx, 'isolation:record');
  const inst = await findInstitution(ctx, actor, input.institutionId);
  const today = businessDay(ctx.now());
  if (input.startDate > today) throw badRequest('ISOLATION_FUTURE_START');
  if (input.idNumber !== undefined && !validIdNumber(input.idNumber)) throw badRequest('ID_NUMBER_INVALID');
  const idIndex = input.idNumber ? blindIndex(ctx, input.idNumber) : null;
  return withTx(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock_shared(${POLICY_LOCK})`);
    if (idIndex) {
      const [dup] = await tx.db
        .select({ id: isolationPersons.id })
        .from(isolationPersons)
        .where(and(eq(isolationPersons.idNumberIndex, idIndex), eq(isolationPersons.institutionId, inst.id), eq(isolationPersons.status, 'isolating')));
      if (dup) throw conflict('ISOLATION_DUPLICATE', undefined, { id: dup.id });
    }
    const row: PersonRow = {
      id: randomUUID(),
      institutionId: inst.id,
      regionCode: inst.regionCode,
      role: input.role,
      reason: input.reason,
      nameEnc: encrypt(tx.secrets.encryptionKey, input.name),
      idNumberEnc: input.idNumber ? encrypt(tx.secrets.encryptionKey, normalizeIdNumber(input.idNumber)) : null,
      idNumberIndex: idIndex,
      startDate: input.startDate,
      requiredDays: await requiredDaysFor(tx.db, inst.regionCode, today),
      screeningRequired: SCREENED_REASONS.includes(input.reason),
      screeningDone: false,
      status: 'isolating',
      admittedAt: null,
      overrideById: null,
      overrideApproverId: null,
      overrideReason: null,
      createdByName: actor.name,
      createdAt: tx.now(),
    };
    await tx.db.insert(isolationPersons).values(row);
    await recordAudit(tx, {
      action: 'isolation.register',
      entityType: 'isolation_person',
      entityId: row.id,
      regionCode: inst.regionCode,
      details: { institutionId: inst.id, role: input.role, reason: input.reason, startDate: input.startDate, requiredDays: row.requiredDays, idNumberGiven: idIndex !== null },
    });
    return detail(tx, row, inst.name);
  });
}

export async function listPersons(ctx: Ctx, q: PersonQuery): Promise<{ items: IsolationPerson[]; total: number }> {
  const actor = requirePermission(ctx, 'isolation:read');
  const where: SQL[] = [personScope(actor)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(like(isolationPersons.regionCode, `${scopePrefix(q.region)}%`));
  }
  if (q.institutionId) where.push(eq(isolationPersons.institutionId, q.institutionId));
  if (q.status) where.push(eq(isolationPersons.status, q.status));
  const [total] = await ctx.db.select({ n: count() }).from(isolationPersons).where(and(...where));
  const rows = await ctx.db
    .select({ person: isolationPersons, institutionName: institutions.name })
    .from(isolationPersons)
    .innerJoin(institutions, eq(institutions.id, isolationPersons.institutionId))
    .where(and(...where))
    .orderBy(desc(isolationPersons.startDate), asc(isolationPersons.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const checks = await checksOf(ctx, rows.map((r) => r.person.id));
  return {
    items: rows.map((r) => toPerson(ctx, r.person, r.institutionName, checks.filter((c) => c.personId === r.person.id))),
    total: Number(total?.n ?? 0),
  };
}

export async function getPerson(ctx: Ctx, id: string): Promise<IsolationPersonDetail> {
  const actor = requirePermission(ctx, 'isolation:read');
  const { person, institutionName } = await findPerson(ctx, actor, id);
  return detail(ctx, person, institutionName);
}

/** Finds people by ID number through the blind index, inside the actor's scope. */
export async function lookupByIdNumber(ctx: Ctx, idNumber: string): Promise<{ items: IsolationPerson[]; total: number }> {
  const actor = requirePermission(ctx, 'isolation:read');
  if (!validIdNumber(idNumber)) throw badRequest('ID_NUMBER_INVALID');
  const rows = await ctx.db
    .select({ person: isolationPersons, institutionName: institutions.name })
    .from(isolationPersons)
    .innerJoin(institutions, eq(institutions.id, isolationPersons.institutionId))
    .where(and(eq(isolationPersons.idNumberIndex, blindIndex(ctx, idNumber)), personScope(actor)))
    .orderBy(desc(isolationPersons.startDate));
  const checks = await checksOf(ctx, rows.map((r) => r.person.id));
  return { items: rows.map((r) => toPerson(ctx, r.person, r.institutionName, checks.filter((c) => c.personId === r.person.id))), total: rows.length };
}

/** Records a symptom check, a test result or the hospital screening of an open isolation. */
export async function recordCheck(ctx: Ctx, id: string, input: RecordCheckInput): Promise<IsolationPersonDetail> {
  const actor = requirePermission(ctx, 'isolation:record');
  const { person, institutionName } = await findPerson(ctx, actor, id);
  if (person.status !== 'isolating') throw conflict('ISOLATION_NOT_OPEN');
  if (input.day < person.startDate) throw badRequest('ISOLATION_CHECK_BEFORE_START');
  if (input.day > businessDay(ctx.now())) throw badRequest('ISOLATION_CHECK_FUTURE');
  if (input.kind === 'screening' && !person.screeningRequired) throw badRequest('ISOLATION_SCREENING_NOT_REQUIRED');
  return withTx(ctx, async (tx) => {
    const [locked] = await tx.db.select({ status: isolationPersons.status }).from(isolationPersons).where(eq(isolationPersons.id, id)).for('update');
    if (locked?.status !== 'isolating') throw conflict('ISOLATION_NOT_OPEN');
    const checkId = randomUUID();
    await tx.db.insert(isolationChecks).values({
      id: checkId,
      personId: id,
      kind: input.kind,
      day: input.day,
      symptoms: input.symptoms ?? null,
      temperature: input.temperature === undefined ? null : input.temperature.toFixed(1),
      testResult: input.testResult ?? null,
      note: input.note ?? null,
      recordedByName: actor.name,
      createdAt: tx.now(),
    });
    if (input.kind === 'screening') await tx.db.update(isolationPersons).set({ screeningDone: true }).where(eq(isolationPersons.id, id));
    await recordAudit(tx, { action: 'isolation.check', entityType: 'isolation_person', entityId: id, regionCode: person.regionCode, details: { checkId, kind: input.kind, day: input.day } });
    const [fresh] = await tx.db.select().from(isolationPersons).where(eq(isolationPersons.id, id));
    return detail(tx, fresh!, institutionName);
  });
}

/**
 * Admission (a resident) or return to work (staff). Refused with 422 and every reason while a blocker
 * stands, unless a second user with isolation:approve confirms an override with their password and a
 * reason; the override, the approver and what was overridden are audited.
 */
export async function admit(ctx: Ctx, id: string, input: AdmitInput): Promise<IsolationPersonDetail> {
  const actor = requirePermission(ctx, 'isolation:record');
  const { person, institutionName } = await findPerson(ctx, actor, id);
  if (person.status !== 'isolating') throw conflict('ISOLATION_NOT_OPEN');
  const today = businessDay(ctx.now());
  const blockersOf = async (c: Ctx, p: PersonRow) => admissionBlockers(p, (await checksOf(c, [id])).map(checkLike), today);
  const approver = input.override && (await blockersOf(ctx, person)).length > 0 ? await verifyApprover(ctx, actor, id, person.regionCode, input.override) : null;
  return withTx(ctx, async (tx) => {
    // Decide on the locked row: a check or a policy change landing meanwhile waits for this decision.
    const [locked] = await tx.db.select().from(isolationPersons).where(eq(isolationPersons.id, id)).for('update');
    if (locked?.status !== 'isolating') throw conflict('ISOLATION_NOT_OPEN');
    const blockers = await blockersOf(tx, locked);
    if (blockers.length > 0 && !approver) throw new AppError(422, blockers[0]!.code, blockers[0]!.message, { blockers });
    const override = blockers.length > 0 && approver ? { approver, reason: redactNumbers(input.override!.reason) } : null;
    const [after] = await tx.db
      .update(isolationPersons)
      .set({
        status: 'admitted',
        admittedAt: tx.now(),
        ...(override ? { overrideById: actor.userId, overrideApproverId: override.approver.id, overrideReason: override.reason } : {}),
      })
      .where(eq(isolationPersons.id, id))
      .returning();
    await recordAudit(tx, {
      action: override ? 'isolation.override' : 'isolation.admit',
      entityType: 'isolation_person',
      entityId: id,
      regionCode: person.regionCode,
      details: {
        role: person.role,
        day: dayOfIsolation(person.startDate, today),
        requiredDays: locked.requiredDays,
        ...(override ? { approverId: override.approver.id, approverUsername: override.approver.username, reason: override.reason, overridden: blockers.map((b) => b.code) } : {}),
      },
    });
    return detail(tx, after!, institutionName);
  });
}
