import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, like, sql } from 'drizzle-orm';
import { addDays, businessDay, shanghaiInstant } from '../../../common/business-day';
import type { Figures } from '../../../common/contracts/daily-reports';
import { INSTITUTION_STATUSES, type InstitutionStatus } from '../../../common/enums';
import type { Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { rows, type Database } from '../../db/client';
import { dailyReports } from '../../db/schema/daily-reports';
import { institutions } from '../../db/schema/institutions';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { makeUser } from '../../test/http';
import { issueOrder, liftOrder } from '../emergency/emergency.orders';
import { createInstitution, setStatus, updateInstitution } from '../institutions/institutions.service';
import { completeness, completenessFromRaw } from './completeness.service';
import { correctReport, submitReport } from './daily-reports.service';

let database: Database;
let officer: Ctx;
/** Four business days starting tomorrow (the demo registers its institutions back in 2020). */
const BASE = addDays(businessDay(new Date()), 1);
const DAYS = [0, 1, 2, 3].map((n) => addDays(BASE, n));
/** Towns of two Guizhou counties and one of Gansu, where new institutions appear and old ones move. */
let towns: string[] = [];
const LEVELS = ['000000000000', '520000000000', '520300000000', '520302000000', '620000000000'];

const at = (day: string, late: boolean) => ({
  ...officer,
  now: () => shanghaiInstant(day, late ? '20:15' : '09:30'),
});
const figures = (f: number[]): Figures => ({
  residentsPresent: f[0]!,
  staffOnSite: 10,
  staffLivingIn: 3,
  admissions: f[1]!,
  discharges: 0,
  temperatureChecks: 40,
  feverCount: f[2]!,
  suspectedCases: 0,
  confirmedCases: f[3]! % 2,
  isolatedCount: f[3]!,
  testsDone: 20,
  positives: f[1]! % 3,
  disinfectionDone: true,
  visitorsRefused: 1,
});
const checklist = { closedManagement: true, noFever: true, noNewAdmissions: true };

/** Runs one service verb; refusals (4xx) are part of a random workload, anything else fails the test. */
async function attempt(fn: () => Promise<unknown>): Promise<void> {
  await fn().catch((e: unknown) => {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
  });
}

const figureArb = fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 4, maxLength: 4 });
const op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('submit' as const),
      i: fc.nat(),
      d: fc.nat(3),
      kind: fc.constantFrom('report', 'zero', 'not_applicable'),
      late: fc.boolean(),
      f: figureArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('correct' as const),
      i: fc.nat(),
      late: fc.boolean(),
      f: figureArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('status' as const),
      i: fc.nat(),
      d: fc.nat(3),
      status: fc.constantFrom<InstitutionStatus>(...INSTITUTION_STATUSES, 'closed', 'closed'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('create' as const),
      town: fc.nat(),
      d: fc.integer({ min: -1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('move' as const), i: fc.nat(), town: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('order' as const), i: fc.nat(), d: fc.nat(3), lift: fc.boolean() }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

let created = 0;
async function run(o: Op): Promise<void> {
  const all = await database.db.select().from(institutions).orderBy(institutions.id);
  const inst = 'i' in o ? all[o.i % all.length]! : all[0]!;
  switch (o.t) {
    case 'submit': {
      const date = DAYS[o.d]!;
      const input =
        o.kind === 'report'
          ? { institutionId: inst.id, date, kind: 'report' as const, figures: figures(o.f) }
          : o.kind === 'zero'
            ? { institutionId: inst.id, date, kind: 'zero' as const, signer: '值班员', checklist }
            : { institutionId: inst.id, date, kind: 'not_applicable' as const, reason: '暂停服务' };
      return attempt(() => submitReport(at(date, o.late), input));
    }
    case 'correct': {
      const reps = await database.db.select().from(dailyReports).orderBy(dailyReports.id);
      const r = reps[o.i % Math.max(1, reps.length)];
      if (!r) return;
      const input =
        r.kind === 'report'
          ? { version: r.version, figures: figures(o.f), correctionReason: '复核更正' }
          : { version: r.version, signer: '复核人', correctionReason: '复核更正' };
      return attempt(() => correctReport(at(r.day, o.late), r.id, input));
    }
    case 'status':
      return attempt(() =>
        setStatus(officer, inst.id, { status: o.status, effectiveFrom: DAYS[o.d]!, reason: '随机状态变更' }),
      );
    case 'create': {
      const town = towns[o.town % towns.length]!;
      const input = {
        name: `随机机构${created++}`,
        type: 'elderly_care' as const,
        regionCode: town,
        address: '测试地址',
        beds: 10,
        residents: 8,
        housesTekun: false,
        staff: 3,
        responsiblePerson: '李四',
        responsiblePhone: '13800000001',
      };
      return attempt(() => createInstitution(officer, input, { registeredOn: addDays(BASE, o.d) }));
    }
    case 'move':
      return attempt(() =>
        updateInstitution(officer, inst.id, {
          version: inst.version,
          regionCode: towns[o.town % towns.length]!,
        }),
      );
    case 'order':
      return attempt(async () => {
        const order = await issueOrder(officer, {
          regionCode: inst.regionCode,
          institutionIds: [inst.id],
          startsOn: DAYS[o.d]!,
          reason: '随机封闭管理',
        });
        if (o.lift) await liftOrder(at(DAYS[o.d]!, false), order.id, { reason: '随机解除' });
      });
  }
}

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  const user = await makeUser(database, { username: 'nation', role: 'officer', regionCode: '000000000000' });
  officer = ctxFor(database, user);
  await seedInstitutions(officer);
  const t = await rows<{ code: string }>(
    database.db,
    sql`select code from regions where level = 'town' and (code like '520302%' or code like '520321%' or code like '6201%') order by code`,
  );
  towns = t.map((r) => r.code).filter((_, n) => n % 3 === 0);
});
afterAll(async () => {
  await database.close();
});

