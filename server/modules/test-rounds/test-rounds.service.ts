import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type { PlanRoundInput, RecordResultAnswer, RecordResultInput, Round, RoundResult } from '../../../common/contracts/test-rounds';
import type { InstitutionType } from '../../../common/enums';
import { parentCode, regionLevel, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { badRequest, notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { testRoundResults, testRounds } from '../../db/schema/test-rounds';
import { institutionScope, statusOnSql } from '../institutions/institutions.scope';
import { findInstitution } from '../institutions/institutions.service';
import { regionExists } from '../regions/regions.service';
import { resultsAddUp, resultWarnings, roundState, testedOf } from './test-rounds.rules';

export type RoundRow = typeof testRounds.$inferSelect;
type ResultRow = typeof testRoundResults.$inferSelect;

/** The institutions a round covers: its region, its types, registered by its end, not closed at its start. */
export function memberSql(round: Pick<RoundRow, 'regionCode' | 'types' | 'startsOn' | 'endsOn'>): SQL {
  return and(
    like(institutions.regionCode, `${scopePrefix(round.regionCode)}%`),
    inArray(institutions.type, round.types as InstitutionType[]),
    sql`${institutions.registeredOn} <= ${round.endsOn}::date`,
    sql`${statusOnSql(round.startsOn)} <> 'closed'`,
  )!;
}

/** Rounds an actor sees: those planned inside their scope, and those planned above them that cover them. */
function roundVisible(actor: Actor): SQL {
  const ancestors: string[] = [];
  for (let c: string | null = actor.regionCode; c; c = parentCode(c)) ancestors.push(c);
  return or(inScope(actor, testRounds.regionCode), inArray(testRounds.regionCode, ancestors))!;
}

export async function findRound(ctx: Ctx, actor: Actor, id: string): Promise<RoundRow> {
  const [row] = await ctx.db.select().from(testRounds).where(and(eq(testRounds.id, id), roundVisible(actor)));
  if (!row) throw notFound('TEST_ROUND_NOT_FOUND');
  return row;
}

async function regionName(db: Db, code: string): Promise<string> {
  const [r] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, code));
  return r?.name ?? code;
}

export function toRound(r: RoundRow, name: string, today: string): Round {
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: name,
    name: r.name,
    types: r.types as InstitutionType[],
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    state: roundState(r.startsOn, r.endsOn, today),
    carriedFromId: r.carriedFromId,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  };
}

export function toResult(r: ResultRow): RoundResult {
  return {
    roundId: r.roundId,
    institutionId: r.institutionId,
    regionCode: r.regionCode,
    residentsTested: r.residentsTested,
    staffTested: r.staffTested,
    negative: r.negative,
    positive: r.positive,
    notTested: r.notTested as RoundResult['notTested'],
    recordedAt: r.recordedAt.toISOString(),
    recordedByName: r.recordedByName,
  };
}

/**
 * Plans a round. The previous round of the same region (the latest one starting on or before this one's
 * start) becomes its predecessor: the people that round missed are carried over and listed on this one.
 */
export async function planRound(ctx: Ctx, input: PlanRoundInput): Promise<Round> {
  const actor = requirePermission(ctx, 'tests:plan');
  assertRegionInScope(actor, input.regionCode);
  if (!(await regionExists(ctx.db, input.regionCode))) throw notFound('REGION_NOT_FOUND');
  if (regionLevel(input.regionCode) === 'village') throw badRequest('TEST_ROUND_REGION_LEVEL');
  if (input.endsOn < input.startsOn) throw badRequest('TEST_ROUND_WINDOW');
  const [members] = await ctx.db
    .select({ n: count() })
    .from(institutions)
    .where(and(memberSql(input), institutionScope(actor)));
  if (!members || Number(members.n) === 0) throw badRequest('TEST_ROUND_NO_INSTITUTIONS');
  return withTx(ctx, async (tx) => {
    // Serialise plans of one region, so "the previous round" is always the one just before.
    await tx.db.execute(sql`select pg_advisory_xact_lock(727003, hashtext(${input.regionCode}))`);
    const [previous] = await tx.db
      .select({ id: testRounds.id })
      .from(testRounds)
      .where(and(eq(testRounds.regionCode, input.regionCode), lte(testRounds.startsOn, input.startsOn)))
      .orderBy(desc(testRounds.startsOn), desc(testRounds.createdAt))
      .limit(1);
    const [carried] = previous
      ? await tx.db
          .select({ n: sql<number>`coalesce(sum(jsonb_array_length(${testRoundResults.notTested})), 0)::int` })
          .from(testRoundResults)
          .where(eq(testRoundResults.roundId, previous.id))
      : [];
    const row: RoundRow = {
      id: randomUUID(),
      regionCode: input.regionCode,
      name: input.name,
      types: input.types,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      carriedFromId: previous?.id ?? null,
      createdById: actor.userId,
      createdByName: actor.name,
      createdAt: tx.now(),
    };
    await tx.db.insert(testRounds).values(row);
    await recordAudit(tx, {
      action: 'test_round.plan',
      entityType: 'test_round',
      entityId: row.id,
      regionCode: input.regionCode,
      details: { ...input, institutions: Number(members.n), carriedFromId: row.carriedFromId, carriedOver: Number(carried?.n ?? 0) },
    });
    return toRound(row, await regionName(tx.db, input.regionCode), businessDay(tx.now()));
  });
}

