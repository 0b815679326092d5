// Shared set-up of the /api/users route tests (users.routes.test.ts, users.routes.patch.test.ts): the
// module's bindings are filled by setUpUsersWorld, and importers see them (ES module live bindings).
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { asc, count, gt, sql } from 'drizzle-orm';
import type { UserList } from '../../../common/contracts/users';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { users } from '../../db/schema/users';
import { seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { regionsDownToTowns } from '../regions/regions.source';

export const HONGHUAGANG = '520302000000'; // 红花岗区
export const FENGGANG = '520327000000'; // 凤冈县, a sibling county
export const ZUNYI = '520300000000'; // 遵义市, the parent city
export const COUNTRY = '000000000000';
export const ALL = regionsDownToTowns(['52']);
export const HHG_TOWNS = ALL.filter((r) => r.parentCode === HONGHUAGANG).map((r) => r.code);
export const FG_TOWNS = ALL.filter((r) => r.parentCode === FENGGANG).map((r) => r.code);

export const CHINESE = /[\u4e00-\u9fff]/;
export const NO_SUCH_ID = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';


export let database: Database;
export let app: FastifyInstance;

export let admin: Session;
export let officer: Session; // officer of 红花岗区
export let leader: Session; // leader of 红花岗区: users:read, no users:manage
export let townOfficer: Session; // no users:read at all

export const u: Record<string, TestUser> = {};

export async function maxSeq(): Promise<number> {
  const [row] = await database.db.select({ seq: sql<number>`coalesce(max(${auditLog.seq}), 0)::int` }).from(auditLog);
  return Number(row?.seq ?? 0);
}

export async function auditSince(seq: number) {
  return database.db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq));
}

export async function userCount(): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

/** Any JSON value as the body (strings and arrays too), with the session's cookie and CSRF token. */
export function sendJson(s: Session, method: 'POST' | 'PATCH', url: string, body: unknown) {
  return app.inject({
    method,
    url,
    payload: JSON.stringify(body),
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
  });
}

export async function listAll(s: Session, query = ''): Promise<UserList> {
  const res = await call(app, s, 'GET', `/api/users?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<UserList>();
}

/** The world of both route test files: a migrated database, the app, and users of 红花岗区, 凤冈县 and 遵义市 with sessions. */
export async function setUpUsersWorld(): Promise<void> {
  database = await testDatabase();
  await seedTestRegions(database);
  app = await testApp(database);
  const mk = async (key: string, username: string, role: TestUser['role'], regionCode: string) => {
    u[key] = await makeUser(database, { username, role, regionCode });
  };
  await mk('admin', 'root-admin', 'system_admin', COUNTRY);
  await mk('officer', 'hhg-officer', 'officer', HONGHUAGANG);
  await mk('leader', 'hhg-leader', 'leader', HONGHUAGANG);
  await mk('townOfficer', 'hhg-town-officer', 'town_officer', HHG_TOWNS[0]!);
  await mk('hhgA', 'hhg-a', 'town_officer', HHG_TOWNS[0]!);
  await mk('hhgB', 'hhg-b', 'reporter', HHG_TOWNS[1]!);
  await mk('hhgC', 'hhg-c', 'village_cadre', HHG_TOWNS[2]!);
  await mk('hhgVictim', 'hhg-victim', 'inspector', HHG_TOWNS[3]!);
  await mk('hhgSecurity', 'hhg-security', 'security_admin', HONGHUAGANG);
  await mk('fgOfficer', 'fg-officer', 'officer', FENGGANG);
  await mk('fgA', 'fg-a', 'town_officer', FG_TOWNS[0]!);
  await mk('fgB', 'fg-b', 'reporter', FG_TOWNS[1]!);
  await mk('zunyi', 'zunyi-officer', 'officer', ZUNYI);
  admin = await login(app, 'root-admin');
  officer = await login(app, 'hhg-officer');
  leader = await login(app, 'hhg-leader');
  townOfficer = await login(app, 'hhg-town-officer');
}

export async function tearDownUsersWorld(): Promise<void> {
  await app?.close();
  await database?.close();
}