describe('town roll-ups', () => {
  it('equal the raw recomputation exactly at every level, live and official, after random workloads', async () => {
    // Read one day before any writes, so its roster exists first and is kept by refreshRoster.
    await completeness(officer, { region: '520000000000', date: DAYS[0], view: 'live' });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
        for (const o of ops) await run(o);
        for (const date of DAYS)
          for (const region of LEVELS)
            for (const view of ['live', 'official'] as const) {
              const got = await completeness(officer, { region, date, view });
              const want = await completenessFromRaw(officer, { region, date, view });
              expect(got, `${region} ${date} ${view}`).toEqual(want);
            }
      }),
      { numRuns: 12 },
    );
    const [{ n }] = (await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from daily_reports`,
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(5);
  }, 300_000);

  it('keeps the town level exact (the county children) after a move between counties', async () => {
    const [inst] = await database.db
      .select()
      .from(institutions)
      .where(like(institutions.regionCode, '520302%'))
      .limit(1);
    const date = DAYS[1]!;
    await attempt(() =>
      submitReport(at(date, false), {
        institutionId: inst!.id,
        date,
        kind: 'zero',
        signer: '值班员',
        checklist,
      }),
    );
    const gansu = towns.find((c) => c.startsWith('62'))!;
    await updateInstitution(officer, inst!.id, { version: inst!.version, regionCode: gansu });
    for (const region of ['520302000000', gansu.slice(0, 6).padEnd(12, '0'), '000000000000'])
      expect(await completeness(officer, { region, date, view: 'live' })).toEqual(
        await completenessFromRaw(officer, { region, date, view: 'live' }),
      );
    const [moved] = await database.db
      .select()
      .from(dailyReports)
      .where(and(eq(dailyReports.institutionId, inst!.id), eq(dailyReports.day, date)));
    expect(moved).toBeDefined();
  });
});