/**
 * Records (or replaces) an institution's results in a round: by its reporter, or by an officer on its
 * behalf. negative + positive must equal the people tested; more people tested than the institution's
 * registered residents + staff is only a warning.
 */
export async function recordResult(ctx: Ctx, roundId: string, input: RecordResultInput): Promise<RecordResultAnswer> {
  const actor = requirePermission(ctx, 'tests:record');
  const round = await findRound(ctx, actor, roundId);
  const inst = await findInstitution(ctx, actor, input.institutionId);
  const [member] = await ctx.db
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(eq(institutions.id, inst.id), memberSql(round)));
  if (!member) throw badRequest('INSTITUTION_NOT_IN_ROUND');
  if (businessDay(ctx.now()) < round.startsOn) throw badRequest('TEST_ROUND_NOT_STARTED');
  if (!resultsAddUp(input)) {
    throw badRequest('TEST_RESULT_SUM_MISMATCH', undefined, { tested: testedOf(input), negative: input.negative, positive: input.positive });
  }
  return withTx(ctx, async (tx) => {
    const key = and(eq(testRoundResults.roundId, round.id), eq(testRoundResults.institutionId, inst.id));
    const [before] = await tx.db.select().from(testRoundResults).where(key).for('update');
    const values = {
      roundId: round.id,
      institutionId: inst.id,
      regionCode: inst.regionCode,
      residentsTested: input.residentsTested,
      staffTested: input.staffTested,
      negative: input.negative,
      positive: input.positive,
      notTested: input.notTested,
      recordedAt: tx.now(),
      recordedByName: actor.name,
    };
    const { roundId: _r, institutionId: _i, ...changes } = values;
    const [saved] = await tx.db
      .insert(testRoundResults)
      .values(values)
      .onConflictDoUpdate({ target: [testRoundResults.roundId, testRoundResults.institutionId], set: changes })
      .returning();
    await recordAudit(tx, {
      action: 'test_round.record',
      entityType: 'test_round',
      entityId: round.id,
      regionCode: inst.regionCode,
      details: {
        institutionId: inst.id,
        tested: testedOf(input),
        negative: input.negative,
        positive: input.positive,
        notTested: input.notTested.length,
        onBehalf: actor.institutionId !== inst.id,
        replaced: before ? { tested: testedOf(before), positive: before.positive, recordedAt: before.recordedAt.toISOString() } : null,
      },
    });
    return { result: toResult(saved!), warnings: resultWarnings(input, inst.residents + inst.staff) };
  });
}

export async function listRounds(ctx: Ctx, region?: string): Promise<{ items: Round[] }> {
  const actor = requirePermission(ctx, 'tests:read');
  const where: SQL[] = [roundVisible(actor)];
  if (region) {
    assertRegionInScope(actor, region);
    const ancestors: string[] = [];
    for (let c: string | null = region; c; c = parentCode(c)) ancestors.push(c);
    where.push(or(like(testRounds.regionCode, `${scopePrefix(region)}%`), inArray(testRounds.regionCode, ancestors))!);
  }
  const rows = await ctx.db
    .select({ r: testRounds, regionName: regions.name })
    .from(testRounds)
    .leftJoin(regions, eq(regions.code, testRounds.regionCode))
    .where(and(...where))
    .orderBy(desc(testRounds.startsOn), desc(testRounds.createdAt))
    .limit(500);
  const today = businessDay(ctx.now());
  return { items: rows.map(({ r, regionName: n }) => toRound(r, n ?? r.regionCode, today)) };
}
