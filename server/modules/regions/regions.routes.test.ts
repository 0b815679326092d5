// Route tests of /api/regions through app.inject, on a real migrated database with the regions of
// Guizhou (52) and Gansu (62) down to towns.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Region, RegionDetail, RegionWithCounts } from '../../../common/contracts/regions';
import { ROLES } from '../../../common/enums';
import { ROLE_PERMISSIONS } from '../../../common/permissions';
import type { Database } from '../../db/client';
import { seedTestRegions, testDatabase } from '../../test/db';
import { call, expectError, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { regionsDownToTowns } from './regions.source';

const HONGHUAGANG = '520302000000'; // 红花岗区, 遵义市, 贵州省
const FENGGANG = '520327000000'; // 凤冈县, 遵义市
const ZUNYI = '520300000000'; // 遵义市
const GUIZHOU = '520000000000';
const COUNTRY = '000000000000';

const ALL = regionsDownToTowns(['52', '62']);
const childrenOf = (code: string) => ALL.filter((r) => r.parentCode === code);
const HHG_TOWNS = childrenOf(HONGHUAGANG).map((r) => r.code);
const FG_TOWNS = childrenOf(FENGGANG).map((r) => r.code);



let database: Database;
let app: FastifyInstance;
let officer: Session; // officer of 红花岗区
let auditor: Session; // audit_admin of the whole country: regions:read without users:read
let admin: Session; // system_admin of the whole country
let pending: Session; // must change the password first
let hhgOfficer: TestUser;

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  app = await testApp(database);
  hhgOfficer = await makeUser(database, { username: 'hhg-officer', role: 'officer', regionCode: HONGHUAGANG });
  await makeUser(database, { username: 'country-auditor', role: 'audit_admin', regionCode: COUNTRY });
  await makeUser(database, { username: 'country-admin', role: 'system_admin', regionCode: COUNTRY });
  await makeUser(database, { username: 'pending-user', role: 'officer', regionCode: HONGHUAGANG, mustChangePassword: true });
  // Users the per-region figures count: three in two towns of 红花岗区, four in 凤冈县 (out of the officer's scope).
  await makeUser(database, { username: 'hhg-t1-a', role: 'town_officer', regionCode: HHG_TOWNS[0]! });
  await makeUser(database, { username: 'hhg-t1-b', role: 'reporter', regionCode: HHG_TOWNS[0]! });
  await makeUser(database, { username: 'hhg-t2-a', role: 'town_officer', regionCode: HHG_TOWNS[1]! });
  await makeUser(database, { username: 'fg-county', role: 'officer', regionCode: FENGGANG });
  await makeUser(database, { username: 'fg-t1-a', role: 'town_officer', regionCode: FG_TOWNS[0]! });
  await makeUser(database, { username: 'fg-t1-b', role: 'town_officer', regionCode: FG_TOWNS[0]! });
  await makeUser(database, { username: 'fg-t2-a', role: 'reporter', regionCode: FG_TOWNS[1]! });
  officer = await login(app, 'hhg-officer');
  auditor = await login(app, 'country-auditor');
  admin = await login(app, 'country-admin');
  pending = await login(app, 'pending-user');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('fixture sanity', () => {
  it('红花岗区 has 23 towns and 凤冈县 is its sibling county in the loaded data', () => {
    expect(HHG_TOWNS).toHaveLength(23);
    expect(FG_TOWNS.length).toBeGreaterThan(2);
    expect(hhgOfficer.regionCode).toBe(HONGHUAGANG);
  });
});

describe('GET /api/regions', () => {
  it('lists the provinces (the children of the country) for any signed-in role', async () => {
    for (const s of [officer, auditor, admin]) {
      const res = await call(app, s, 'GET', '/api/regions');
      expect(res.statusCode, res.body).toBe(200);
      const { items } = res.json<{ items: Region[] }>();
      expect(items).toEqual([
        { code: GUIZHOU, name: '贵州省', level: 'province', parentCode: COUNTRY },
        { code: '620000000000', name: '甘肃省', level: 'province', parentCode: COUNTRY },
      ]);
    }
  });

  it('401 without a session', async () => {
    expectError(await call(app, null, 'GET', '/api/regions'), 401, 'UNAUTHENTICATED');
    expectError(await call(app, { cookie: 'fx_sid=forged-token', csrf: 'x' }, 'GET', '/api/regions'), 401, 'UNAUTHENTICATED');
  });

  it('every role holds regions:read, so the 403 of this route is the pending-password gate', async () => {
    for (const role of ROLES) expect(ROLE_PERMISSIONS[role]).toContain('regions:read');
    expectError(await call(app, pending, 'GET', '/api/regions'), 403, 'PASSWORD_CHANGE_REQUIRED');
  });

  it('400 VALIDATION_FAILED for unknown query fields, naming them', async () => {
    const body = expectError(await call(app, officer, 'GET', '/api/regions?level=town'), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(body.details)).toContain('level');
  });
});

describe('GET /api/regions?q=', () => {
  it('finds a region by its exact name first', async () => {
    const res = await call(app, officer, 'GET', `/api/regions?q=${encodeURIComponent('红花岗区')}`);
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json<{ items: Region[] }>();
    expect(items[0]).toEqual({ code: HONGHUAGANG, name: '红花岗区', level: 'county', parentCode: ZUNYI, path: '贵州省 遵义市' });
  });

  it('finds a region by its code, short or full', async () => {
    for (const q of ['520302', HONGHUAGANG]) {
      const res = await call(app, officer, 'GET', `/api/regions?q=${q}`);
      expect(res.statusCode).toBe(200);
      expect(res.json<{ items: Region[] }>().items.map((r) => r.code)).toContain(HONGHUAGANG);
    }
  });

  it('answers at most 50 matches', async () => {
    const res = await call(app, officer, 'GET', `/api/regions?q=${encodeURIComponent('镇')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: Region[] }>().items).toHaveLength(50);
  });

  it('treats LIKE wildcards in q literally', async () => {
    for (const q of ['%', '_', '%%', '\\']) {
      const res = await call(app, officer, 'GET', `/api/regions?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json<{ items: Region[] }>().items, q).toEqual([]);
    }
  });

  it('400 for an empty, blank, too long or repeated q', async () => {
    for (const q of ['q=', 'q=%20%20', `q=${'a'.repeat(51)}`, 'q=a&q=b']) {
      expectError(await call(app, officer, 'GET', `/api/regions?${q}`), 400, 'VALIDATION_FAILED');
    }
  });

  it('401 without a session and 403 while the password must be changed', async () => {
    expectError(await call(app, null, 'GET', '/api/regions?q=abc'), 401, 'UNAUTHENTICATED');
    expectError(await call(app, pending, 'GET', '/api/regions?q=abc'), 403, 'PASSWORD_CHANGE_REQUIRED');
  });
});

