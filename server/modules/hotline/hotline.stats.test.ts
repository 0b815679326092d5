import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TakeCallInput } from '../../../common/contracts/hotline';
import type { Database } from '../../db/client';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { callInput } from './hotline.fixtures';
import { takeCall } from './hotline.service';

let database: Database;
let app: FastifyInstance;
let operatorUser: TestUser;
let county: Session;
let fg: Session;

const input = (regionCode: string, category: TakeCallInput['category']): TakeCallInput => callInput({ regionCode, category, urgency: 'normal' });

/** Calls taken at these instants (UTC), counted by their Shanghai day. */
const CALLS: Array<[string, string, TakeCallInput['category']]> = [
  ['2022-09-11T15:59:00Z', '520302007000', 'medical'], // 09-11 23:59 in Shanghai: before the period
  ['2022-09-12T02:00:00Z', '520302007000', 'medical'], // 09-12 10:00
  ['2022-09-12T09:30:00Z', '520302001000', 'economic'], // 09-12 17:30
  ['2022-09-12T16:30:00Z', '520302007000', 'living'], // 09-13 00:30 (still the 12th in UTC)
  ['2022-09-13T15:59:00Z', '520302007000', 'medical'], // 09-13 23:59
  ['2022-09-13T16:00:00Z', '520302007000', 'medical'], // 09-14 00:00: after the period
];

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  operatorUser = await makeUser(database, { username: 'hhg_hotline', role: 'hotline_operator', regionCode: '520302000000' });
  await makeUser(database, { username: 'hhg_officer', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  for (const [at, region, category] of CALLS) await takeCall({ ...ctxFor(database, operatorUser), now: () => new Date(at) }, input(region, category));
  app = await testApp(database);
  county = await login(app, 'hhg_officer');
  fg = await login(app, 'fg_off');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('hotline statistics by day', () => {
  it('counts the calls of each Shanghai day of the period exactly', async () => {
    const res = await call(app, county, 'GET', '/api/hotline/stats?from=2022-09-12&to=2022-09-13');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.byDay).toEqual([
      { day: '2022-09-12', n: 2 },
      { day: '2022-09-13', n: 2 },
    ]);
    expect(s).toMatchObject({ total: 4, asOf: '2022-09-13', byCategory: { medical: 2, economic: 1, living: 1 } });
  });

  it('counts a region and a single day, and the whole history without a period', async () => {
    const town = (await call(app, county, 'GET', '/api/hotline/stats?region=520302007000&from=2022-09-12&to=2022-09-12')).json();
    expect(town.byDay).toEqual([{ day: '2022-09-12', n: 1 }]);
    const all = (await call(app, county, 'GET', '/api/hotline/stats')).json();
    expect(all.byDay).toEqual([
      { day: '2022-09-11', n: 1 },
      { day: '2022-09-12', n: 2 },
      { day: '2022-09-13', n: 2 },
      { day: '2022-09-14', n: 1 },
    ]);
  });

  it('shows another county nothing of it', async () => {
    expect((await call(app, fg, 'GET', '/api/hotline/stats?region=520302000000')).statusCode).toBe(404);
    expect((await call(app, fg, 'GET', '/api/hotline/stats?from=2022-09-12&to=2022-09-13')).json()).toMatchObject({ total: 0, byDay: [] });
  });
});
