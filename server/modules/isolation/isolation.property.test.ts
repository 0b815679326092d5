import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq, like } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import type { Database } from '../../db/client';
import { institutions } from '../../db/schema/institutions';
import { isolationPersons, isolationPolicies } from '../../db/schema/isolation';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { makeUser } from '../../test/http';
import { setPolicy } from './isolation.policy';
import { admissionBlockers, dayOfIsolation, DEFAULT_ISOLATION_DAYS, earliestRelease, periodMet, policyInForce, regionChain, type CheckLike } from './isolation.rules';
import { registerPerson } from './isolation.service';

const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const at = (d: string, n = 0) => ({ createdAt: new Date(Date.parse(`${d}T08:00:00Z`) + n) });
const clean = (start: string, today: string): CheckLike[] => [
  { kind: 'test', day: today > start ? today : addDays(start, 1), symptoms: null, temperature: null, testResult: 'negative', ...at(today) },
  { kind: 'symptom', day: today, symptoms: false, temperature: 36.6, testResult: null, ...at(today) },
];

describe('the isolation clock', () => {
  it('counts the start day as day 1: with 14 days, day 13 and 14 are refused and day 15 is allowed', () => {
    const start = '2022-09-01';
    const blockersOn = (n: number) => admissionBlockers({ startDate: start, requiredDays: 14, screeningRequired: false, screeningDone: false }, clean(start, addDays(start, n - 1)), addDays(start, n - 1));
    expect(dayOfIsolation(start, '2022-09-13')).toBe(13);
    expect(blockersOn(13).map((b) => b.code)).toEqual(['ISOLATION_PERIOD_NOT_MET']);
    expect(blockersOn(14).map((b) => b.code)).toEqual(['ISOLATION_PERIOD_NOT_MET']);
    expect(blockersOn(15)).toEqual([]);
    expect(earliestRelease(start, 14)).toBe('2022-09-15');
  });

  it('the period has run exactly when today is past the last required day, for any start and length', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 90 }), (start, required, offset) => {
        const today = addDays(start, offset);
        expect(dayOfIsolation(start, today)).toBe(offset + 1);
        expect(periodMet(start, required, today)).toBe(dayOfIsolation(start, today) > required);
        const blockers = admissionBlockers({ startDate: start, requiredDays: required, screeningRequired: false, screeningDone: false }, clean(start, today), today);
        expect(blockers.length === 0).toBe(offset >= required && today > start);
      }),
    );
  });

  it('decides on the latest test after the start and the latest symptom check, whatever the recording order', () => {
    const check = fc.record({
      kind: fc.constantFrom('test', 'symptom'),
      offset: fc.integer({ min: 0, max: 20 }),
      bad: fc.boolean(),
      n: fc.nat(1_000),
    });
    fc.assert(
      fc.property(day, fc.array(check, { maxLength: 8 }), (start, raw) => {
        const today = addDays(start, 30);
        const checks: CheckLike[] = raw.map((c) => ({
          kind: c.kind,
          day: addDays(start, c.offset),
          symptoms: c.kind === 'symptom' ? c.bad : null,
          temperature: null,
          testResult: c.kind === 'test' ? (c.bad ? 'positive' : 'negative') : null,
          ...at(addDays(start, c.offset), c.n),
        }));
        const order = (a: CheckLike, b: CheckLike) => a.day.localeCompare(b.day) || a.createdAt.getTime() - b.createdAt.getTime();
        const lastTest = checks.filter((c) => c.kind === 'test' && c.day > start).sort(order).at(-1);
        const lastSymptom = checks.filter((c) => c.kind === 'symptom').sort(order).at(-1);
        const codes = admissionBlockers({ startDate: start, requiredDays: 14, screeningRequired: false, screeningDone: false }, [...checks].reverse(), today).map((b) => b.code);
        expect(codes.includes('ISOLATION_NEGATIVE_TEST_MISSING')).toBe(!lastTest);
        expect(codes.includes('ISOLATION_TEST_POSITIVE')).toBe(lastTest?.testResult === 'positive');
        expect(codes.includes('ISOLATION_SYMPTOM_CHECK_MISSING')).toBe(!lastSymptom);
        expect(codes.includes('ISOLATION_SYMPTOMS_PRESENT')).toBe(lastSymptom?.symptoms === true);
      }),
    );
  });

  it('the policy in force is the latest effective one of the nearest region that has one', () => {
    const town = '520302001000';
    const chain = regionChain(town);
    expect(chain).toEqual(['520302001000', '520302000000', '520300000000', '520000000000', '000000000000']);
    const policy = fc.record({ regionCode: fc.constantFrom(...chain, '520302002000', '520327000000'), effectiveFrom: day, days: fc.integer({ min: 1, max: 30 }) });
    fc.assert(
      fc.property(fc.uniqueArray(policy, { selector: (p) => `${p.regionCode}|${p.effectiveFrom}`, maxLength: 12 }), day, (policies, on) => {
        const applicable = policies.filter((p) => chain.includes(p.regionCode) && p.effectiveFrom <= on);
        applicable.sort((a, b) => chain.indexOf(a.regionCode) - chain.indexOf(b.regionCode) || b.effectiveFrom.localeCompare(a.effectiveFrom));
        expect(policyInForce(policies, town, on)?.days ?? DEFAULT_ISOLATION_DAYS).toBe(applicable[0]?.days ?? DEFAULT_ISOLATION_DAYS);
      }),
    );
  });
});

describe('recomputing open clocks', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
    await seedTestRegions(database);
    await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  });
  afterAll(async () => {
    await database.close();
  });

  it('after any sequence of policy changes every open person needs exactly the days in force for their region', async () => {
    const ctx = ctxFor(database, await makeUser(database, { username: 'nat_off', role: 'officer', regionCode: '000000000000' }));
    const homes = await database.db.select().from(institutions).where(like(institutions.regionCode, '5203%'));
    const today = businessDay(new Date());
    const regionsOf = [...new Set(homes.flatMap((h) => regionChain(h.regionCode)))];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('person' as const), pick: fc.nat(), back: fc.integer({ min: 0, max: 20 }) }),
            fc.record({ op: fc.constant('policy' as const), pick: fc.nat(), days: fc.integer({ min: 1, max: 21 }), back: fc.integer({ min: 0, max: 3 }) }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (ops) => {
          for (const o of ops) {
            if (o.op === 'person') {
              const h = homes[o.pick % homes.length]!;
              await registerPerson(ctx, { institutionId: h.id, role: 'staff', reason: 'returning', name: '测试人员', startDate: addDays(today, -o.back) });
            } else {
              await setPolicy(ctx, { regionCode: regionsOf[o.pick % regionsOf.length]!, days: o.days, effectiveFrom: addDays(today, -o.back), reason: '性质测试' });
            }
          }
          const policies = await database.db.select().from(isolationPolicies);
          const open = await database.db.select().from(isolationPersons).where(eq(isolationPersons.status, 'isolating'));
          for (const p of open) expect(p.requiredDays, p.regionCode).toBe(policyInForce(policies, p.regionCode, today)?.days ?? DEFAULT_ISOLATION_DAYS);
        },
      ),
      { numRuns: 15 },
    );
  });
});
