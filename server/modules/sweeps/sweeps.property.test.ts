import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../db/client';
import { emergencyResponses } from '../../db/schema/emergency';
import { hotlineCalls } from '../../db/schema/hotline';
import { sweepContacts, sweeps } from '../../db/schema/sweeps';
import { CONTACT_OUTCOMES, type BeneficiaryProgramme, type ContactOutcome, type ResponseLevel } from '../../../common/enums';
import { scopePrefix } from '../../../common/region-code';
import { ctxFor, seedTestRegions, testDatabase, testSecrets } from '../../test/db';
import { insertHouseholds, insertVillages, phoneIndexOf, type FixtureHousehold } from './sweeps.fixtures';
import { referenceWorklist, type RefHousehold } from './sweeps.rules';
import { coverage } from './sweeps.coverage';
import { risksOfFlags, worklistSql, type WorklistRow } from './sweeps.worklist';

let database: Database;
const COUNTY = '620503000000';
const REGIONS = ['620503101201', '620503101202', '620503100201', '620503101000', '620503100000'];
const PHONES = ['13900000001', '13900000002', '13900000003', '13900000004'];
const PROGRAMMES: BeneficiaryProgramme[] = ['urban_dibao', 'rural_dibao', 'tekun_dispersed'];
const AS_OF = new Date('2026-03-15T04:00:00Z');
const DAY = 86_400_000;
const officer = { id: randomUUID(), username: 'mj_off', role: 'officer' as const, regionCode: COUNTY };

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await insertVillages(database.db, [
    { code: '620503101201', name: '甘泉村' },
    { code: '620503101202', name: '南山村' },
    { code: '620503100201', name: '社棠村' },
  ]);
});
afterAll(() => database.close());

