// Route tests of /api/users through app.inject, on a real migrated database: permissions, region scope,
// validation, CSRF, optimistic locking, and the audit row every write leaves in its own transaction.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { asc, count, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User, UserList, UserWithPassword } from '../../../common/contracts/users';
import { verifyAuditChain } from '../../core/audit';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { sessions } from '../../db/schema/auth';
import { users } from '../../db/schema/users';
import { seedTestRegions, testDatabase, testSecrets } from '../../test/db';
import { call, login, makeUser, testApp, userRow, type Session, type TestUser } from '../../test/http';
import { regionsDownToTowns } from '../regions/regions.source';

const HONGHUAGANG = '520302000000'; // 红花岗区
const FENGGANG = '520327000000'; // 凤冈县, a sibling county
const ZUNYI = '520300000000'; // 遵义市, the parent city
const COUNTRY = '000000000000';
const ALL = regionsDownToTowns(['52']);
const HHG_TOWNS = ALL.filter((r) => r.parentCode === HONGHUAGANG).map((r) => r.code);
const FG_TOWNS = ALL.filter((r) => r.parentCode === FENGGANG).map((r) => r.code);

const CHINESE = /[\u4e00-\u9fff]/;
const NO_SUCH_ID = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

function expectError(res: LightMyRequestResponse, status: number, code: string): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<ErrorBody>();
  expect(body.code).toBe(code);
  expect(body.message).toMatch(CHINESE);
  expect(Object.keys(body).filter((k) => !['code', 'message', 'details'].includes(k))).toEqual([]);
  return body;
}

let database: Database;
let app: FastifyInstance;

let admin: Session;
let officer: Session; // officer of 红花岗区
let leader: Session; // leader of 红花岗区: users:read, no users:manage
let townOfficer: Session; // no users:read at all

const u: Record<string, TestUser> = {};

async function maxSeq(): Promise<number> {
  const [row] = await database.db.select({ seq: sql<number>`coalesce(max(${auditLog.seq}), 0)::int` }).from(auditLog);
  return Number(row?.seq ?? 0);
}

async function auditSince(seq: number) {
  return database.db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq));
}

async function userCount(): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

/** Any JSON value as the body (strings and arrays too), with the session's cookie and CSRF token. */
function sendJson(s: Session, method: 'POST' | 'PATCH', url: string, body: unknown) {
  return app.inject({
    method,
    url,
    payload: JSON.stringify(body),
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
  });
}

