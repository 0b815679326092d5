import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { like } from 'drizzle-orm';
import { addDays, businessDay, shanghaiInstant } from '../../../common/business-day';
import type { Database } from '../../db/client';
import { institutions } from '../../db/schema/institutions';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';
import { submitReport } from './daily-reports.service';
import { trend, trendFromRaw } from './trend.service';

let database: Database;
let app: FastifyInstance;
let county: Session;
const today = businessDay(new Date());
const checklist = { closedManagement: true, noFever: true, noNewAdmissions: true };

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  const officer = await makeUser(database, { username: 'hhg', role: 'officer', regionCode: '520302000000' });
  const ctx = ctxFor(database, officer);
  await seedInstitutions(
    ctxFor(
      database,
      await makeUser(database, { username: 'seed', role: 'officer', regionCode: '000000000000' }),
    ),
  );
  const insts = await database.db
    .select()
    .from(institutions)
    .where(like(institutions.regionCode, '520302%'))
    .orderBy(institutions.name);
  // Three days back: 5 on time, then 3 late with figures; two days back: 2 zero reports.
  for (const [n, inst] of insts.slice(0, 8).entries()) {
    const date = addDays(today, -3);
    const at = { ...ctx, now: () => shanghaiInstant(date, n < 5 ? '10:00' : '20:00') };
    const body =
      n % 2
        ? { institutionId: inst.id, date, kind: 'zero' as const, signer: '值班员', checklist }
        : {
            institutionId: inst.id,
            date,
            kind: 'report' as const,
            figures: {
              residentsPresent: 10,
              staffOnSite: 4,
              staffLivingIn: 2,
              admissions: 0,
              discharges: 0,
              temperatureChecks: 14,
              feverCount: n,
              suspectedCases: 0,
              confirmedCases: 0,
              isolatedCount: 0,
              testsDone: 3,
              positives: 0,
              disinfectionDone: true,
              visitorsRefused: 0,
            },
          };
    await submitReport(at, body);
  }
  for (const inst of insts.slice(0, 2))
    await submitReport(ctx, {
      institutionId: inst.id,
      date: addDays(today, -2),
      kind: 'zero',
      signer: '值班员',
      checklist,
    });
  await makeUser(database, { username: 'admin', role: 'system_admin', regionCode: '000000000000' });
  app = await testApp(database);
  county = await login(app, 'hhg');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('GET /api/daily-reports/trend', () => {
  it('returns one row per day with expected, submitted, missing, late and figure sums, equal to the raw rows', async () => {
    const from = addDays(today, -4);
    const res = await call(
      app,
      county,
      'GET',
      `/api/daily-reports/trend?region=520302000000&from=${from}&to=${today}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.days.map((d: { date: string }) => d.date)).toEqual(
      [0, 1, 2, 3, 4].map((n) => addDays(from, n)),
    );
    const d3 = body.days[1];
    expect(d3).toMatchObject({
      expected: 12,
      submitted: 8,
      onTime: 5,
      late: 3,
      missing: 4,
      zero: 4,
      reports: 4,
    });
    expect(d3.figures.feverCount).toBe(0 + 2 + 4 + 6);
    expect(body.days[2]).toMatchObject({ submitted: 2, missing: 10 });
    expect(body.days[0]).toMatchObject({ expected: 12, submitted: 0, missing: 12 });
    const official = (
      await call(
        app,
        county,
        'GET',
        `/api/daily-reports/trend?region=520302000000&from=${from}&to=${today}&view=official`,
      )
    ).json();
    expect(official.days[1]).toMatchObject({ submitted: 5, late: 0, missing: 7 });
    const ctx = ctxFor(database, {
      id: '00000000-0000-0000-0000-000000000001',
      username: 'x',
      role: 'officer',
      regionCode: '000000000000',
    });
    for (const region of ['000000000000', '520000000000', '520302000000'])
      for (const view of ['live', 'official'] as const)
        expect(await trend(ctx, { region, from, to: today, view })).toEqual(
          await trendFromRaw(ctx, { region, from, to: today, view }),
        );
  });

  it('refuses a range over 90 days or upside down (400), a user without reports:read (403), a region out of scope (404)', async () => {
    const long = await call(
      app,
      county,
      'GET',
      `/api/daily-reports/trend?region=520302000000&from=${addDays(today, -90)}&to=${today}`,
    );
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('TREND_RANGE_INVALID');
    expect(
      (
        await call(app, county, 'GET', `/api/daily-reports/trend?from=${today}&to=${addDays(today, -1)}`)
      ).json().code,
    ).toBe('TREND_RANGE_INVALID');
    expect((await call(app, county, 'GET', `/api/daily-reports/trend?from=notaday`)).statusCode).toBe(400);
    const admin = await login(app, 'admin');
    expect((await call(app, admin, 'GET', '/api/daily-reports/trend?region=520302000000')).statusCode).toBe(
      403,
    );
    const other = await call(app, county, 'GET', '/api/daily-reports/trend?region=520327000000');
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('REGION_NOT_FOUND');
    expect(
      (
        await call(
          app,
          county,
          'GET',
          `/api/daily-reports/trend?region=520302000000&from=${addDays(today, -89)}&to=${today}`,
        )
      ).statusCode,
    ).toBe(200);
  });
});