const member = fc.record({
  // Around the 80th-birthday cutoff (1946-03-15) and far from it.
  birthDate: fc.constantFrom('1946-03-14', '1946-03-15', '1946-03-16', '1930-07-01', '1960-01-01', '2012-12-31'),
  disability: fc.boolean(),
  phone: fc.option(fc.constantFrom(...PHONES), { nil: null }),
});
const household = fc.record({
  id: fc.uuid({ version: 4 }),
  regionCode: fc.constantFrom(...REGIONS),
  programme: fc.constantFrom(...PROGRAMMES),
  status: fc.constantFrom('active', 'active', 'suspended'),
  livingAlone: fc.boolean(),
  lastContactDaysAgo: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  members: fc.array(member, { minLength: 0, maxLength: 3 }),
  contact: fc.option(fc.constantFrom(...CONTACT_OUTCOMES), { nil: null }),
});
const world = fc.record({
  households: fc.uniqueArray(household, { minLength: 0, maxLength: 14, selector: (h) => h.id }),
  calls: fc.array(fc.record({ phone: fc.constantFrom(...PHONES), daysAgo: fc.integer({ min: 0, max: 40 }) }), { maxLength: 4 }),
  responses: fc.array(fc.record({ region: fc.constantFrom(COUNTY, ...REGIONS), level: fc.constantFrom<ResponseLevel>('none', 'IV', 'III', 'II', 'I') }), { maxLength: 4 }),
  programmes: fc.subarray(PROGRAMMES, { minLength: 1 }),
  region: fc.constantFrom(COUNTY, '620503101000', '620503101201'),
  noContactDays: fc.integer({ min: 1, max: 45 }),
  hotlineDays: fc.integer({ min: 1, max: 30 }),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

async function load(w: World): Promise<string> {
  await database.db.execute(sql`truncate sweep_contacts, sweeps, beneficiary_members, beneficiary_households, hotline_calls, emergency_responses cascade`);
  const fixtures: FixtureHousehold[] = w.households.map((h) => ({
    ...h,
    lastContactAt: h.lastContactDaysAgo === null ? null : new Date(AS_OF.getTime() - h.lastContactDaysAgo * DAY - 3_600_000),
  }));
  await insertHouseholds(database.db, testSecrets, fixtures);
  for (const c of w.calls) {
    await database.db.insert(hotlineCalls).values({
      id: randomUUID(), regionCode: REGIONS[0]!, townCode: '620503101000', callerNameEnc: 'x', callerPhoneEnc: 'x', callerPhoneIndex: phoneIndexOf(testSecrets, c.phone),
      addressEnc: 'x', category: 'economic', urgency: 'normal', content: 'x', takenById: randomUUID(), takenByName: 'x',
      verifyDueAt: AS_OF, createdAt: new Date(AS_OF.getTime() - c.daysAgo * DAY - 3_600_000),
    });
  }
  for (const r of w.responses) {
    await database.db.insert(emergencyResponses).values({ id: randomUUID(), regionCode: r.region, level: r.level, previousLevel: 'none', setByName: 'x', effectiveAt: AS_OF });
  }
  const sweepId = randomUUID();
  await database.db.insert(sweeps).values({ id: sweepId, regionCode: COUNTY, name: 'p', programmes: w.programmes, noContactDays: w.noContactDays, hotlineDays: w.hotlineDays, startedById: officer.id, startedByName: 'x', startedAt: AS_OF });
  let at = AS_OF.getTime();
  for (const h of w.households) {
    if (!h.contact) continue;
    // An earlier, different outcome first: only the latest contact counts.
    for (const outcome of [CONTACT_OUTCOMES[(CONTACT_OUTCOMES.indexOf(h.contact) + 1) % 3]!, h.contact]) {
      await database.db.insert(sweepContacts).values({ id: randomUUID(), sweepId, householdId: h.id, regionCode: h.regionCode, cadreId: officer.id, cadreName: 'x', channel: 'phone', outcome, at: new Date((at += 1000)) });
    }
  }
  return sweepId;
}

/** Regions closed by the newest response per region being II or I. */
function closedOf(w: World): Set<string> {
  const newest = new Map<string, ResponseLevel>();
  for (const r of w.responses) newest.set(r.region, r.level);
  return new Set([...newest].filter(([, l]) => l === 'II' || l === 'I').map(([c]) => c));
}

describe('sweep worklist and coverage against a household-by-household recount', () => {
  it('orders and flags the worklist exactly like the per-household rule', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const sweepId = await load(w);
        const got = await rows<WorklistRow>(
          database.db,
          worklistSql({ sweepId, programmes: w.programmes, sweepRegion: COUNTY, region: w.region, scope: '6205', asOf: AS_OF, noContactDays: w.noContactDays, hotlineDays: w.hotlineDays }),
        );
        const ref = referenceWorklist({
          households: w.households.map((h): RefHousehold => ({
            ...h,
            lastContactAt: h.lastContactDaysAgo === null ? null : new Date(AS_OF.getTime() - h.lastContactDaysAgo * DAY - 3_600_000),
            members: h.members.map((m) => ({ birthDate: m.birthDate, disability: m.disability, phoneIndex: m.phone ? phoneIndexOf(testSecrets, m.phone) : null })),
          })),
          programmes: w.programmes,
          region: w.region,
          asOf: AS_OF,
          noContactDays: w.noContactDays,
          hotlineDays: w.hotlineDays,
          calls: w.calls.map((c) => ({ phoneIndex: phoneIndexOf(testSecrets, c.phone), at: new Date(AS_OF.getTime() - c.daysAgo * DAY - 3_600_000) })),
          closedRegions: closedOf(w),
          contacted: new Set(w.households.filter((h) => h.contact).map((h) => h.id)),
        });
        expect(got.map((r) => ({ id: r.id, regionCode: r.region_code, risks: risksOfFlags(r.flags), score: Number(r.score) }))).toEqual(ref);
        // The bare worklist (no display columns, as the benchmark runs it) is the same list.
        const bare = await rows<WorklistRow>(
          database.db,
          worklistSql({ sweepId, programmes: w.programmes, sweepRegion: COUNTY, region: w.region, scope: '6205', asOf: AS_OF, noContactDays: w.noContactDays, hotlineDays: w.hotlineDays, display: false }),
        );
        expect(bare.map((r) => [r.id, Number(r.flags), Number(r.score)])).toEqual(got.map((r) => [r.id, Number(r.flags), Number(r.score)]));
        // Split in two code ranges at a village of the list (as the benchmark splits the country), the parts
        // in code order are the same list.
        const split = got[Math.floor(got.length / 2)]?.region_code ?? COUNTY;
        const after = (BigInt(split) + 1n).toString().padStart(12, '0');
        const parts: Array<readonly [string, string]> = [['000000000000', split], [after, '999999999999']];
        const joined: WorklistRow[] = [];
        for (const codeRange of parts) {
          joined.push(
            ...(await rows<WorklistRow>(
              database.db,
              worklistSql({ sweepId, programmes: w.programmes, sweepRegion: COUNTY, region: w.region, scope: '6205', asOf: AS_OF, noContactDays: w.noContactDays, hotlineDays: w.hotlineDays, display: false, codeRange }),
            )),
          );
        }
        expect(joined.map((r) => [r.id, Number(r.flags), Number(r.score)])).toEqual(bare.map((r) => [r.id, Number(r.flags), Number(r.score)]));
      }),
      { numRuns: 40 },
    );
  });

  it('counts coverage per child region exactly like a recount of the raw contacts', async () => {
    const ctx = ctxFor(database, officer);
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const sweepId = await load(w);
        const cov = await coverage(ctx, sweepId, w.region === '620503101201' ? '620503101000' : w.region);
        const inSweep = w.households.filter((h) => h.status === 'active' && w.programmes.includes(h.programme));
        const recount = (prefix: string) => {
          const hs = inSweep.filter((h) => h.regionCode.startsWith(prefix));
          const n = (o: ContactOutcome) => hs.filter((h) => h.contact === o).length;
          return { households: hs.length, contacted: hs.filter((h) => h.contact).length, fine: n('fine'), difficulty: n('difficulty'), unreachable: n('unreachable') };
        };
        const { regionCode, regionName, ...total } = cov.region;
        void regionName;
        expect(total).toEqual(recount(scopePrefix(regionCode)));
        for (const c of cov.children) expect({ ...c, regionName: undefined, regionCode: undefined }).toEqual({ ...recount(scopePrefix(c.regionCode)), regionName: undefined, regionCode: undefined });
        // Every child region with households of the sweep is listed.
        const children = (await database.db.execute(sql`select code from regions where parent_code = ${regionCode}`)) as unknown as { rows: Array<{ code: string }> };
        const expected = children.rows.map((c) => c.code).filter((c) => recount(scopePrefix(c)).households > 0).sort();
        expect(cov.children.map((c) => c.regionCode)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
