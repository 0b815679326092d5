// Route tests of /api/users through app.inject, on a real migrated database: listing, reading and
// creating users — permissions, region scope, validation, CSRF and the audit row of every write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HONGHUAGANG,
  FENGGANG,
  ZUNYI,
  COUNTRY,
  HHG_TOWNS,
  FG_TOWNS,
  CHINESE,
  NO_SUCH_ID,
  database,
  app,
  admin,
  officer,
  leader,
  townOfficer,
  u,
  maxSeq,
  auditSince,
  userCount,
  sendJson,
  listAll,
  setUpUsersWorld,
  tearDownUsersWorld,
} from './users.routes.fixture';
import type { User, UserList, UserWithPassword } from '../../../common/contracts/users';
import { users } from '../../db/schema/users';
import { verifyAuditChain } from '../../core/audit';
import { testSecrets } from '../../test/db';
import { call, expectError, userRow } from '../../test/http';

beforeAll(setUpUsersWorld);
afterAll(tearDownUsersWorld);

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

describe('the audit chain', () => {
  it('verifies after every write above', async () => {
    const check = await verifyAuditChain(database.db, testSecrets.auditKey);
    expect(check).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(check.checked).toBe(await maxSeq());
  });
});
