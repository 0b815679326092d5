import { redactNumbers } from '../../../common/redact';
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, like, sql, sum, type SQL } from 'drizzle-orm';
import type {
  ApplyInput,
  Counts,
  CreateHouseholdInput,
  Household,
  HouseholdDetail,
  HouseholdQuery,
  Revealed,
  StatusChangeInput,
} from '../../../common/contracts/beneficiaries';
import { businessDay } from '../../../common/business-day';
import { maskIdNumber, maskName } from '../../../common/id-card';
import { maskPhone } from '../../../common/phone';
import { regionLevel, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { decrypt } from '../../core/crypto';
import { AppError, badRequest, notFound } from '../../core/errors';
import { householdEvents, householdMembers, households } from '../../db/schema/beneficiaries';
import { regions } from '../../db/schema/regions';
import { ageOn, idIndex, maskAddress, openFinances, STATUS_FROM } from './beneficiaries.rules';
import { insertHouseholds, registeredIdIndexes } from './beneficiaries.write';

type HouseholdRow = typeof households.$inferSelect;
type MemberRow = typeof householdMembers.$inferSelect;

/** The region of a new household: in scope, a town or a village, and known. */
async function checkRegion(ctx: Ctx, actor: Actor, code: string): Promise<void> {
  assertRegionInScope(actor, code);
  const level = regionLevel(code);
  if (level !== 'town' && level !== 'village') throw badRequest('BENEFICIARY_REGION_LEVEL');
  const [r] = await ctx.db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  if (!r) throw notFound('REGION_NOT_FOUND');
}

/** 409 naming the first member already registered (by position and masked name). */
async function assertMembersNew(ctx: Ctx, members: CreateHouseholdInput['members']): Promise<void> {
  const indexes = members.map((m) => idIndex(ctx.secrets, m.idNumber));
  const taken = await registeredIdIndexes(ctx.db, indexes);
  const i = indexes.findIndex((ix) => taken.has(ix));
  if (i >= 0) {
    const m = members[i]!;
    throw new AppError(
      409,
      'BENEFICIARY_MEMBER_EXISTS',
      `第 ${i + 1} 位成员（${maskName(m.name)}，${maskIdNumber(m.idNumber)}）已在救助对象库中登记`,
      {
        member: i,
        field: `members.${i}.idNumber`,
      },
    );
  }
}

async function register(
  ctx: Ctx,
  input: CreateHouseholdInput | ApplyInput,
  kind: 'create' | 'apply',
): Promise<HouseholdDetail> {
  const actor = requirePermission(ctx, 'beneficiaries:manage');
  await checkRegion(ctx, actor, input.regionCode);
  await assertMembersNew(ctx, input.members);
  const id = await withTx(ctx, async (tx) => {
    const note = kind === 'apply' ? ((input as ApplyInput).note ?? '受理申请') : '登记在保';
    const [hid] = await insertHouseholds(tx, [input], kind === 'apply' ? 'applied' : 'active', note);
    await recordAudit(tx, {
      action: `beneficiary.${kind}`,
      entityType: 'beneficiary_household',
      entityId: hid!,
      regionCode: input.regionCode,
      details: { programme: input.programme, members: input.members.length, finances: !!input.finances },
    });
    return hid!;
  });
  return getHousehold(ctx, id);
}

/** Registers an active household directly (exactly one head; every member new to the registry). */
export const createHousehold = (ctx: Ctx, input: CreateHouseholdInput) => register(ctx, input, 'create');

/** An application for 低保 or 特困: the household starts as `applied` and waits for review. */
export const applyHousehold = (ctx: Ctx, input: ApplyInput) => register(ctx, input, 'apply');

const head = (members: MemberRow[]) => members.find((m) => m.relation === 'head') ?? members[0];

function toHousehold(
  ctx: Ctx,
  h: HouseholdRow,
  regionName: string | null,
  headRow: MemberRow | undefined,
): Household {
  const k = ctx.secrets.encryptionKey;
  return {
    id: h.id,
    regionCode: h.regionCode,
    regionName: regionName ?? h.regionCode,
    townCode: h.townCode,
    address: maskAddress(decrypt(k, h.addressEnc)),
    programme: h.programme,
    status: h.status,
    memberCount: h.memberCount,
    livingAlone: h.livingAlone,
    headName: headRow ? maskName(decrypt(k, headRow.nameEnc)) : '',
    headIdNumber: headRow ? maskIdNumber(decrypt(k, headRow.idNumberEnc)) : '',
    createdByName: h.createdByName,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}

/** Households in scope: an exact lookup by ID number (blind index, audited) or a page by region, programme, status. */
export async function listHouseholds(
  ctx: Ctx,
  q: HouseholdQuery,
): Promise<{ items: Household[]; total: number }> {
  const actor = requirePermission(ctx, 'beneficiaries:read');
  const where: SQL[] = [inScope(actor, households.regionCode)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(like(households.regionCode, `${scopePrefix(q.region)}%`));
  }
  if (q.programme) where.push(eq(households.programme, q.programme));
  if (q.status) where.push(eq(households.status, q.status));
  if (q.idNumber) {
    const ids = ctx.db
      .select({ id: householdMembers.householdId })
      .from(householdMembers)
      .where(eq(householdMembers.idNumberIndex, idIndex(ctx.secrets, q.idNumber)));
    where.push(inArray(households.id, ids));
  }
  const [total] = await ctx.db
    .select({ n: count() })
    .from(households)
    .where(and(...where));
  const rows = await ctx.db
    .select({ h: households, regionName: regions.name })
    .from(households)
    .leftJoin(regions, eq(regions.code, households.regionCode))
    .where(and(...where))
    .orderBy(asc(households.regionCode), desc(households.createdAt), asc(households.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const heads = await membersOf(
    ctx,
    rows.map((r) => r.h.id),
    true,
  );
  if (q.idNumber) {
    await withTx(ctx, (tx) =>
      recordAudit(tx, {
        action: 'beneficiary.lookup',
        entityType: 'beneficiary_household',
        details: { matches: rows.length },
      }),
    );
  }
  return {
    items: rows.map((r) => toHousehold(ctx, r.h, r.regionName, head(heads.get(r.h.id) ?? []))),
    total: Number(total?.n ?? 0),
  };
}

async function membersOf(ctx: Ctx, ids: string[], headsOnly: boolean): Promise<Map<string, MemberRow[]>> {
  const out = new Map<string, MemberRow[]>();
  if (ids.length === 0) return out;
  const where = headsOnly
    ? and(inArray(householdMembers.householdId, ids), eq(householdMembers.relation, 'head'))
    : inArray(householdMembers.householdId, ids);
  const rows = await ctx.db
    .select()
    .from(householdMembers)
    .where(where)
    .orderBy(asc(householdMembers.createdAt), asc(householdMembers.id));
  for (const m of rows) out.set(m.householdId, [...(out.get(m.householdId) ?? []), m]);
  return out;
}

async function householdInScope(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ h: HouseholdRow; regionName: string | null }> {
  const [row] = await ctx.db
    .select({ h: households, regionName: regions.name })
    .from(households)
    .leftJoin(regions, eq(regions.code, households.regionCode))
    .where(and(eq(households.id, id), inScope(actor, households.regionCode)));
  if (!row) throw notFound('BENEFICIARY_NOT_FOUND');
  return row;
}

const RELATION_ORDER = { head: 0, spouse: 1, parent: 2, child: 3, other: 4 } as const;

/** A household with its members (masked) and its status history. */
export async function getHousehold(ctx: Ctx, id: string): Promise<HouseholdDetail> {
  const actor = requirePermission(ctx, 'beneficiaries:read');
  const { h, regionName } = await householdInScope(ctx, actor, id);
  const members = ((await membersOf(ctx, [id], false)).get(id) ?? []).sort(
    (a, b) => RELATION_ORDER[a.relation] - RELATION_ORDER[b.relation],
  );
  const events = await ctx.db
    .select()
    .from(householdEvents)
    .where(eq(householdEvents.householdId, id))
    .orderBy(asc(householdEvents.at), asc(householdEvents.id));
  const k = ctx.secrets.encryptionKey;
  const today = businessDay(ctx.now());
  return {
    ...toHousehold(ctx, h, regionName, head(members)),
    financesRecorded: h.financesEnc !== null,
    members: members.map((m) => ({
      id: m.id,
      name: maskName(decrypt(k, m.nameEnc)),
      idNumber: maskIdNumber(decrypt(k, m.idNumberEnc)),
      phone: m.phoneEnc ? maskPhone(decrypt(k, m.phoneEnc)) : null,
      relation: m.relation,
      age: ageOn(m.birthDate, today),
      disability: m.disability,
    })),
    events: events.map((e) => ({ status: e.status, note: e.note, byName: e.byName, at: e.at.toISOString() })),
  };
}

/**
 * The plaintext address, names, ID numbers, phones and declared finances, with `personal:reveal` and a
 * reason; audited.
 */
export async function revealHousehold(ctx: Ctx, id: string, reason: string): Promise<Revealed> {
  const actor = requirePermission(ctx, 'personal:reveal');
  requirePermission(ctx, 'beneficiaries:read');
  const { h } = await householdInScope(ctx, actor, id);
  const members = (await membersOf(ctx, [id], false)).get(id) ?? [];
  await withTx(ctx, (tx) =>
    recordAudit(tx, {
      action: 'beneficiary.reveal',
      entityType: 'beneficiary_household',
      entityId: id,
      regionCode: h.regionCode,
      details: { reason: redactNumbers(reason), finances: h.financesEnc !== null },
    }),
  );
  const k = ctx.secrets.encryptionKey;
  return {
    address: decrypt(k, h.addressEnc),
    finances: openFinances(ctx.secrets, h.financesEnc),
    members: members.map((m) => ({
      id: m.id,
      name: decrypt(k, m.nameEnc),
      idNumber: decrypt(k, m.idNumberEnc),
      phone: m.phoneEnc ? decrypt(k, m.phoneEnc) : null,
    })),
  };
}

/**
 * Moves a household to `to` when its status is one of `from` (a conditional update, so two officers
 * cannot both act on the same state), with a history event and an audit row in one transaction.
 */
export async function transition(
  ctx: Ctx,
  actor: Actor,
  id: string,
  step: {
    to: HouseholdRow['status'];
    from: readonly HouseholdRow['status'][];
    note: string;
    action: string;
    details?: Record<string, unknown>;
  },
): Promise<HouseholdDetail> {
  const { h } = await householdInScope(ctx, actor, id);
  await withTx(ctx, async (tx) => {
    const now = tx.now();
    const [row] = await tx.db
      .update(households)
      .set({ status: step.to, updatedAt: now, version: sql`${households.version} + 1` })
      .where(and(eq(households.id, id), inArray(households.status, [...step.from])))
      .returning({ id: households.id });
    if (!row) throw new AppError(409, 'BENEFICIARY_STATUS_CHANGE', undefined, { status: h.status });
    await tx.db
      .insert(householdEvents)
      .values({
        id: randomUUID(),
        householdId: id,
        status: step.to,
        note: step.note,
        byId: actor.userId,
        byName: actor.name,
        at: now,
      });
    await recordAudit(tx, {
      action: step.action,
      entityType: 'beneficiary_household',
      entityId: id,
      regionCode: h.regionCode,
      details: { from: h.status, to: step.to, ...step.details },
    });
  });
  return getHousehold(ctx, id);
}

/** Suspend, exit or reinstate an enrolled household, with a reason kept in its history. */
export async function changeStatus(ctx: Ctx, id: string, input: StatusChangeInput): Promise<HouseholdDetail> {
  const actor = requirePermission(ctx, 'beneficiaries:manage');
  return transition(ctx, actor, id, {
    to: input.status,
    from: STATUS_FROM[input.status],
    note: redactNumbers(input.reason),
    action: 'beneficiary.status',
    details: { reason: redactNumbers(input.reason) },
  });
}

/** Households and persons per programme and status under a region (persons = sum of member counts). */
export async function countHouseholds(ctx: Ctx, region?: string): Promise<Counts> {
  const actor = requirePermission(ctx, 'beneficiaries:read');
  const code = region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const rows = await ctx.db
    .select({
      programme: households.programme,
      status: households.status,
      households: count(),
      persons: sum(households.memberCount),
    })
    .from(households)
    .where(and(inScope(actor, households.regionCode), like(households.regionCode, `${scopePrefix(code)}%`)))
    .groupBy(households.programme, households.status)
    .orderBy(households.programme, households.status);
  const out = rows.map((r) => ({
    programme: r.programme,
    status: r.status,
    households: Number(r.households),
    persons: Number(r.persons ?? 0),
  }));
  return {
    regionCode: code,
    households: out.reduce((a, r) => a + r.households, 0),
    persons: out.reduce((a, r) => a + r.persons, 0),
    rows: out,
  };
}