async function listAll(s: Session, query = ''): Promise<UserList> {
  const res = await call(app, s, 'GET', `/api/users?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<UserList>();
}

beforeAll(async () => {
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
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('GET /api/users', () => {
  it('an officer of 红花岗区 lists exactly the users under 520302: none of 凤冈县 or 遵义市', async () => {
    const all = await database.db.select({ id: users.id, regionCode: users.regionCode }).from(users);
    const expected = all.filter((r) => r.regionCode.startsWith('520302')).map((r) => r.id).sort();
    const list = await listAll(officer);
    expect(list.items.map((x) => x.id).sort()).toEqual(expected);
    expect(list.total).toBe(expected.length);
    for (const x of list.items) expect(x.regionCode.startsWith('520302')).toBe(true);
  });

  it('a leader reads the same scope; the national admin reads everyone', async () => {
    const mine = await listAll(officer);
    const theirs = await listAll(leader);
    expect(theirs.items.map((x) => x.id).sort()).toEqual(mine.items.map((x) => x.id).sort());
    expect((await listAll(admin)).total).toBe(await userCount());
  });

  it('answers the contract: region names, no password hash, no TOTP secret', async () => {
    const list = await listAll(officer);
    const a = list.items.find((x) => x.id === u.hhgA!.id)!;
    expect(a).toMatchObject({ username: 'hhg-a', role: 'town_officer', regionCode: HHG_TOWNS[0], disabled: false });
    expect(a.regionName).toMatch(CHINESE);
    const keys = Object.keys(a);
    for (const secret of ['passwordHash', 'totpSecret', 'totpPendingSecret', 'recentFailures', 'usernameKey']) {
      expect(keys).not.toContain(secret);
    }
  });

  it('pages through the list in a stable order', async () => {
    const whole = await listAll(officer);
    const paged: User[] = [];
    for (let page = 1; page <= Math.ceil(whole.total / 2); page++) {
      const res = await call(app, officer, 'GET', `/api/users?page=${page}&pageSize=2`);
      expect(res.statusCode).toBe(200);
      const body = res.json<UserList>();
      expect(body.total).toBe(whole.total);
      paged.push(...body.items);
    }
    expect(paged.map((x) => x.id)).toEqual(whole.items.map((x) => x.id));
    const beyond = await call(app, officer, 'GET', `/api/users?page=999&pageSize=200`);
    expect(beyond.json<UserList>()).toEqual({ items: [], total: whole.total });
  });

  it('filters by role, by text (wildcards literal) and by a region inside the scope', async () => {
    const reporters = await listAll(officer, '&role=reporter');
    expect(reporters.items.map((x) => x.username)).toEqual(['hhg-b']);
    const text = await listAll(officer, '&q=HHG-A');
    expect(text.items.map((x) => x.username)).toEqual(['hhg-a']);
    for (const q of ['%', '_', '%25']) expect((await listAll(officer, `&q=${encodeURIComponent(q)}`)).total, q).toBe(0);
    const town = await listAll(officer, `&region=${HHG_TOWNS[0]!}`);
    expect(town.items.map((x) => x.username).sort()).toEqual(['hhg-a', 'hhg-town-officer']);
    const own = await listAll(officer, `&region=${HONGHUAGANG}`);
    expect(own.total).toBe((await listAll(officer)).total);
  });

  it('404 REGION_NOT_FOUND when filtering by a region outside the scope (sibling county, parent city, other province)', async () => {
    for (const region of [FENGGANG, FG_TOWNS[0]!, ZUNYI, '620000000000', COUNTRY]) {
      expectError(await call(app, officer, 'GET', `/api/users?region=${region}`), 404, 'REGION_NOT_FOUND');
    }
  });

  it('400 VALIDATION_FAILED with a Chinese message for bad query values and unknown fields', async () => {
    for (const q of ['pageSize=0', 'pageSize=201', 'page=0', 'page=abc', 'role=god', 'region=5203', 'region=52030200000x', `q=${'x'.repeat(51)}`, 'role=officer&role=leader']) {
      expectError(await call(app, officer, 'GET', `/api/users?${q}`), 400, 'VALIDATION_FAILED');
    }
    const body = expectError(await call(app, officer, 'GET', '/api/users?regionCode=520302000000'), 400, 'VALIDATION_FAILED');
    expect(body.details).toEqual([expect.objectContaining({ keys: ['regionCode'] })]);
  });

  it('401 without a session; 403 for roles without users:read', async () => {
    expectError(await call(app, null, 'GET', '/api/users'), 401, 'UNAUTHENTICATED');
    const body = expectError(await call(app, townOfficer, 'GET', '/api/users'), 403, 'FORBIDDEN');
    expect(body.details).toEqual({ permission: 'users:read' });
  });
});

describe('GET /api/users/:id', () => {
  it('reads a user inside the scope', async () => {
    const res = await call(app, officer, 'GET', `/api/users/${u.hhgB!.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<User>()).toMatchObject({ id: u.hhgB!.id, username: 'hhg-b', role: 'reporter', regionCode: HHG_TOWNS[1], version: 1 });
    const leaderRes = await call(app, leader, 'GET', `/api/users/${u.hhgB!.id}`);
    expect(leaderRes.statusCode).toBe(200);
  });

  it('404 USER_NOT_FOUND for every user of 凤冈县 and of the parent city, exactly like an unknown id', async () => {
    for (const key of ['fgOfficer', 'fgA', 'fgB', 'zunyi', 'admin']) {
      const res = await call(app, officer, 'GET', `/api/users/${u[key]!.id}`);
      expectError(res, 404, 'USER_NOT_FOUND');
      expect(res.body).not.toContain(u[key]!.username);
    }
    const unknown = await call(app, officer, 'GET', `/api/users/${NO_SUCH_ID}`);
    expectError(unknown, 404, 'USER_NOT_FOUND');
    expect((await call(app, officer, 'GET', `/api/users/${u.fgA!.id}`)).body).toBe(unknown.body);
  });

  it('400 for an id that is not a UUID', async () => {
    for (const id of ['1', 'abc', '3f1c2a4e5b6d4e7f8a9b0c1d2e3f4a5b', `${NO_SUCH_ID}0`]) {
      expectError(await call(app, officer, 'GET', `/api/users/${id}`), 400, 'VALIDATION_FAILED');
    }
  });

  it('401 without a session; 403 without users:read', async () => {
    expectError(await call(app, null, 'GET', `/api/users/${u.hhgA!.id}`), 401, 'UNAUTHENTICATED');
    expectError(await call(app, townOfficer, 'GET', `/api/users/${u.hhgA!.id}`), 403, 'FORBIDDEN');
  });
});

