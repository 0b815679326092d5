import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { sessions } from '../../db/schema/auth';
import { ctxFor, seedTestRegions, SYSTEM, testDatabase } from '../../test/db';
import { makeUser, type TestUser } from '../../test/http';
import { createSession } from '../../core/session';
import { createUser, getUser, listUsers, updateUser } from './users.service';

let database: Database;
let hhgOfficer: TestUser;
let fgUser: TestUser;

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  hhgOfficer = await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  fgUser = await makeUser(database, { username: 'fg_rep', role: 'reporter', regionCode: '520327001000' });
});
afterAll(() => database.close());

const as = (u: { id: string; username: string; role: TestUser['role']; regionCode: string }) => ctxFor(database, u);
const auditOf = (action: string, id: string) =>
  database.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, id)));

describe('createUser', () => {
  it('creates a user in scope that must change the generated password, with one audit row', async () => {
    const u = await createUser(as(hhgOfficer), { username: 'town_a', name: '张三', role: 'town_officer', regionCode: '520302001000' });
    expect(u.temporaryPassword).toMatch(/.{12,}/);
    expect(u).toMatchObject({ mustChangePassword: true, regionName: expect.any(String), version: 1 });
    const rows = await auditOf('user.create', u.id);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.details)).not.toContain(u.temporaryPassword!);
  });

  it('answers 404 for a region outside the scope and for a region that does not exist', async () => {
    await expect(
      createUser(as(hhgOfficer), { username: 'town_b', name: '李四', role: 'town_officer', regionCode: '520327001000' }),
    ).rejects.toMatchObject({ status: 404, code: 'REGION_NOT_FOUND' });
    await expect(
      createUser(as(hhgOfficer), { username: 'town_c', name: '王五', role: 'town_officer', regionCode: '520302999000' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('is forbidden without users:manage', async () => {
    await expect(
      createUser(as(fgUser), { username: 'x_user', name: '某', role: 'reporter', regionCode: '520327001000' }),
    ).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('lets only the system admin grant the 三员 roles; one account holds one role', async () => {
    await expect(
      createUser(as(hhgOfficer), { username: 'sneaky', name: '某', role: 'audit_admin', regionCode: '520302000000' }),
    ).rejects.toMatchObject({ status: 403, code: 'ROLE_NOT_ASSIGNABLE' });
    const a = await createUser(as(SYSTEM), { username: 'auditor2', name: '审计', role: 'audit_admin', regionCode: '000000000000' });
    expect(a.role).toBe('audit_admin');
  });

  it('refuses a taken username, whatever its case or width', async () => {
    await expect(
      createUser(as(hhgOfficer), { username: 'HHG_OFF', name: '重名', role: 'reporter', regionCode: '520302000000' }),
    ).rejects.toMatchObject({ status: 409, code: 'USERNAME_TAKEN' });
  });

  it('applies the password policy to a given password', async () => {
    await expect(
      createUser(as(hhgOfficer), { username: 'weakling', name: '弱', role: 'reporter', regionCode: '520302000000', password: 'password1' }),
    ).rejects.toMatchObject({ status: 400, code: 'PASSWORD_POLICY' });
  });
});

describe('updateUser', () => {
  it('disables a user, revokes their sessions and audits the change', async () => {
    const u = await createUser(as(hhgOfficer), { username: 'to_disable', name: '停用', role: 'reporter', regionCode: '520302001000' });
    await createSession(database.db, u.id, new Date(), null);
    const after = await updateUser(as(hhgOfficer), u.id, { version: 1, disabled: true });
    expect(after).toMatchObject({ disabled: true, version: 2 });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    const [row] = await auditOf('user.update', u.id);
    expect(row!.details).toEqual({ changes: { disabled: { before: false, after: true } } });
  });

  it('resets a password to a one-time password that must be changed', async () => {
    const u = await createUser(as(hhgOfficer), { username: 'forgetful', name: '忘了', role: 'reporter', regionCode: '520302001000', password: 'Remember#2026x' });
    const after = await updateUser(as(hhgOfficer), u.id, { version: 1, resetPassword: true });
    expect(after.temporaryPassword).toBeDefined();
    expect(after.mustChangePassword).toBe(true);
    expect(await auditOf('user.password.reset', u.id)).toHaveLength(1);
  });

  it('detects a concurrent edit (409 VERSION_CONFLICT) and loses no update', async () => {
    const u = await createUser(as(hhgOfficer), { username: 'contested', name: '甲', role: 'reporter', regionCode: '520302001000' });
    const results = await Promise.allSettled([
      updateUser(as(hhgOfficer), u.id, { version: 1, name: '乙' }),
      updateUser(as(hhgOfficer), u.id, { version: 1, name: '丙' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    const now = await getUser(as(hhgOfficer), u.id);
    expect(now.version).toBe(2);
  });

  it('answers 404 for a user outside the scope and changes nothing', async () => {
    await expect(updateUser(as(hhgOfficer), fgUser.id, { version: 1, disabled: true })).rejects.toMatchObject({ status: 404, code: 'USER_NOT_FOUND' });
    await expect(getUser(as(hhgOfficer), fgUser.id)).rejects.toMatchObject({ status: 404 });
    expect((await getUser(as(SYSTEM), fgUser.id)).disabled).toBe(false);
  });

  it('does not let a user change their own role or disable themselves', async () => {
    await expect(updateUser(as(hhgOfficer), hhgOfficer.id, { version: 1, role: 'leader' })).rejects.toMatchObject({ status: 403 });
    await expect(updateUser(as(hhgOfficer), hhgOfficer.id, { version: 1, disabled: true })).rejects.toMatchObject({ status: 403 });
  });

  it('moves a user only to a region inside the scope', async () => {
    const u = await createUser(as(hhgOfficer), { username: 'mover', name: '调动', role: 'reporter', regionCode: '520302001000' });
    await expect(updateUser(as(hhgOfficer), u.id, { version: 1, regionCode: '520327000000' })).rejects.toMatchObject({ status: 404 });
    expect((await updateUser(as(hhgOfficer), u.id, { version: 1, regionCode: '520302002000' })).regionCode).toBe('520302002000');
  });
});

describe('listUsers', () => {
  it('pages through exactly the users under the scope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 7 }), async (pageSize) => {
        const seen: string[] = [];
        for (let page = 1; ; page++) {
          const res = await listUsers(as(hhgOfficer), { page, pageSize });
          seen.push(...res.items.map((i) => i.regionCode));
          if (page * pageSize >= res.total) break;
        }
        expect(seen.every((c) => c.startsWith('520302'))).toBe(true);
        const all = await listUsers(as(SYSTEM), { page: 1, pageSize: 200 });
        expect(seen).toHaveLength(all.items.filter((i) => i.regionCode.startsWith('520302')).length);
      }),
      { numRuns: 10 },
    );
  });
});