describe('GET /api/regions/:code', () => {
  it('gives the detail with its ancestors (audit admin: no user figures)', async () => {
    const res = await call(app, auditor, 'GET', `/api/regions/${HONGHUAGANG}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<RegionDetail>();
    expect(detail).toMatchObject({ code: HONGHUAGANG, name: '红花岗区', level: 'county', parentCode: ZUNYI, childCount: 23, counts: {} });
    expect(detail.ancestors.map((a) => a.code)).toEqual([COUNTRY, GUIZHOU, ZUNYI]);
  });

  // Regression (was a bug): regions.service.ts countsFor() groups by `substr(region_code, 1, $n)` with a bind parameter
  // distinct from the one in the select list; PostgreSQL (and PGlite) reject it with 42803 "column
  // users.region_code must appear in the GROUP BY clause", so every role holding users:read gets a 500.
  it('gives the detail with the user figure of its own scope to an officer', async () => {
    const res = await call(app, officer, 'GET', `/api/regions/${HONGHUAGANG}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<RegionDetail>();
    expect(detail).toMatchObject({ code: HONGHUAGANG, childCount: 23 });
    // the officer, the pending user and three town users
    expect(detail.counts.users).toBe(5);
  });

  // Regression (was a bug): same cause as above (regions.service.ts countsFor, 42803 -> 500).
  it('never reveals how many users a region outside the scope has', async () => {
    const res = await call(app, officer, 'GET', `/api/regions/${FENGGANG}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RegionDetail>().counts.users ?? 0).toBe(0);
  });

  it('gives the country root without ancestors', async () => {
    const res = await call(app, auditor, 'GET', `/api/regions/${COUNTRY}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RegionDetail>()).toMatchObject({ code: COUNTRY, level: 'country', parentCode: null, childCount: 2, ancestors: [] });
  });

  it('404 REGION_NOT_FOUND for a well-formed code that does not exist', async () => {
    expectError(await call(app, auditor, 'GET', '/api/regions/529999000000'), 404, 'REGION_NOT_FOUND');
  });

  it('400 for a malformed code', async () => {
    for (const code of ['52030200000', '5203020000001', 'abcdefghijkl', '52030200000a', '%E7%BA%A2']) {
      expectError(await call(app, auditor, 'GET', `/api/regions/${code}`), 400, 'VALIDATION_FAILED');
    }
  });

  it('401 without a session and 403 while the password must be changed', async () => {
    expectError(await call(app, null, 'GET', `/api/regions/${HONGHUAGANG}`), 401, 'UNAUTHENTICATED');
    expectError(await call(app, pending, 'GET', `/api/regions/${HONGHUAGANG}`), 403, 'PASSWORD_CHANGE_REQUIRED');
  });
});

describe('GET /api/regions/:code/children', () => {
  // Regression (was a bug): regions.service.ts countsFor() (42803 -> 500 for every role with users:read), see above.
  it('an officer of 红花岗区 sees exactly its 23 towns, with the users of each', async () => {
    const res = await call(app, officer, 'GET', `/api/regions/${HONGHUAGANG}/children`);
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json<{ items: RegionWithCounts[] }>();
    expect(items).toHaveLength(23);
    expect(items.map((r) => r.code)).toEqual([...HHG_TOWNS].sort());
    for (const r of items) expect(r).toMatchObject({ level: 'town', parentCode: HONGHUAGANG, childCount: 0 });
    const users = Object.fromEntries(items.map((r) => [r.code, r.counts.users]));
    expect(users[HHG_TOWNS[0]!]).toBe(2);
    expect(users[HHG_TOWNS[1]!]).toBe(1);
    expect(items.reduce((n, r) => n + (r.counts.users ?? 0), 0)).toBe(3);
  });

  // Regression (was a bug): regions.service.ts countsFor() (42803 -> 500 for every role with users:read), see above.
  it('counts only the users inside the viewer scope: 凤冈县 shows 0 to the officer of 红花岗区, 4 to the national admin', async () => {
    const mine = await call(app, officer, 'GET', `/api/regions/${ZUNYI}/children`);
    expect(mine.statusCode, mine.body).toBe(200);
    const byCode = new Map(mine.json<{ items: RegionWithCounts[] }>().items.map((r) => [r.code, r]));
    expect(byCode.get(HONGHUAGANG)?.counts.users).toBe(5);
    expect(byCode.get(FENGGANG)?.counts.users ?? 0).toBe(0);

    const all = await call(app, admin, 'GET', `/api/regions/${ZUNYI}/children`);
    expect(all.statusCode, all.body).toBe(200);
    const allByCode = new Map(all.json<{ items: RegionWithCounts[] }>().items.map((r) => [r.code, r]));
    expect(allByCode.get(FENGGANG)?.counts.users).toBe(4);
  });

  it('lists the children with their child counts (audit admin: no user figures)', async () => {
    const res = await call(app, auditor, 'GET', `/api/regions/${HONGHUAGANG}/children`);
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json<{ items: RegionWithCounts[] }>();
    expect(items.map((r) => r.code)).toEqual([...HHG_TOWNS].sort());
    for (const r of items) expect(r).toMatchObject({ level: 'town', parentCode: HONGHUAGANG, childCount: 0, counts: {} });

    const zunyi = await call(app, auditor, 'GET', `/api/regions/${ZUNYI}/children`);
    const counties = zunyi.json<{ items: RegionWithCounts[] }>().items;
    expect(counties.map((r) => r.code)).toEqual(childrenOf(ZUNYI).map((r) => r.code).sort());
    expect(counties.find((r) => r.code === HONGHUAGANG)?.childCount).toBe(23);
  });

  it('a town has no children loaded; the country has the two provinces', async () => {
    const town = await call(app, auditor, 'GET', `/api/regions/${HHG_TOWNS[0]!}/children`);
    expect(town.statusCode).toBe(200);
    expect(town.json<{ items: unknown[] }>().items).toEqual([]);
    const country = await call(app, auditor, 'GET', `/api/regions/${COUNTRY}/children`);
    expect(country.json<{ items: RegionWithCounts[] }>().items.map((r) => r.code)).toEqual([GUIZHOU, '620000000000']);
  });

  it('404 REGION_NOT_FOUND for an unknown code, 400 for a malformed one', async () => {
    expectError(await call(app, auditor, 'GET', '/api/regions/529999000000/children'), 404, 'REGION_NOT_FOUND');
    expectError(await call(app, auditor, 'GET', '/api/regions/5203/children'), 400, 'VALIDATION_FAILED');
  });

  it('401 without a session and 403 while the password must be changed', async () => {
    expectError(await call(app, null, 'GET', `/api/regions/${HONGHUAGANG}/children`), 401, 'UNAUTHENTICATED');
    expectError(await call(app, pending, 'GET', `/api/regions/${HONGHUAGANG}/children`), 403, 'PASSWORD_CHANGE_REQUIRED');
  });
});

describe('GET /api/regions?q=&within=', () => {
  it('limits a search to a subtree and names each result by its ancestors', async () => {
    const app = await testApp(database);
    const s = await login(app, 'hhg-officer');
    const res = await call(app, s, 'GET', `/api/regions?q=${encodeURIComponent('街道')}&within=520302000000`);
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json<{ items: Region[] }>();
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => r.code.startsWith('520302') && r.path === '贵州省 遵义市 红花岗区')).toBe(true);
    await app.close();
  });
});