describe('POST /api/users', () => {
  const valid = { username: 'hhg-new-1', name: '张三', role: 'town_officer', regionCode: HHG_TOWNS[4]! };

  it('201: creates the user in the scope, returns a one-time password, and leaves exactly one audit row', async () => {
    const seq = await maxSeq();
    const res = await call(app, officer, 'POST', '/api/users', valid);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<UserWithPassword>();
    expect(created).toMatchObject({ username: 'hhg-new-1', name: '张三', role: 'town_officer', regionCode: HHG_TOWNS[4], mustChangePassword: true, disabled: false, version: 1 });
    expect(created.temporaryPassword).toMatch(/^.{8,}$/);
    expect(Object.keys(created)).not.toContain('passwordHash');

    const row = await userRow(database, created.id);
    expect(row).toMatchObject({ username: 'hhg-new-1', regionCode: HHG_TOWNS[4], mustChangePassword: true });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);

    const rows = await auditSince(seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      regionCode: HHG_TOWNS[4],
      result: 'success',
      actorId: u.officer!.id,
      actorUsername: 'hhg-officer',
      actorRole: 'officer',
      actorRegion: HONGHUAGANG,
    });
    expect(rows[0]!.requestId).toMatch(/^req-/);
    expect(JSON.stringify(rows[0]!.details)).not.toContain(created.temporaryPassword!);

    // the one-time password works (and the account must change it first)
    const first = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hhg-new-1', password: created.temporaryPassword } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
  });

  it('201 with an initial password chosen by the officer: no temporary password is returned', async () => {
    const res = await call(app, officer, 'POST', '/api/users', { ...valid, username: 'hhg-new-2', password: 'Zunyi#Town2026' });
    expect(res.statusCode, res.body).toBe(201);
    expect(Object.keys(res.json<UserWithPassword>())).not.toContain('temporaryPassword');
  });

  it('409 USERNAME_TAKEN for the same name in another case; nothing written', async () => {
    const before = await userCount();
    const seq = await maxSeq();
    expectError(await call(app, officer, 'POST', '/api/users', { ...valid, username: 'HHG-New-1' }), 409, 'USERNAME_TAKEN');
    expect(await userCount()).toBe(before);
    expect(await auditSince(seq)).toEqual([]);
  });

  it('400 PASSWORD_POLICY for a weak initial password, in Chinese', async () => {
    const before = await userCount();
    for (const password of ['abc', 'password', 'hhg-new-3Aa1!']) {
      expectError(await call(app, officer, 'POST', '/api/users', { ...valid, username: 'hhg-new-3', password }), 400, 'PASSWORD_POLICY');
    }
    expect(await userCount()).toBe(before);
  });

  it('400 VALIDATION_FAILED for missing, malformed and unknown fields; nothing written', async () => {
    const before = await userCount();
    const seq = await maxSeq();
    const bad: unknown[] = [
      {},
      [],
      'hello',
      null,
      true,
      { ...valid, username: undefined },
      { ...valid, username: 'ab' },
      { ...valid, username: 'has space' },
      { ...valid, username: '张三三' },
      { ...valid, name: '' },
      { ...valid, name: '   ' },
      { ...valid, name: '名'.repeat(51) },
      { ...valid, role: 'god' },
      { ...valid, regionCode: '520302' },
      { ...valid, regionCode: 520302001000 },
      { ...valid, password: '' },
      { ...valid, password: 'x'.repeat(257) },
    ];
    for (const body of bad) {
      expectError(await sendJson(officer, 'POST', '/api/users', body), 400, 'VALIDATION_FAILED');
    }
    for (const extra of [{ isAdmin: true }, { mustChangePassword: false }, { passwordHash: 'x' }, { id: NO_SUCH_ID }]) {
      const res = await call(app, officer, 'POST', '/api/users', { ...valid, username: 'hhg-new-4', ...extra });
      const body = expectError(res, 400, 'VALIDATION_FAILED');
      expect(body.details).toEqual([expect.objectContaining({ keys: Object.keys(extra) })]);
    }
    expect(await userCount()).toBe(before);
    expect(await auditSince(seq)).toEqual([]);
  });

  it('404 REGION_NOT_FOUND for a region outside the scope or that does not exist; nothing written', async () => {
    const before = await userCount();
    for (const regionCode of [FENGGANG, FG_TOWNS[0]!, ZUNYI, COUNTRY, '520302999000']) {
      expectError(await call(app, officer, 'POST', '/api/users', { ...valid, username: 'hhg-new-5', regionCode }), 404, 'REGION_NOT_FOUND');
    }
    expect(await userCount()).toBe(before);
  });

  it('403 ROLE_NOT_ASSIGNABLE for the 三员 roles; 403 FORBIDDEN without users:manage', async () => {
    const before = await userCount();
    for (const role of ['system_admin', 'security_admin', 'audit_admin']) {
      const body = expectError(await call(app, officer, 'POST', '/api/users', { ...valid, username: 'hhg-new-6', role }), 403, 'ROLE_NOT_ASSIGNABLE');
      expect(body.details).toEqual({ role });
    }
    expectError(await call(app, leader, 'POST', '/api/users', { ...valid, username: 'hhg-new-6' }), 403, 'FORBIDDEN');
    expectError(await call(app, townOfficer, 'POST', '/api/users', { ...valid, username: 'hhg-new-6' }), 403, 'FORBIDDEN');
    expect(await userCount()).toBe(before);
  });

  it('403 CSRF_FAILED without the X-CSRF-Token header, with a wrong one, or from a foreign origin', async () => {
    const before = await userCount();
    const body = { ...valid, username: 'hhg-new-7' };
    const noHeader = await app.inject({ method: 'POST', url: '/api/users', payload: body, headers: { cookie: officer.cookie } });
    expectError(noHeader, 403, 'CSRF_FAILED');
    expectError(await call(app, officer, 'POST', '/api/users', body, { 'x-csrf-token': 'not-the-token' }), 403, 'CSRF_FAILED');
    expectError(await call(app, officer, 'POST', '/api/users', body, { 'x-csrf-token': admin.csrf }), 403, 'CSRF_FAILED');
    expectError(await call(app, officer, 'POST', '/api/users', body, { origin: 'https://evil.example' }), 403, 'CSRF_FAILED');
    expect(await userCount()).toBe(before);
  });

  it('401 without a session', async () => {
    expectError(await call(app, null, 'POST', '/api/users', valid), 401, 'UNAUTHENTICATED');
  });
});

