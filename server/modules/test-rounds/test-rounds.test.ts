import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { and, eq, like, sql } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import { RESIDENTIAL_TYPES, type InstitutionType } from '../../../common/enums';
import { scopePrefix } from '../../../common/region-code';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { institutions, institutionStatusEvents } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { testRoundResults } from '../../db/schema/test-rounds';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';
import { statusOn } from '../institutions/institutions.rules';
import { getRound } from './test-rounds.coverage';
import { planRound, recordResult } from './test-rounds.service';

let database: Database;
let app: FastifyInstance;
let hhg: Session;
let fg: Session;
let city: Session;
let rep: Session;
let town: Session;
let insts: Array<typeof institutions.$inferSelect>;
let home: typeof institutions.$inferSelect;
const today = businessDay(new Date());
const residential = [...RESIDENTIAL_TYPES];

const audits = (action: string) => database.db.select().from(auditLog).where(eq(auditLog.action, action));
const ok = (tested: number, positive = 0) => ({ residentsTested: tested, staffTested: 0, negative: tested - positive, positive, notTested: [] });

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  insts = await database.db.select().from(institutions).where(like(institutions.regionCode, '520302%')).orderBy(institutions.name);
  home = insts.find((i) => i.type === 'elderly_care')!;
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  await makeUser(database, { username: 'zunyi_lead', role: 'leader', regionCode: '520300000000' });
  await makeUser(database, { username: 'town_off', role: 'town_officer', regionCode: home.regionCode });
  await makeUser(database, { username: 'rep', role: 'reporter', regionCode: home.regionCode });
  await database.db.execute(sql`update users set institution_id = ${home.id} where username = 'rep'`);
  app = await testApp(database);
  hhg = await login(app, 'hhg_off');
  fg = await login(app, 'fg_off');
  city = await login(app, 'zunyi_lead');
  rep = await login(app, 'rep');
  town = await login(app, 'town_off');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('test rounds of 红花岗区', () => {
  let roundId: string;
  const plan = { regionCode: '520302000000', name: '第一轮全员核酸检测', types: residential, startsOn: addDays(today, -1), endsOn: addDays(today, 2) };

  it('a county officer plans a round; others may not (403) or cannot see the county (404); the plan is audited', async () => {
    expect((await call(app, rep, 'POST', '/api/test-rounds', plan)).statusCode).toBe(403);
    expect((await call(app, city, 'POST', '/api/test-rounds', plan)).statusCode).toBe(403);
    expect((await call(app, fg, 'POST', '/api/test-rounds', plan)).statusCode).toBe(404);
    const bad = await call(app, hhg, 'POST', '/api/test-rounds', { ...plan, endsOn: addDays(today, -3) });
    expect(bad.json().code).toBe('TEST_ROUND_WINDOW');
    expect((await call(app, hhg, 'POST', '/api/test-rounds', { ...plan, extra: 1 })).statusCode).toBe(400);
    const res = await call(app, hhg, 'POST', '/api/test-rounds', plan);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ regionName: '红花岗区', state: 'in_progress', carriedFromId: null });
    roundId = res.json().id;
    const [audit] = await audits('test_round.plan');
    expect(audit).toMatchObject({ entityId: roundId, regionCode: '520302000000', actorUsername: 'hhg_off' });
    expect(audit!.details).toMatchObject({ institutions: 8, carriedOver: 0 });
  });

  it('the reporter records for their institution, an officer on behalf of another; both audited', async () => {
    const mine = await call(app, rep, 'POST', `/api/test-rounds/${roundId}/results`, {
      institutionId: home.id,
      residentsTested: home.residents - 1,
      staffTested: home.staff,
      negative: home.residents - 1 + home.staff,
      positive: 0,
      notTested: [{ who: 'resident', label: '3号楼12床', reason: '住院治疗' }],
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ result: { institutionId: home.id, recordedByName: 'rep' }, warnings: [] });
    const other = insts.find((i) => i.type === 'child_welfare')!;
    const onBehalf = await call(app, hhg, 'POST', `/api/test-rounds/${roundId}/results`, { institutionId: other.id, ...ok(other.residents + other.staff + 5, 1) });
    expect(onBehalf.statusCode).toBe(200);
    expect(onBehalf.json().warnings.map((w: { code: string }) => w.code)).toEqual(['TESTED_EXCEEDS_HEADCOUNT']);
    const rows = await audits('test_round.record');
    expect(rows.map((r) => [r.actorUsername, (r.details as { onBehalf: boolean }).onBehalf])).toEqual([
      ['rep', false],
      ['hhg_off', true],
    ]);
    // Recording again replaces the result and says what it replaced.
    const again = await call(app, hhg, 'POST', `/api/test-rounds/${roundId}/results`, { institutionId: other.id, ...ok(other.residents + other.staff) });
    expect(again.json().warnings).toEqual([]);
    expect((await audits('test_round.record'))[2]!.details).toMatchObject({ replaced: { tested: other.residents + other.staff + 5, positive: 1 } });
  });

  it('refuses results that do not add up, institutions outside the round, other institutions and other counties', async () => {
    const sum = await call(app, rep, 'POST', `/api/test-rounds/${roundId}/results`, { institutionId: home.id, residentsTested: 10, staffTested: 2, negative: 10, positive: 1 });
    expect(sum.statusCode).toBe(400);
    expect(sum.json()).toMatchObject({ code: 'TEST_RESULT_SUM_MISMATCH', details: { tested: 12 } });
    const registry = insts.find((i) => i.type === 'marriage_registry')!;
    expect((await call(app, hhg, 'POST', `/api/test-rounds/${roundId}/results`, { institutionId: registry.id, ...ok(2) })).json().code).toBe('INSTITUTION_NOT_IN_ROUND');
    const other = insts.find((i) => i.type === 'rescue_station')!;
    expect((await call(app, rep, 'POST', `/api/test-rounds/${roundId}/results`, { institutionId: other.id, ...ok(2) })).statusCode).toBe(404);
    expect((await call(app, fg, 'POST', `/api/test-rounds/${roundId}/results`, { institutionId: other.id, ...ok(2) })).statusCode).toBe(404);
    expect((await call(app, fg, 'GET', `/api/test-rounds/${roundId}`)).statusCode).toBe(404);
    expect((await call(app, city, 'POST', `/api/test-rounds/${roundId}/results`, { institutionId: other.id, ...ok(2) })).statusCode).toBe(403);
    const later = (await call(app, hhg, 'POST', '/api/test-rounds', { ...plan, name: '下周复检', startsOn: addDays(today, 7), endsOn: addDays(today, 8) })).json();
    expect(later.state).toBe('planned');
    expect((await call(app, hhg, 'POST', `/api/test-rounds/${later.id}/results`, { institutionId: other.id, ...ok(2) })).json().code).toBe('TEST_ROUND_NOT_STARTED');
    expect((await audits('test_round.record')).length).toBe(3);
  });

  it('rolls coverage up: the county and each town, the same figures for the city, a town officer sees their town', async () => {
    const county = (await call(app, hhg, 'GET', `/api/test-rounds/${roundId}`)).json();
    const members = insts.filter((i) => residential.includes(i.type));
    const other = insts.find((i) => i.type === 'child_welfare')!;
    expect(county.coverage).toMatchObject({
      regionCode: '520302000000',
      institutions: 8,
      reported: 2,
      expected: members.reduce((s, i) => s + i.residents + i.staff, 0),
      tested: home.residents - 1 + home.staff + other.residents + other.staff,
      positive: 0,
      notTested: 1,
    });
    expect(county.coverage.children.reduce((s: number, c: { institutions: number }) => s + c.institutions, 0)).toBe(8);
    const homeTown = county.coverage.children.find((c: { regionCode: string }) => c.regionCode === home.regionCode);
    expect(homeTown.reported).toBeGreaterThanOrEqual(1);
    const cityView = (await call(app, city, 'GET', `/api/test-rounds/${roundId}?region=520302000000`)).json();
    expect(cityView.coverage).toEqual(county.coverage);
    expect((await call(app, city, 'GET', '/api/test-rounds?region=520302000000')).json().items.length).toBe(2);
    const townView = (await call(app, town, 'GET', `/api/test-rounds/${roundId}`)).json();
    expect(townView.coverage).toMatchObject({ regionCode: home.regionCode, institutions: homeTown.institutions, tested: homeTown.tested });
    const missing = (await call(app, hhg, 'GET', `/api/test-rounds/${roundId}/institutions?missing=true`)).json();
    expect(missing.items).toHaveLength(6);
    const own = (await call(app, rep, 'GET', `/api/test-rounds/${roundId}/institutions`)).json();
    expect(own.items.map((i: { institutionId: string }) => i.institutionId)).toEqual([home.id]);
  });

  it('carries the people missed into the next round of the region', async () => {
    const next = await call(app, hhg, 'POST', '/api/test-rounds', { ...plan, name: '第二轮全员核酸检测', startsOn: today, endsOn: addDays(today, 1) });
    expect(next.statusCode).toBe(201);
    // The predecessor is the round of the region that started last before it (not the one planned for next week).
    const detail = (await call(app, hhg, 'GET', `/api/test-rounds/${next.json().id}`)).json();
    expect(detail.carriedFromId).toBe(roundId);
    expect(detail.carriedOver).toEqual([{ who: 'resident', label: '3号楼12床', reason: '住院治疗', institutionId: home.id, institutionName: home.name, regionCode: home.regionCode }]);
    expect((await call(app, fg, 'GET', `/api/test-rounds/${next.json().id}`)).statusCode).toBe(404);
    await call(app, hhg, 'POST', `/api/test-rounds/${next.json().id}/results`, {
      institutionId: home.id,
      ...ok(3),
      notTested: [{ who: 'staff', label: '工号017', reason: '休假外出未返回' }],
    });
    const third = (await call(app, hhg, 'POST', '/api/test-rounds', { ...plan, name: '第三轮', startsOn: addDays(today, 1), endsOn: addDays(today, 3) })).json();
    const carried = (await call(app, rep, 'GET', `/api/test-rounds/${third.id}`)).json();
    expect(carried.carriedFromId).toBe(next.json().id);
    expect(carried.carriedOver).toEqual([{ who: 'staff', label: '工号017', reason: '休假外出未返回', institutionId: home.id, institutionName: home.name, regionCode: home.regionCode }]);
    const list = (await call(app, rep, 'GET', `/api/test-rounds/${third.id}/institutions`)).json();
    expect(list.items[0].carriedOver).toHaveLength(1);
    expect((await audits('test_round.plan')).at(-1)!.details).toMatchObject({ carriedOver: 1 });
  });
});

