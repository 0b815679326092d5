import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { count, eq, like, sql } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import type { Figures } from '../../../common/contracts/daily-reports';
import { scopePrefix } from '../../../common/region-code';
import type { Database } from '../../db/client';
import { dailyReports } from '../../db/schema/daily-reports';
import { institutions } from '../../db/schema/institutions';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { completeness } from './completeness.service';
import { isExpected } from './daily-reports.rules';
import { setDeadline, submitReport } from './daily-reports.service';
import { statusOn } from '../institutions/institutions.rules';
import { institutionStatusEvents } from '../../db/schema/institutions';

let database: Database;
let app: FastifyInstance;
let hhg: Session;
let city: Session;
let province: Session;
let hhgUser: TestUser;
let hhgInsts: Array<typeof institutions.$inferSelect>;
const today = businessDay(new Date());

const figures = (over: Partial<Figures> = {}): Figures => ({
  residentsPresent: 40,
  staffOnSite: 10,
  staffLivingIn: 8,
  admissions: 0,
  discharges: 0,
  temperatureChecks: 50,
  feverCount: 0,
  suspectedCases: 0,
  confirmedCases: 0,
  isolatedCount: 0,
  testsDone: 50,
  positives: 0,
  disinfectionDone: true,
  visitorsRefused: 2,
  ...over,
});
const zero = { kind: 'zero', signer: '王建国', checklist: { closedManagement: true, noFever: true, noNewAdmissions: true } };

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  hhgUser = await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'zunyi_lead', role: 'leader', regionCode: '520300000000' });
  await makeUser(database, { username: 'gz_lead', role: 'leader', regionCode: '520000000000' });
  hhgInsts = await database.db.select().from(institutions).where(like(institutions.regionCode, '520302%')).orderBy(institutions.name);
  app = await testApp(database);
  hhg = await login(app, 'hhg_off');
  city = await login(app, 'zunyi_lead');
  province = await login(app, 'gz_lead');
  // Every report today is on time.
  await setDeadline(ctxFor(database, hhgUser), '520302000000', '23:59');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('daily reports of 红花岗区', () => {
  it('12 institutions: reports, zero reports, one not applicable (closed today), one missing -> 11/12 at every level', async () => {
    expect(hhgInsts).toHaveLength(12);
    const towns = (await call(app, city, 'GET', '/api/regions/520300000000/children')).json();
    expect(towns.items.find((r: { code: string }) => r.code === '520302000000').counts.institutions).toBe(12);
    const closed = hhgInsts.find((i) => i.type === 'funeral')!;
    const silent = hhgInsts.find((i) => i.type === 'day_care')!;
    expect((await call(app, hhg, 'POST', `/api/institutions/${closed.id}/status`, { status: 'closed', reason: '停业整顿' })).statusCode).toBe(200);
    const others = hhgInsts.filter((i) => i !== closed && i !== silent);
    for (const [n, inst] of others.entries()) {
      const body = n % 2 === 0 ? { institutionId: inst.id, date: today, kind: 'report', figures: figures({ residentsPresent: 10 + n }) } : { institutionId: inst.id, date: today, ...zero };
      const res = await call(app, hhg, 'POST', '/api/daily-reports', body);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().onBehalf).toBe(true);
    }
    const na = await call(app, hhg, 'POST', '/api/daily-reports', { institutionId: closed.id, date: today, kind: 'not_applicable', reason: '已停业' });
    expect(na.statusCode, na.body).toBe(201);

    const county = (await call(app, hhg, 'GET', `/api/daily-reports/completeness?region=520302000000&date=${today}`)).json();
    expect(county).toMatchObject({ expected: 12, submitted: 11, zero: 5, reports: 5, notApplicable: 1, missing: 1, onTime: 11, late: 0, unexpected: 0 });
    const residents = others.reduce((sum, _i, n) => sum + (n % 2 === 0 ? 10 + n : 0), 0);
    expect(county.figures.residentsPresent).toBe(residents);

    const perInstitution = (await call(app, hhg, 'GET', `/api/daily-reports/institutions?region=520302000000&date=${today}`)).json();
    expect(perInstitution.items).toHaveLength(12);
    expect(perInstitution.items.filter((i: { report: unknown }) => i.report).length).toBe(11);
    expect(perInstitution.items.find((i: { institutionId: string }) => i.institutionId === closed.id)).toMatchObject({ status: 'closed', statusReason: '停业整顿', expected: true });
    const missing = (await call(app, hhg, 'GET', `/api/daily-reports/missing?region=520302000000&date=${today}`)).json();
    expect(missing.items).toHaveLength(1);
    expect(missing.items[0]).toMatchObject({ institutionId: silent.id, responsiblePhone: silent.responsiblePhone });

    const cityView = (await call(app, city, 'GET', `/api/daily-reports/completeness?region=520300000000&date=${today}`)).json();
    const child = cityView.children.find((c: { regionCode: string }) => c.regionCode === '520302000000');
    expect(child).toMatchObject({ expected: 12, submitted: 11, missing: 1 });
    expect(child.figures).toEqual(county.figures);
    const xlsx = await call(app, city, 'GET', `/api/daily-reports/completeness/export?region=520300000000&date=${today}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const provinceView = (await call(app, province, 'GET', `/api/daily-reports/completeness?region=520000000000&date=${today}`)).json();
    const zunyi = provinceView.children.find((c: { regionCode: string }) => c.regionCode === '520300000000');
    expect(zunyi.submitted).toBe(cityView.submitted);
    expect(zunyi.figures).toEqual(cityView.figures);
  });

  it('refuses a second submission (409), replays an Idempotency-Key and refuses the key with another body (422)', async () => {
    const inst = hhgInsts.find((i) => i.type === 'day_care')!;
    const body = { institutionId: inst.id, date: today, ...zero };
    const first = await call(app, hhg, 'POST', '/api/daily-reports', body, { 'idempotency-key': 'key-zero-0001' });
    expect(first.statusCode).toBe(201);
    const again = await call(app, hhg, 'POST', '/api/daily-reports', body, { 'idempotency-key': 'key-zero-0001' });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    const other = await call(app, hhg, 'POST', '/api/daily-reports', { ...body, signer: '李四' }, { 'idempotency-key': 'key-zero-0001' });
    expect(other.statusCode).toBe(422);
    const dup = await call(app, hhg, 'POST', '/api/daily-reports', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('REPORT_ALREADY_SUBMITTED');
  });

  it('leaves exactly one row after 20 concurrent submissions', async () => {
    const inst = hhgInsts.find((i) => i.type === 'day_care')!;
    const day = addDays(today, -1);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => call(app, hhg, 'POST', '/api/daily-reports', { institutionId: inst.id, date: day, ...zero, signer: `签认人${n}` })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(19);
    const [n] = await database.db.select({ n: count() }).from(dailyReports).where(sql`${dailyReports.institutionId} = ${inst.id} and ${dailyReports.day} = ${day}`);
    expect(Number(n!.n)).toBe(1);
  });

  it('validates with Chinese messages per field', async () => {
    const inst = hhgInsts[0]!;
    const bad = await call(app, hhg, 'POST', '/api/daily-reports', { institutionId: inst.id, date: addDays(today, -2), kind: 'report', figures: figures({ positives: 5, testsDone: 3, feverCount: -1 }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.figures.feverCount']));
    const future = await call(app, hhg, 'POST', '/api/daily-reports', { institutionId: inst.id, date: addDays(today, 1), ...zero });
    expect(future.json().code).toBe('REPORT_FUTURE_DATE');
    const old = await call(app, hhg, 'POST', '/api/daily-reports', { institutionId: inst.id, date: addDays(today, -30), ...zero });
    expect(old.json().code).toBe('REPORT_OUTSIDE_WINDOW');
    const feverZero = await call(app, hhg, 'POST', '/api/daily-reports', { institutionId: inst.id, date: addDays(today, -2), ...zero, checklist: { ...zero.checklist, noFever: false } });
    expect(feverZero.statusCode).toBe(400);
    const na = await call(app, hhg, 'POST', '/api/daily-reports', { institutionId: inst.id, date: addDays(today, -2), kind: 'not_applicable', reason: '无' + '理由' });
    expect(na.json().code).toBe('NOT_APPLICABLE_NOT_ALLOWED');
  });

  it('counts late submissions as late and keeps them out of the frozen official figures; a late correction needs a reason', async () => {
    const inst = hhgInsts[1]!;
    const day = addDays(today, -3);
    const res = await call(app, hhg, 'POST', '/api/daily-reports', { institutionId: inst.id, date: day, kind: 'report', figures: figures({ feverCount: 2 }) });
    expect(res.json()).toMatchObject({ onTime: false });
    const live = (await call(app, hhg, 'GET', `/api/daily-reports/completeness?region=520302000000&date=${day}`)).json();
    const official = (await call(app, hhg, 'GET', `/api/daily-reports/completeness?region=520302000000&date=${day}&view=official`)).json();
    expect(live.late).toBeGreaterThanOrEqual(1);
    expect(live.figures.feverCount).toBeGreaterThanOrEqual(2);
    expect(official.figures.feverCount).toBe(live.figures.feverCount - 2);
    expect(official.missing).toBe(official.expected - official.submitted + official.unexpected);
    expect(official.missing).toBeGreaterThan(0);
    const noReason = await call(app, hhg, 'PATCH', `/api/daily-reports/${res.json().id}`, { version: 1, figures: figures() });
    expect(noReason.json().code).toBe('CORRECTION_REASON_REQUIRED');
    const fixed = await call(app, hhg, 'PATCH', `/api/daily-reports/${res.json().id}`, { version: 1, figures: figures(), correctionReason: '体温计误差，复测正常' });
    expect(fixed.json()).toMatchObject({ version: 2, correctionReason: '体温计误差，复测正常' });
  });

  it('keeps another county out (404) and shows a reporter only their own institution', async () => {
    await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
    const fg = await login(app, 'fg_off');
    const res = await call(app, fg, 'POST', '/api/daily-reports', { institutionId: hhgInsts[0]!.id, date: today, ...zero });
    expect(res.statusCode).toBe(404);
    expect((await call(app, fg, 'GET', '/api/daily-reports/completeness?region=520302000000')).statusCode).toBe(404);
    const own = hhgInsts[2]!;
    await makeUser(database, { username: 'rep2', role: 'reporter', regionCode: own.regionCode });
    await database.db.execute(sql`update users set institution_id = ${own.id} where username = 'rep2'`);
    const rep = await login(app, 'rep2');
    expect((await call(app, rep, 'POST', '/api/daily-reports', { institutionId: hhgInsts[3]!.id, date: addDays(today, -4), ...zero })).statusCode).toBe(404);
    const mine = await call(app, rep, 'POST', '/api/daily-reports', { institutionId: own.id, date: addDays(today, -4), ...zero });
    expect(mine.json().onBehalf).toBe(false);
  });
});

describe('roll-up', () => {
  it('equals a recomputation from the raw rows after random workloads, at every level', async () => {
    const all = await database.db.select().from(institutions);
    const seeder = await makeUser(database, { username: 'nat_off', role: 'officer', regionCode: '000000000000' });
    const ctx = ctxFor(database, seeder);
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ pick: fc.nat(), kind: fc.constantFrom('report', 'zero'), fever: fc.integer({ min: 0, max: 5 }) }), { maxLength: 25 }),
        fc.constantFrom('000000000000', '520000000000', '520300000000', '520302000000', '620000000000'),
        async (subs, region) => {
          const day = addDays(today, -5 - (round++ % 2));
          for (const s of subs) {
            const inst = all[s.pick % all.length]!;
            const input = s.kind === 'report' ? { institutionId: inst.id, date: day, kind: 'report' as const, figures: figures({ feverCount: s.fever }) } : { institutionId: inst.id, date: day, kind: 'zero' as const, signer: '签认', checklist: zero.checklist };
            await submitReport(ctx, input).catch((e: { code?: string }) => {
              if (e.code !== 'REPORT_ALREADY_SUBMITTED') throw e;
            });
          }
          const got = await completeness(ctx, { region, date: day, view: 'live' });
          const reports = await database.db.select().from(dailyReports).where(eq(dailyReports.day, day));
          const events = await database.db.select().from(institutionStatusEvents);
          const oracle = (code: string) => {
            const insts = all.filter((i) => i.regionCode.startsWith(scopePrefix(code)) && i.registeredOn <= day);
            let expected = 0;
            let submitted = 0;
            let fever = 0;
            for (const i of insts) {
              const evs = events.filter((e) => e.institutionId === i.id);
              const status = statusOn(evs, day, i.registeredOn);
              const last = evs.filter((e) => e.effectiveFrom <= day).sort((a, b) => (a.effectiveFrom + a.seq).localeCompare(b.effectiveFrom + b.seq)).pop();
              if (isExpected(day, i.registeredOn, status, last?.effectiveFrom ?? null)) expected++;
              const r = reports.find((x) => x.institutionId === i.id);
              if (r) {
                submitted++;
                fever += Number((r.figures as { feverCount?: number } | null)?.feverCount ?? 0);
              }
            }
            return { expected, submitted, fever };
          };
          const want = oracle(region);
          expect({ expected: got.expected, submitted: got.submitted, fever: got.figures.feverCount }).toEqual(want);
          for (const c of got.children) {
            const w = oracle(c.regionCode);
            expect({ expected: c.expected, submitted: c.submitted, fever: c.figures.feverCount }).toEqual(w);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
