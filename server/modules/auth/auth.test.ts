import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { auditLog } from '../../db/schema/audit';
import { users } from '../../db/schema/users';
import type { Database } from '../../db/client';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, TEST_PASSWORD, userRow } from '../../test/http';
import { LOCKOUT, login as loginVerb } from './auth.service';
import { totpCode } from './totp';

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  app = await testApp(database, { loginRateLimitPerMinute: 1000 });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function auditRows(action: string, entityId?: string) {
  return database.db
    .select()
    .from(auditLog)
    .where(entityId ? and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)) : eq(auditLog.action, action));
}

describe('login', () => {
  it('issues an HttpOnly SameSite=Strict session cookie, a CSRF token, and audits the login', async () => {
    const u = await makeUser(database, { username: 'login_ok', role: 'officer', regionCode: '520302000000' });
    const res = await call(app, null, 'POST', '/api/auth/login', { username: 'login_ok', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'fx_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.value.length).toBeGreaterThanOrEqual(43);
    const body = res.json();
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.user).toMatchObject({ username: 'login_ok', role: 'officer', regionName: '红花岗区', regionLevel: 'county' });
    expect(await auditRows('auth.login', u.id)).toHaveLength(1);
    const me = await call(app, { cookie: `fx_sid=${cookie.value}`, csrf: '' }, 'GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it('answers unknown user and wrong password identically (AUTH_FAILED)', async () => {
    await makeUser(database, { username: 'same_answer', role: 'officer', regionCode: '520302000000' });
    const unknown = await call(app, null, 'POST', '/api/auth/login', { username: 'nobody_here', password: 'Wrong#Pass1' });
    const wrong = await call(app, null, 'POST', '/api/auth/login', { username: 'same_answer', password: 'Wrong#Pass1' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.json().code).toBe('AUTH_FAILED');
    expect(unknown.cookies).toHaveLength(0);
  });

  it('finds the account whatever the case or width of the username', async () => {
    await makeUser(database, { username: 'wide_name', role: 'officer', regionCode: '520302000000' });
    const res = await call(app, null, 'POST', '/api/auth/login', { username: 'ＷＩＤＥ_name ', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
  });

  it('locks the account after 5 failures in 15 minutes, for 30 minutes, even with the right password', async () => {
    const u = await makeUser(database, { username: 'lock_me', role: 'officer', regionCode: '520302000000' });
    let now = new Date('2026-11-26T02:00:00Z');
    const ctx = { ...ctxFor(database), now: () => now };
    for (let i = 1; i <= 4; i++) {
      await expect(loginVerb(ctx, { username: 'lock_me', password: 'Wrong#Pass1' })).rejects.toMatchObject({ code: 'AUTH_FAILED' });
      now = new Date(now.getTime() + 60_000);
    }
    await expect(loginVerb(ctx, { username: 'lock_me', password: 'Wrong#Pass1' })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    await expect(loginVerb(ctx, { username: 'lock_me', password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED', status: 403 });
    expect(await auditRows('auth.lockout', u.id)).toHaveLength(1);
    expect((await auditRows('auth.login', u.id)).filter((r) => r.result === 'failure')).toHaveLength(6);
    now = new Date(now.getTime() + LOCKOUT.lockMs - 120_000);
    await expect(loginVerb(ctx, { username: 'lock_me', password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    now = new Date(now.getTime() + 120_000);
    await expect(loginVerb(ctx, { username: 'lock_me', password: TEST_PASSWORD })).resolves.toMatchObject({ user: { username: 'lock_me' } });
  });

  it('does not lock when the failures are spread over more than 15 minutes', async () => {
    await makeUser(database, { username: 'slow_fail', role: 'officer', regionCode: '520302000000' });
    let now = new Date('2026-11-26T02:00:00Z');
    const ctx = { ...ctxFor(database), now: () => now };
    for (let i = 0; i < 8; i++) {
      await expect(loginVerb(ctx, { username: 'slow_fail', password: 'Wrong#Pass1' })).rejects.toMatchObject({ code: 'AUTH_FAILED' });
      now = new Date(now.getTime() + 4 * 60_000);
    }
  });

  it('refuses a disabled account after checking the password', async () => {
    const u = await makeUser(database, { username: 'gone_user', role: 'officer', regionCode: '520302000000' });
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, u.id));
    const res = await call(app, null, 'POST', '/api/auth/login', { username: 'gone_user', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('rate-limits logins per IP (429)', async () => {
    const limited = await testApp(database, { loginRateLimitPerMinute: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await call(limited, null, 'POST', '/api/auth/login', { username: 'nobody', password: 'x' })).statusCode);
    }
    await limited.close();
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes.slice(3)).toEqual([429, 429]);
  });
});

describe('sessions', () => {
  it('logout revokes the session server-side and is audited', async () => {
    const u = await makeUser(database, { username: 'bye_user', role: 'officer', regionCode: '520302000000' });
    const s = await login(app, 'bye_user');
    expect((await call(app, s, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await call(app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await auditRows('auth.logout', u.id)).toHaveLength(1);
  });

  it('rejects unsafe requests without the CSRF token', async () => {
    await makeUser(database, { username: 'csrf_user', role: 'officer', regionCode: '520302000000' });
    const s = await login(app, 'csrf_user');
    const res = await call(app, { cookie: s.cookie, csrf: 'forged' }, 'POST', '/api/auth/logout');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
    const noHeader = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(noHeader.statusCode).toBe(403);
  });

  it('rejects a login POST from a foreign Origin', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'csrf_user', password: TEST_PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('expires after 30 idle minutes and after 12 hours in any case', async () => {
    await makeUser(database, { username: 'idle_user', role: 'officer', regionCode: '520302000000' });
    const { loadSession } = await import('../../core/session');
    const t = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
    const start = new Date();
    const res = await loginVerb({ ...ctxFor(database), now: () => start }, { username: 'idle_user', password: TEST_PASSWORD });
    const at = (min: number) => new Date(start.getTime() + min * 60_000);
    expect((await loadSession(database.db, res.token, at(29.9), t)).status).toBe('ok');
    // Active every 29 minutes: still cut at 12 hours.
    let m = 29.9;
    while (m + 29 < 12 * 60) {
      m += 29;
      expect((await loadSession(database.db, res.token, at(m), t)).status).toBe('ok');
    }
    expect((await loadSession(database.db, res.token, at(12 * 60 + 1), t)).status).toBe('expired');
    const second = await loginVerb({ ...ctxFor(database), now: () => start }, { username: 'idle_user', password: TEST_PASSWORD });
    expect((await loadSession(database.db, second.token, at(30.1), t)).status).toBe('expired');
  });
});

describe('first password', () => {
  it('blocks everything until the admin-set password is changed, then works', async () => {
    const u = await makeUser(database, { username: 'new_officer', role: 'officer', regionCode: '520302000000', mustChangePassword: true });
    const s = await login(app, 'new_officer');
    const blocked = await call(app, s, 'GET', '/api/regions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await call(app, s, 'GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);

    const weak = await call(app, s, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'abc12345' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('PASSWORD_POLICY');
    const same = await call(app, s, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.json().details.problems).toContain('reused');
    const wrongCurrent = await call(app, s, 'POST', '/api/auth/password', { currentPassword: 'nope', newPassword: 'Fresh#Pass2026' });
    expect(wrongCurrent.json().code).toBe('PASSWORD_WRONG');

    const ok = await call(app, s, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Fresh#Pass2026' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mustChangePassword).toBe(false);
    expect((await call(app, s, 'GET', '/api/regions')).statusCode).toBe(200);
    expect(await auditRows('auth.password.change', u.id)).toHaveLength(1);
  });

  it('refuses any of the last 5 passwords', async () => {
    await makeUser(database, { username: 'rotator', role: 'officer', regionCode: '520302000000' });
    const s = await login(app, 'rotator');
    const seq = ['Rotate#One2026', 'Rotate#Two2026', 'Rotate#Three2026', 'Rotate#Four2026'];
    let current = TEST_PASSWORD;
    for (const next of seq) {
      expect((await call(app, s, 'POST', '/api/auth/password', { currentPassword: current, newPassword: next })).statusCode).toBe(200);
      current = next;
    }
    // History now holds TEST_PASSWORD, One, Two, Three (+ current Four): all five are refused.
    for (const old of [TEST_PASSWORD, ...seq]) {
      const res = await call(app, s, 'POST', '/api/auth/password', { currentPassword: current, newPassword: old });
      expect(res.json().details?.problems).toContain('reused');
    }
    const fresh = await call(app, s, 'POST', '/api/auth/password', { currentPassword: current, newPassword: 'Rotate#Five2026' });
    expect(fresh.statusCode).toBe(200);
  });

  it('revokes the other sessions of the user when the password changes', async () => {
    await makeUser(database, { username: 'two_devices', role: 'officer', regionCode: '520302000000' });
    const phone = await login(app, 'two_devices');
    const desk = await login(app, 'two_devices');
    await call(app, phone, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Devices#2026ok' });
    expect((await call(app, phone, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(app, desk, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('two-factor (TOTP)', () => {
  it('is required per role by the security admin, enrolled by the user, then asked at login; a code is never reused', async () => {
    await makeUser(database, { username: 'sec_admin', role: 'security_admin', regionCode: '000000000000' });
    const u = await makeUser(database, { username: 'leader_2fa', role: 'leader', regionCode: '520300000000' });
    const sec = await login(app, 'sec_admin');
    const officerTry = await call(app, await login(app, 'leader_2fa'), 'PUT', '/api/auth/policy', { totpRequiredRoles: [] });
    expect(officerTry.statusCode).toBe(403);
    const set = await call(app, sec, 'PUT', '/api/auth/policy', { totpRequiredRoles: ['leader'] });
    expect(set.statusCode).toBe(200);
    expect(await auditRows('auth.policy.update')).toHaveLength(1);

    const s = await login(app, 'leader_2fa');
    expect((await call(app, s, 'GET', '/api/auth/me')).json().user.totpEnrollmentRequired).toBe(true);
    expect((await call(app, s, 'GET', '/api/regions')).json().code).toBe('TOTP_ENROLLMENT_REQUIRED');
    const setup = (await call(app, s, 'POST', '/api/auth/totp/setup')).json();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect((await call(app, s, 'POST', '/api/auth/totp/enable', { code: '000000' })).json().code).toBe('TOTP_INVALID');
    const code = await totpCode(setup.secret, new Date());
    expect((await call(app, s, 'POST', '/api/auth/totp/enable', { code })).statusCode).toBe(200);
    expect((await call(app, s, 'GET', '/api/regions')).statusCode).toBe(200);
    expect((await userRow(database, u.id)).totpSecret).not.toContain(setup.secret);

    const noCode = await call(app, null, 'POST', '/api/auth/login', { username: 'leader_2fa', password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    expect(noCode.cookies).toHaveLength(0);
    // The code used for enrolment is spent: the next login needs the next step's code.
    const replay = await call(app, null, 'POST', '/api/auth/login', { username: 'leader_2fa', password: TEST_PASSWORD, totpCode: code });
    expect(replay.json().code).toBe('TOTP_INVALID');
    const next = await totpCode(setup.secret, new Date(Date.now() + 30_000));
    const ok = await call(app, null, 'POST', '/api/auth/login', { username: 'leader_2fa', password: TEST_PASSWORD, totpCode: next });
    expect(ok.statusCode).toBe(200);
    const again = await call(app, null, 'POST', '/api/auth/login', { username: 'leader_2fa', password: TEST_PASSWORD, totpCode: next });
    expect(again.json().code).toBe('TOTP_INVALID');
    await call(app, sec, 'PUT', '/api/auth/policy', { totpRequiredRoles: [] });
  });
});