describe('coverage roll-up', () => {
  it('equals a recomputation from the raw rows, for random rounds and results at every level', async () => {
    const national = await makeUser(database, { username: 'nat_off', role: 'officer', regionCode: '000000000000' });
    const ctx = ctxFor(database, national);
    const all = await database.db.select().from(institutions);
    // One closed institution: it is outside every round starting after it closed.
    const closed = all.find((i) => i.regionCode.startsWith('520303') && i.type === 'elderly_care')!;
    await database.db.insert(institutionStatusEvents).values({ id: crypto.randomUUID(), institutionId: closed.id, status: 'closed', effectiveFrom: addDays(today, -10), reason: '撤并', orderedByName: 'test', createdAt: new Date() });
    const events = await database.db.select().from(institutionStatusEvents);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('520000000000', '520300000000', '520302000000', '520303000000', '620000000000'),
        fc.subarray(residential as InstitutionType[], { minLength: 1 }),
        fc.array(fc.record({ pick: fc.nat(), residents: fc.nat(60), staff: fc.nat(20), positive: fc.nat(3), missed: fc.nat(3) }), { maxLength: 25 }),
        async (regionCode, types, results) => {
          const prefix = scopePrefix(regionCode);
          const members = all.filter(
            (i) => i.regionCode.startsWith(prefix) && types.includes(i.type) && statusOn(events.filter((e) => e.institutionId === i.id), today, i.registeredOn) !== 'closed',
          );
          const planned = planRound(ctx, { regionCode, name: '性质测试', types, startsOn: today, endsOn: today });
          if (members.length === 0) {
            await expect(planned).rejects.toMatchObject({ code: 'TEST_ROUND_NO_INSTITUTIONS' });
            return;
          }
          const round = await planned;
          for (const r of results) {
            const inst = members[r.pick % members.length]!;
            const tested = r.residents + r.staff;
            const positive = Math.min(r.positive, tested);
            const notTested = Array.from({ length: r.missed }, (_, n) => ({ who: 'resident' as const, label: `${n}床`, reason: '外出' }));
            await recordResult(ctx, round.id, { institutionId: inst.id, residentsTested: r.residents, staffTested: r.staff, negative: tested - positive, positive, notTested });
          }
          const rows = await database.db.select().from(testRoundResults).where(eq(testRoundResults.roundId, round.id));
          const oracle = (code: string) => {
            const under = members.filter((i) => i.regionCode.startsWith(scopePrefix(code)));
            const res = rows.filter((r) => under.some((i) => i.id === r.institutionId));
            const sum = (f: (r: (typeof rows)[number]) => number) => res.reduce((s, r) => s + f(r), 0);
            return {
              institutions: under.length,
              reported: res.length,
              expected: under.reduce((s, i) => s + i.residents + i.staff, 0),
              tested: sum((r) => r.residentsTested + r.staffTested),
              positive: sum((r) => r.positive),
              negative: sum((r) => r.negative),
              notTested: sum((r) => r.notTested.length),
            };
          };
          const pick = (n: Record<string, unknown>) => ({
            institutions: n.institutions,
            reported: n.reported,
            expected: n.expected,
            tested: n.tested,
            positive: n.positive,
            negative: n.negative,
            notTested: n.notTested,
          });
          const detail = await getRound(ctx, round.id);
          expect(pick(detail.coverage)).toEqual(oracle(regionCode));
          const children = await database.db.select().from(regions).where(eq(regions.parentCode, regionCode));
          expect(detail.coverage.children).toHaveLength(children.length);
          for (const c of detail.coverage.children) expect(pick(c), c.regionCode).toEqual(oracle(c.regionCode));
          expect(detail.coverage.children.reduce((s, c) => s + c.tested, 0)).toBe(detail.coverage.tested);
        },
      ),
      { numRuns: 25 },
    );
    const [n] = await database.db.select({ n: sql<number>`count(*)::int` }).from(testRoundResults).where(and(eq(testRoundResults.institutionId, closed.id)));
    expect(n!.n).toBe(0);
  });
});