describe('PATCH /api/users/:id', () => {
  async function patch(s: Session, id: string, body: Record<string, unknown>) {
    return call(app, s, 'PATCH', `/api/users/${id}`, body);
  }

  it('200: renames a user, bumps the version, and leaves exactly one user.update audit row', async () => {
    const before = await userRow(database, u.hhgA!.id);
    const seq = await maxSeq();
    const res = await patch(officer, u.hhgA!.id, { version: before.version, name: '李四' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<UserWithPassword>()).toMatchObject({ id: u.hhgA!.id, name: '李四', version: before.version + 1 });
    expect(Object.keys(res.json<UserWithPassword>())).not.toContain('temporaryPassword');
    expect(await userRow(database, u.hhgA!.id)).toMatchObject({ name: '李四', version: before.version + 1 });
    const rows = await auditSince(seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.update',
      entityType: 'user',
      entityId: u.hhgA!.id,
      regionCode: HHG_TOWNS[0],
      actorId: u.officer!.id,
      details: { changes: { name: { before: 'hhg-a', after: '李四' } } },
    });
  });

  it('200: moves a user to another town of the scope; the audit row names both regions', async () => {
    const before = await userRow(database, u.hhgC!.id);
    const seq = await maxSeq();
    const res = await patch(officer, u.hhgC!.id, { version: before.version, regionCode: HHG_TOWNS[5]!, role: 'reporter' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<User>()).toMatchObject({ regionCode: HHG_TOWNS[5], role: 'reporter' });
    const rows = await auditSince(seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.update',
      entityId: u.hhgC!.id,
      regionCode: HHG_TOWNS[5],
      details: { changes: { regionCode: { before: HHG_TOWNS[2], after: HHG_TOWNS[5] }, role: { before: 'village_cadre', after: 'reporter' } } },
    });
  });

  it('200: resetting the password returns a one-time password, forces a change, revokes sessions, audits user.password.reset', async () => {
    const victim = await login(app, 'hhg-victim');
    expect((await call(app, victim, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const before = await userRow(database, u.hhgVictim!.id);
    const seq = await maxSeq();
    const res = await patch(officer, u.hhgVictim!.id, { version: before.version, resetPassword: true });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<UserWithPassword>();
    expect(body.temporaryPassword).toMatch(/^.{8,}$/);
    expect(body.mustChangePassword).toBe(true);
    const after = await userRow(database, u.hhgVictim!.id);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(after.mustChangePassword).toBe(true);
    const rows = await auditSince(seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'user.password.reset', entityType: 'user', entityId: u.hhgVictim!.id });
    expect(JSON.stringify(rows[0]!.details)).not.toContain(body.temporaryPassword!);
    expect((await call(app, victim, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('200: disabling a user revokes the sessions; the account can no longer sign in', async () => {
    const before = await userRow(database, u.hhgB!.id);
    const seq = await maxSeq();
    const res = await patch(officer, u.hhgB!.id, { version: before.version, disabled: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<User>().disabled).toBe(true);
    const rows = await auditSince(seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'user.update', entityId: u.hhgB!.id, details: { changes: { disabled: { before: false, after: true } } } });
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hhg-b', password: u.hhgB!.password } });
    expectError(signIn, 403, 'ACCOUNT_DISABLED');
  });

  it('409 VERSION_CONFLICT for a stale version: nothing changes, no audit row', async () => {
    const before = await userRow(database, u.hhgA!.id);
    const seq = await maxSeq();
    const body = expectError(await patch(officer, u.hhgA!.id, { version: before.version - 1, name: '王五' }), 409, 'VERSION_CONFLICT');
    expect(body.details).toEqual({ currentVersion: before.version });
    expect(await userRow(database, u.hhgA!.id)).toEqual(before);
    expect(await auditSince(seq)).toEqual([]);
  });

  it('two concurrent updates with the same version: one wins, the other gets 409, one audit row', async () => {
    const before = await userRow(database, u.hhgA!.id);
    const seq = await maxSeq();
    const [a, b] = await Promise.all([
      patch(officer, u.hhgA!.id, { version: before.version, name: '并发甲' }),
      patch(admin, u.hhgA!.id, { version: before.version, name: '并发乙' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? '并发甲' : '并发乙';
    expect(await userRow(database, u.hhgA!.id)).toMatchObject({ name: winner, version: before.version + 1 });
    expect(await auditSince(seq)).toHaveLength(1);
  });

  it('404 USER_NOT_FOUND for any user of 凤冈县 (read or write), and the attempt changes nothing', async () => {
    const seq = await maxSeq();
    const attempts: Record<string, unknown>[] = [
      { version: 1, name: '越权' },
      { version: 1, disabled: true },
      { version: 1, resetPassword: true },
      { version: 1, unlock: true },
      { version: 1, role: 'reporter' },
      { version: 1, regionCode: HHG_TOWNS[0]! },
    ];
    for (const key of ['fgOfficer', 'fgA', 'fgB', 'zunyi']) {
      const id = u[key]!.id;
      const before = await userRow(database, id);
      expectError(await call(app, officer, 'GET', `/api/users/${id}`), 404, 'USER_NOT_FOUND');
      for (const attempt of attempts) expectError(await patch(officer, id, attempt), 404, 'USER_NOT_FOUND');
      expect(await userRow(database, id)).toEqual(before);
    }
    expectError(await patch(officer, NO_SUCH_ID, { version: 1, name: 'x' }), 404, 'USER_NOT_FOUND');
    expect(await auditSince(seq)).toEqual([]);
  });

  it('404 REGION_NOT_FOUND when moving a user out of the scope; nothing changes', async () => {
    const before = await userRow(database, u.hhgA!.id);
    for (const regionCode of [FENGGANG, FG_TOWNS[0]!, ZUNYI, COUNTRY, '520302999000']) {
      expectError(await patch(officer, u.hhgA!.id, { version: before.version, regionCode }), 404, 'REGION_NOT_FOUND');
    }
    expect(await userRow(database, u.hhgA!.id)).toEqual(before);
  });

  it('403: roles the officer may not grant or touch, own role and own account, missing users:manage', async () => {
    const seq = await maxSeq();
    const a = await userRow(database, u.hhgA!.id);
    expectError(await patch(officer, u.hhgA!.id, { version: a.version, role: 'system_admin' }), 403, 'ROLE_NOT_ASSIGNABLE');
    const sec = await userRow(database, u.hhgSecurity!.id);
    expectError(await patch(officer, u.hhgSecurity!.id, { version: sec.version, name: 'x' }), 403, 'ROLE_NOT_ASSIGNABLE');
    const me = await userRow(database, u.officer!.id);
    expectError(await patch(officer, u.officer!.id, { version: me.version, role: 'leader' }), 403, 'FORBIDDEN');
    expectError(await patch(officer, u.officer!.id, { version: me.version, disabled: true }), 403, 'FORBIDDEN');
    expectError(await patch(leader, u.hhgA!.id, { version: a.version, name: 'x' }), 403, 'FORBIDDEN');
    expectError(await patch(townOfficer, u.hhgA!.id, { version: a.version, name: 'x' }), 403, 'FORBIDDEN');
    expect(await userRow(database, u.hhgA!.id)).toEqual(a);
    expect(await userRow(database, u.hhgSecurity!.id)).toEqual(sec);
    expect(await userRow(database, u.officer!.id)).toEqual(me);
    expect(await auditSince(seq)).toEqual([]);
  });

  it('400 VALIDATION_FAILED for bad bodies, unknown fields and a malformed id', async () => {
    const before = await userRow(database, u.hhgA!.id);
    const v = before.version;
    const bad: unknown[] = [
      {},
      { name: 'x' },
      { version: 0, name: 'x' },
      { version: '1', name: 'x' },
      { version: 1.5 },
      { version: v, name: '' },
      { version: v, role: 'god' },
      { version: v, regionCode: '5203' },
      { version: v, disabled: 'yes' },
      { version: v, resetPassword: false },
      { version: v, unlock: false },
      [],
      'x',
      null,
      42,
    ];
    for (const body of bad) expectError(await sendJson(officer, 'PATCH', `/api/users/${u.hhgA!.id}`, body), 400, 'VALIDATION_FAILED');
    for (const extra of [{ username: 'renamed' }, { passwordHash: 'x' }, { mustChangePassword: false }, { totpEnabled: false }]) {
      const body = expectError(await patch(officer, u.hhgA!.id, { version: v, ...extra }), 400, 'VALIDATION_FAILED');
      expect(body.details).toEqual([expect.objectContaining({ keys: Object.keys(extra) })]);
    }
    expectError(await patch(officer, 'not-a-uuid', { version: v, name: 'x' }), 400, 'VALIDATION_FAILED');
    expect(await userRow(database, u.hhgA!.id)).toEqual(before);
  });

  it('403 CSRF_FAILED without the header; 401 without a session; nothing changes', async () => {
    const before = await userRow(database, u.hhgA!.id);
    const noHeader = await app.inject({
      method: 'PATCH',
      url: `/api/users/${u.hhgA!.id}`,
      payload: { version: before.version, name: 'csrf' },
      headers: { cookie: officer.cookie },
    });
    expectError(noHeader, 403, 'CSRF_FAILED');
    expectError(await call(app, null, 'PATCH', `/api/users/${u.hhgA!.id}`, { version: before.version, name: 'x' }), 401, 'UNAUTHENTICATED');
    expect(await userRow(database, u.hhgA!.id)).toEqual(before);
  });
});

describe('the audit row is written in the same transaction as the change', () => {
  it('when the audit insert fails, the user change and the new user are rolled back', async () => {
    const before = await userRow(database, u.hhgA!.id);
    const count0 = await userCount();
    const seq = await maxSeq();
    await database.db.execute(
      sql.raw(`create function fx_test_refuse_audit() returns trigger language plpgsql as $$
        begin raise exception 'audit write refused by the test'; end $$`),
    );
    await database.db.execute(sql.raw(`create trigger fx_test_refuse_audit before insert on audit_log for each row execute function fx_test_refuse_audit()`));
    try {
      const upd = await call(app, officer, 'PATCH', `/api/users/${u.hhgA!.id}`, { version: before.version, name: '不应保存' });
      expect(upd.statusCode).toBeGreaterThanOrEqual(500);
      const crt = await call(app, officer, 'POST', '/api/users', { username: 'hhg-rolled-back', name: '回滚', role: 'reporter', regionCode: HHG_TOWNS[0]! });
      expect(crt.statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await database.db.execute(sql.raw('drop trigger fx_test_refuse_audit on audit_log'));
      await database.db.execute(sql.raw('drop function fx_test_refuse_audit()'));
    }
    expect(await userRow(database, u.hhgA!.id)).toEqual(before);
    expect(await userCount()).toBe(count0);
    expect(await auditSince(seq)).toEqual([]);
  });

  it('the hash chain of every write above still verifies', async () => {
    const check = await verifyAuditChain(database.db, testSecrets.auditKey);
    expect(check).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(check.checked).toBe(await maxSeq());
  });

  it('sessions of users were revoked only where the verb says so', async () => {
    const rows = await database.db.select({ userId: sessions.userId }).from(sessions);
    const holders = new Set(rows.map((r) => r.userId));
    expect(holders.has(u.officer!.id)).toBe(true);
    expect(holders.has(u.hhgVictim!.id)).toBe(false);
  });
});
