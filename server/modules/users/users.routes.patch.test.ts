// Route tests of PATCH /api/users/:id through app.inject, on a real migrated database: edits, moves,
// disabling, optimistic locking, scope, validation, CSRF, and the audit row in the same transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FENGGANG,
  ZUNYI,
  COUNTRY,
  HHG_TOWNS,
  FG_TOWNS,
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
  setUpUsersWorld,
  tearDownUsersWorld,
} from './users.routes.fixture';
import { sql } from 'drizzle-orm';
import type { User, UserWithPassword } from '../../../common/contracts/users';
import { verifyAuditChain } from '../../core/audit';
import { sessions } from '../../db/schema/auth';
import { testSecrets } from '../../test/db';
import { call, expectError, login, userRow, type Session } from '../../test/http';

beforeAll(setUpUsersWorld);
afterAll(tearDownUsersWorld);

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
