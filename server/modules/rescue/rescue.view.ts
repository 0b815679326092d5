import { and, asc, desc, eq, inArray, lte, ne, or, sql } from 'drizzle-orm';
import type { Help, Placement, RescuePerson, RescuePersonDetail } from '../../../common/contracts/rescue';
import type { RescueHelpKind } from '../../../common/enums';
import { maskIdNumber, maskName } from '../../../common/id-card';
import { maskPhone } from '../../../common/phone';
import { COUNTRY_CODE, isWithin, parentCode, regionLevel } from '../../../common/region-code';
import { assertRegionInScope, inScope } from '../../core/access';
import type { Actor, Ctx } from '../../core/context';
import { decrypt } from '../../core/crypto';
import { badRequest, notFound } from '../../core/errors';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { rescueHelps, rescuePersons, rescuePlacements } from '../../db/schema/rescue';
import { earlierWarning } from './rescue.rules';

// The response forms of the rescue module: masked persons with their help, placements and earlier rescues.

export type PersonRow = typeof rescuePersons.$inferSelect;

const RESCUE_LEVELS = ['county', 'town', 'village'];
export function assertRescueRegion(actor: Actor, code: string): void {
  assertRegionInScope(actor, code);
  if (!RESCUE_LEVELS.includes(regionLevel(code))) throw badRequest('RESCUE_REGION_LEVEL');
}
export function assertNotFuture(ctx: Ctx, at: Date): void {
  if (at.getTime() > ctx.now().getTime() + 60_000) throw badRequest('RESCUE_FUTURE_TIME');
}

/** "遵义市红花岗区老城街道" for each code: the names from the city down (province and country left out). */
export async function regionPaths(ctx: Ctx, codes: string[]): Promise<Map<string, string>> {
  const chains = new Map(codes.map((c) => [c, chainOf(c)]));
  const all = [...new Set([...chains.values()].flat())];
  if (all.length === 0) return new Map();
  const rows = await ctx.db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(inArray(regions.code, all));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return new Map(
    [...chains].map(([code, chain]) => {
      const names = chain
        .map((c) => byCode.get(c))
        .filter((r) => r && r.level !== 'province' && r.level !== 'country');
      return [code, names.map((r) => r!.name).join('') || code];
    }),
  );
}
function chainOf(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c && c !== COUNTRY_CODE; c = parentCode(c)) out.unshift(c);
  return out;
}

function toPerson(ctx: Ctx, p: PersonRow, regionName: string, helpKinds: RescueHelpKind[]): RescuePerson {
  const k = ctx.secrets.encryptionKey;
  return {
    id: p.id,
    regionCode: p.regionCode,
    regionName,
    patrolId: p.patrolId,
    hotlineCallId: p.hotlineCallId,
    source: p.source,
    category: p.category,
    nameMasked: p.nameEnc ? maskName(decrypt(k, p.nameEnc)) : null,
    approxAge: p.approxAge,
    minor: p.minor,
    sex: p.sex,
    idNumberMasked: p.idNumberEnc ? maskIdNumber(decrypt(k, p.idNumberEnc)) : null,
    phoneMasked: p.phoneEnc ? maskPhone(decrypt(k, p.phoneEnc)) : null,
    foundPlace: p.foundPlace,
    foundAt: p.foundAt.toISOString(),
    condition: p.condition,
    status: p.status,
    closedReason: p.closedReason,
    helpKinds,
    createdByName: p.createdByName,
    createdAt: p.createdAt.toISOString(),
  };
}

/** Masked persons with their region paths and the kinds of help they had. */
export async function toPersons(ctx: Ctx, rows: PersonRow[]): Promise<RescuePerson[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const helps = await ctx.db
    .selectDistinct({ personId: rescueHelps.personId, kind: rescueHelps.kind })
    .from(rescueHelps)
    .where(inArray(rescueHelps.personId, ids));
  const paths = await regionPaths(ctx, [...new Set(rows.map((r) => r.regionCode))]);
  return rows.map((r) =>
    toPerson(
      ctx,
      r,
      paths.get(r.regionCode) ?? r.regionCode,
      helps.filter((h) => h.personId === r.id).map((h) => h.kind),
    ),
  );
}

/** A person in the actor's scope, or 404. */
export async function findPerson(ctx: Ctx, actor: Actor, id: string): Promise<PersonRow> {
  const [row] = await ctx.db
    .select()
    .from(rescuePersons)
    .where(and(eq(rescuePersons.id, id), inScope(actor, rescuePersons.regionCode)));
  if (!row) throw notFound('RESCUE_PERSON_NOT_FOUND');
  return row;
}

/** Earlier rescues of the same ID number or phone, in every region on purpose (newest first). */
async function earlierOf(ctx: Ctx, actor: Actor, p: PersonRow) {
  if (!p.idNumberIndex && !p.phoneIndex) return [];
  const same = or(
    p.idNumberIndex ? eq(rescuePersons.idNumberIndex, p.idNumberIndex) : sql`false`,
    p.phoneIndex ? eq(rescuePersons.phoneIndex, p.phoneIndex) : sql`false`,
  );
  const rows = await ctx.db
    .select({
      id: rescuePersons.id,
      regionCode: rescuePersons.regionCode,
      foundAt: rescuePersons.foundAt,
      status: rescuePersons.status,
    })
    .from(rescuePersons)
    .where(and(same, ne(rescuePersons.id, p.id), lte(rescuePersons.foundAt, p.foundAt)))
    .orderBy(desc(rescuePersons.foundAt))
    .limit(20);
  const paths = await regionPaths(ctx, [...new Set(rows.map((r) => r.regionCode))]);
  return rows.map((r) => ({
    ...r,
    regionName: paths.get(r.regionCode) ?? r.regionCode,
    personId: isWithin(r.regionCode, actor.regionCode) ? r.id : null,
  }));
}

export async function personDetail(ctx: Ctx, actor: Actor, p: PersonRow): Promise<RescuePersonDetail> {
  const [person] = await toPersons(ctx, [p]);
  const helps = await ctx.db
    .select()
    .from(rescueHelps)
    .where(eq(rescueHelps.personId, p.id))
    .orderBy(asc(rescueHelps.createdAt));
  const placements = await ctx.db
    .select({ pl: rescuePlacements, institutionName: institutions.name })
    .from(rescuePlacements)
    .leftJoin(institutions, eq(institutions.id, rescuePlacements.institutionId))
    .where(eq(rescuePlacements.personId, p.id))
    .orderBy(asc(rescuePlacements.createdAt));
  const earlier = await earlierOf(ctx, actor, p);
  return {
    ...person!,
    helps: helps.map((h): Help => ({
      id: h.id,
      kind: h.kind,
      amountFen: h.amountFen,
      note: h.note,
      givenByName: h.givenByName,
      createdAt: h.createdAt.toISOString(),
    })),
    placements: placements.map(({ pl, institutionName }): Placement => ({
      id: pl.id,
      kind: pl.kind,
      institutionId: pl.institutionId,
      institutionName,
      isolationPersonId: pl.isolationPersonId,
      awaitingScreening: pl.isolationPersonId !== null && pl.confirmedAt === null,
      note: pl.note,
      placedByName: pl.placedByName,
      createdAt: pl.createdAt.toISOString(),
      confirmedAt: pl.confirmedAt?.toISOString() ?? null,
    })),
    earlier: earlier.map((e) => ({
      regionCode: e.regionCode,
      regionName: e.regionName,
      foundAt: e.foundAt.toISOString(),
      status: e.status,
      personId: e.personId,
    })),
    warning: earlierWarning(earlier),
  };
}
