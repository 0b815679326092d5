import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { eq, like, sql } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import { idCheckChar } from '../../../common/id-card';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { users } from '../../db/schema/users';
import { verifyApprover } from './isolation.approval';
import { institutions } from '../../db/schema/institutions';
import { isolationChecks, isolationPersons } from '../../db/schema/isolation';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, TEST_PASSWORD, type Session } from '../../test/http';

let database: Database;
let app: FastifyInstance;
let hhg: Session;
let fg: Session;
let lead: Session;
let rep: Session;
let town: Session;
let home: typeof institutions.$inferSelect;
let otherHome: typeof institutions.$inferSelect;
const today = businessDay(new Date());
const responses: string[] = [];

const idNumber = (seq: number) => {
  const body = `520302198805${String(10 + (seq % 18)).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`;
  return body + idCheckChar(body);
};
const NAME = '张秀英';
const ID = idNumber(17);

async function api(s: Session, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  const res = await call(app, s, method, url, body);
  responses.push(res.body);
  return res;
}
const register = (s: Session, over: Record<string, unknown> = {}) =>
  api(s, 'POST', '/api/isolation', { institutionId: home.id, role: 'staff', reason: 'returning', name: NAME, idNumber: ID, startDate: addDays(today, -12), ...over });
const check = (s: Session, id: string, body: Record<string, unknown>) => api(s, 'POST', `/api/isolation/${id}/checks`, { day: today, ...body });
const clear = async (id: string) => {
  expect((await check(rep, id, { kind: 'test', testResult: 'negative' })).statusCode).toBe(200);
  expect((await check(rep, id, { kind: 'symptom', symptoms: false, temperature: 36.5 })).statusCode).toBe(200);
};
const audits = (action: string) => database.db.select().from(auditLog).where(eq(auditLog.action, action));

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  const homes = await database.db.select().from(institutions).where(like(institutions.regionCode, '520302%')).orderBy(institutions.name);
  home = homes.find((i) => i.type === 'elderly_care')!;
  otherHome = homes.find((i) => i.type === 'elderly_care' && i.regionCode !== home.regionCode)!;
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  await makeUser(database, { username: 'hhg_lead', role: 'leader', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_lead', role: 'leader', regionCode: '520327000000' });
  await makeUser(database, { username: 'town_off', role: 'town_officer', regionCode: home.regionCode });
  await makeUser(database, { username: 'rep', role: 'reporter', regionCode: home.regionCode });
  await database.db.execute(sql`update users set institution_id = ${home.id} where username = 'rep'`);
  app = await testApp(database);
  hhg = await login(app, 'hhg_off');
  fg = await login(app, 'fg_off');
  lead = await login(app, 'hhg_lead');
  rep = await login(app, 'rep');
  town = await login(app, 'town_off');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('isolation before admission', () => {
  let day13: string;

  it('registers a returning staff member under the 14-day default, masked; others may not', async () => {
    expect((await api(hhg, 'GET', '/api/isolation/policy?region=520302000000')).json()).toMatchObject({ days: 14, source: null });
    expect((await register(lead)).statusCode).toBe(403);
    expect((await register(town)).statusCode).toBe(403);
    expect((await register(fg)).statusCode).toBe(404);
    expect((await register(rep, { idNumber: '520302198805120011' })).json().code).toBe('ID_NUMBER_INVALID');
    expect((await register(rep, { startDate: addDays(today, 1) })).json().code).toBe('ISOLATION_FUTURE_START');
    expect((await register(rep, { reason: 'foundling' })).json().details[0].path).toBe('body.role');
    const res = await register(rep);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      nameMasked: '张*',
      idNumberMasked: `520***********${ID.slice(-4)}`,
      requiredDays: 14,
      dayOfIsolation: 13,
      earliestRelease: addDays(today, 2),
      status: 'isolating',
      screeningRequired: false,
    });
    day13 = res.json().id;
    expect((await register(rep)).json().code).toBe('ISOLATION_DUPLICATE');
    const [audit] = await audits('isolation.register');
    expect(audit).toMatchObject({ entityId: day13, actorUsername: 'rep', regionCode: home.regionCode });
  });

  it('refuses admission on day 13 and day 14 of 14 even with a negative test and no symptoms; admits on day 15', async () => {
    await clear(day13);
    expect((await audits('isolation.check')).map((a) => [a.entityId, a.actorUsername, (a.details as { kind: string }).kind])).toEqual([
      [day13, 'rep', 'test'],
      [day13, 'rep', 'symptom'],
    ]);
    expect((await check(town, day13, { kind: 'symptom', symptoms: false })).statusCode).toBe(403);
    expect((await api(town, 'POST', `/api/isolation/${day13}/admit`, {})).statusCode).toBe(403);
    expect((await api(fg, 'POST', `/api/isolation/${day13}/admit`, {})).statusCode).toBe(404);
    const refused = await api(rep, 'POST', `/api/isolation/${day13}/admit`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'ISOLATION_PERIOD_NOT_MET', details: { blockers: [{ code: 'ISOLATION_PERIOD_NOT_MET' }] } });
    expect(refused.json().message).toContain('今天是第 13 天');
    const day14 = (await register(rep, { idNumber: idNumber(14), startDate: addDays(today, -13) })).json().id;
    await clear(day14);
    expect((await api(rep, 'POST', `/api/isolation/${day14}/admit`, {})).json().code).toBe('ISOLATION_PERIOD_NOT_MET');
    const day15 = (await register(rep, { idNumber: idNumber(15), startDate: addDays(today, -14) })).json().id;
    const noTest = await api(rep, 'POST', `/api/isolation/${day15}/admit`, {});
    expect(noTest.json().details.blockers.map((b: { code: string }) => b.code)).toEqual(['ISOLATION_NEGATIVE_TEST_MISSING', 'ISOLATION_SYMPTOM_CHECK_MISSING']);
    // A test on the start day does not count: it must be dated after the start.
    await check(rep, day15, { kind: 'test', testResult: 'negative', day: addDays(today, -14) });
    await check(rep, day15, { kind: 'symptom', symptoms: true, day: addDays(today, -1) });
    const still = await api(rep, 'POST', `/api/isolation/${day15}/admit`, {});
    expect(still.json().details.blockers.map((b: { code: string }) => b.code)).toEqual(['ISOLATION_NEGATIVE_TEST_MISSING', 'ISOLATION_SYMPTOMS_PRESENT']);
    await clear(day15);
    const ok = await api(rep, 'POST', `/api/isolation/${day15}/admit`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'admitted', overridden: false, blockers: [] });
    expect((await api(rep, 'POST', `/api/isolation/${day15}/admit`, {})).statusCode).toBe(409);
    const [audit] = await audits('isolation.admit');
    expect(audit).toMatchObject({ entityId: day15, actorUsername: 'rep', details: { day: 15, requiredDays: 14 } });
    // A later positive test blocks again.
    const pos = (await register(rep, { idNumber: idNumber(16), startDate: addDays(today, -20) })).json().id;
    await clear(pos);
    await check(rep, pos, { kind: 'test', testResult: 'positive' });
    expect((await api(rep, 'POST', `/api/isolation/${pos}/admit`, {})).json().code).toBe('ISOLATION_TEST_POSITIVE');
  });

  it('a foundling needs the hospital screening first', async () => {
    const baby = (await register(rep, { role: 'resident', reason: 'foundling', name: '新生男婴', idNumber: undefined, startDate: addDays(today, -20) })).json();
    expect(baby).toMatchObject({ screeningRequired: true, idNumberMasked: null, nameMasked: '新*' });
    await clear(baby.id);
    expect((await api(rep, 'POST', `/api/isolation/${baby.id}/admit`, {})).json().code).toBe('ISOLATION_SCREENING_MISSING');
    expect((await check(rep, day13, { kind: 'screening', note: '市第一人民医院' })).json().code).toBe('ISOLATION_SCREENING_NOT_REQUIRED');
    await check(rep, baby.id, { kind: 'screening', note: '遵义市第一人民医院筛查无异常' });
    expect((await api(rep, 'POST', `/api/isolation/${baby.id}/admit`, {})).statusCode).toBe(200);
  });

  it('an override needs another user with isolation:approve, their password and a reason; refusals are audited', async () => {
    const override = (username: string, password = TEST_PASSWORD) => ({ override: { approverUsername: username, approverPassword: password, reason: '护理岗位紧缺，经卫健部门评估同意' } });
    expect((await api(hhg, 'POST', `/api/isolation/${day13}/admit`, override('hhg_off'))).json().code).toBe('ISOLATION_APPROVER_SELF');
    expect((await api(rep, 'POST', `/api/isolation/${day13}/admit`, override('hhg_lead', 'wrong-password'))).json().code).toBe('ISOLATION_APPROVER_INVALID');
    expect((await api(rep, 'POST', `/api/isolation/${day13}/admit`, override('nobody'))).json().code).toBe('ISOLATION_APPROVER_INVALID');
    expect((await api(rep, 'POST', `/api/isolation/${day13}/admit`, override('town_off'))).statusCode).toBe(403);
    expect((await api(rep, 'POST', `/api/isolation/${day13}/admit`, override('fg_lead'))).statusCode).toBe(403);
    expect((await api(rep, 'POST', `/api/isolation/${day13}/admit`, { override: { approverUsername: 'hhg_lead', approverPassword: TEST_PASSWORD } })).statusCode).toBe(400);
    expect((await audits('isolation.override')).map((a) => [a.result, (a.details as { reason: string }).reason])).toEqual([
      ['failure', 'same_user'],
      ['failure', 'wrong_password'],
      ['failure', 'unknown_user'],
      ['failure', 'approver_not_permitted'],
      ['failure', 'approver_not_permitted'],
    ]);
    const ok = await api(rep, 'POST', `/api/isolation/${day13}/admit`, override('hhg_lead'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'admitted', overridden: true, overrideReason: '护理岗位紧缺，经卫健部门评估同意' });
    const last = (await audits('isolation.override')).at(-1)!;
    expect(last).toMatchObject({ result: 'success', actorUsername: 'rep', details: { approverUsername: 'hhg_lead', overridden: ['ISOLATION_PERIOD_NOT_MET'] } });
  });

  it('a policy change to 7 days recomputes the open clocks of the region, audited; a nearer policy wins', async () => {
    const a = (await register(rep, { idNumber: idNumber(21), startDate: addDays(today, -8) })).json();
    const b = (await register(hhg, { institutionId: otherHome.id, idNumber: idNumber(22), startDate: addDays(today, -3) })).json();
    expect([a.requiredDays, b.requiredDays]).toEqual([14, 14]);
    const policy = { regionCode: '520302000000', days: 7, reason: '按省指挥部最新通知调整为7天' };
    expect((await api(rep, 'PUT', '/api/isolation/policy', policy)).statusCode).toBe(403);
    expect((await api(fg, 'PUT', '/api/isolation/policy', policy)).statusCode).toBe(404);
    expect((await api(hhg, 'PUT', '/api/isolation/policy', { ...policy, effectiveFrom: addDays(today, 1) })).json().code).toBe('ISOLATION_POLICY_FUTURE');
    const set = await api(hhg, 'PUT', '/api/isolation/policy', policy);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ days: 7, source: '520302000000', recomputed: 4 });
    const after = (await api(rep, 'GET', `/api/isolation/${a.id}`)).json();
    expect(after).toMatchObject({ requiredDays: 7, earliestRelease: addDays(today, -1) });
    await clear(a.id);
    expect((await api(rep, 'POST', `/api/isolation/${a.id}/admit`, {})).statusCode).toBe(200);
    const [audit] = await audits('isolation.policy');
    expect(audit!.details).toMatchObject({ days: 7, before: { days: 14, source: null }, recomputed: 4 });
    expect((audit!.details as { changes: unknown[] }).changes).toContainEqual({ id: b.id, before: 14, after: 7 });
    // The town of the second home keeps 10 days; a later county change does not touch it.
    const townPolicy = await api(hhg, 'PUT', '/api/isolation/policy', { regionCode: otherHome.regionCode, days: 10, reason: '街道从严' });
    expect(townPolicy.json()).toMatchObject({ days: 10, recomputed: 1 });
    await api(hhg, 'PUT', '/api/isolation/policy', { ...policy, days: 5 });
    expect((await api(hhg, 'GET', `/api/isolation/${b.id}`)).json().requiredDays).toBe(10);
    const inherited = (await api(town, 'GET', '/api/isolation/policy')).json();
    expect(inherited).toMatchObject({ days: 5, source: '520302000000' });
    expect(inherited.history.map((h: { days: number }) => h.days)).toEqual([5]);
  });

  it('keeps people inside the scope: other counties 404, a reporter sees only their institution; lookup by ID number', async () => {
    const list = (await api(rep, 'GET', '/api/isolation?pageSize=100')).json();
    expect(list.items.every((p: { institutionId: string }) => p.institutionId === home.id)).toBe(true);
    expect((await api(fg, 'GET', `/api/isolation/${day13}`)).statusCode).toBe(404);
    expect((await api(fg, 'POST', `/api/isolation/${day13}/checks`, { kind: 'symptom', symptoms: false, day: today })).statusCode).toBe(404);
    expect((await api(fg, 'GET', '/api/isolation?region=520302000000')).statusCode).toBe(404);
    const found = (await api(town, 'POST', '/api/isolation/lookup', { idNumber: ID })).json();
    expect(found.items.map((p: { id: string }) => p.id)).toEqual([day13]);
    expect((await api(fg, 'POST', '/api/isolation/lookup', { idNumber: ID })).json().items).toEqual([]);
    expect((await api(hhg, 'GET', '/api/isolation?status=isolating&pageSize=100')).json().total).toBeGreaterThan(0);
  });

  it("guessing an approver's password counts toward that approver's lockout", async () => {
    await makeUser(database, { username: 'hhg_lead2', role: 'leader', regionCode: '520302000000' });
    const ctx = ctxFor(database, await makeUser(database, { username: 'rep2', role: 'reporter', regionCode: home.regionCode }));
    const o = { approverUsername: 'hhg_lead2', approverPassword: 'Guess#2026xx', reason: '护理岗位紧缺，经卫健部门评估同意' };
    const attempt = (password: string) => verifyApprover(ctx, ctx.actor!, day13, home.regionCode, { ...o, approverPassword: password }).catch((e: { code: string }) => e.code);
    for (let i = 0; i < 5; i++) expect(await attempt('Guess#2026xx')).toBe('ISOLATION_APPROVER_INVALID');
    expect(await attempt(TEST_PASSWORD)).toBe('ISOLATION_APPROVER_INVALID');
    const [approver] = await database.db.select().from(users).where(eq(users.username, 'hhg_lead2'));
    expect(approver?.lockedUntil).not.toBeNull();
    expect((await audits('auth.lockout')).filter((a) => a.actorUsername === 'hhg_lead2')).toHaveLength(1);
  });

  it('stores no name or ID number in clear, and no response or audit row carries them', async () => {
    const persons = await database.db.select().from(isolationPersons);
    const checks = await database.db.select().from(isolationChecks);
    const audit = await database.db.select().from(auditLog);
    const dump = JSON.stringify([persons, checks, audit]);
    for (const secret of [NAME, ID, '新生男婴', ID.slice(3, 14)]) expect(dump).not.toContain(secret);
    expect(persons.every((p) => p.nameEnc.startsWith('v1:'))).toBe(true);
    const raw = await database.db.execute(sql`select * from isolation_persons`);
    expect(JSON.stringify(raw)).not.toContain(ID);
    expect(responses.length).toBeGreaterThan(40);
    for (const body of responses) for (const secret of [NAME, ID, '新生男婴', '秀英']) expect(body).not.toContain(secret);
  });
});
