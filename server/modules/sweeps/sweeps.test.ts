import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { households } from '../../db/schema/beneficiaries';
import { emergencyResponses } from '../../db/schema/emergency';
import { hotlineCalls } from '../../db/schema/hotline';
import { sweepContacts } from '../../db/schema/sweeps';
import { encrypt } from '../../core/crypto';
import { seedTestRegions, testDatabase, testSecrets } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';
import { insertHouseholds, insertVillages, phoneIndexOf } from './sweeps.fixtures';

let database: Database;
let app: FastifyInstance;
let officer: Session;
let townOfficer: Session;
let cadre: Session;
let otherCadre: Session;
let inspector: Session;
let leader: Session;
let hhg: Session;
let sweepId: string;
const KEYS = ['fine', 'oldAlone', 'disabled', 'tekun', 'exited', 'nanshan', 'shetang', 'hhg'] as const;
const H = {} as Record<(typeof KEYS)[number], string>;

const GANQUAN = '620503101201'; // a village of 马跑泉镇 (fixture)
const NANSHAN = '620503101202';
const SHETANG_V = '620503100201'; // a village of 社棠镇 (fixture), under a level II response
const DAY = 86_400_000;

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await insertVillages(database.db, [
    { code: GANQUAN, name: '甘泉村' },
    { code: NANSHAN, name: '南山村' },
    { code: SHETANG_V, name: '社棠村' },
  ]);
  const now = Date.now();
  const ids = await insertHouseholds(database.db, testSecrets, [
    { regionCode: GANQUAN, lastContactAt: new Date(now - 2 * DAY), members: [{ name: '王德福', phone: '13909381001', birthDate: '1970-05-01' }] },
    { regionCode: GANQUAN, livingAlone: true, lastContactAt: new Date(now - 90 * DAY), members: [{ name: '李秀英', phone: '13909381002', birthDate: '1936-02-01' }] },
    { regionCode: GANQUAN, programme: 'rural_dibao', lastContactAt: new Date(now - 1 * DAY), members: [{ name: '赵大军', phone: '13909381003', birthDate: '1980-01-01' }, { birthDate: '2010-01-01', disability: true }] },
    { regionCode: GANQUAN, programme: 'tekun_dispersed', members: [{ name: '特困户', birthDate: '1940-01-01' }] },
    { regionCode: GANQUAN, status: 'exited', members: [{ name: '已退出', birthDate: '1940-01-01' }] },
    { regionCode: NANSHAN, lastContactAt: new Date(now - 1 * DAY), members: [{ name: '孙南山', phone: '13909381004', birthDate: '1975-01-01' }] },
    { regionCode: SHETANG_V, lastContactAt: new Date(now - 1 * DAY), members: [{ name: '周社棠', birthDate: '1975-01-01' }] },
    { regionCode: '520302001201', lastContactAt: new Date(now - 1 * DAY), members: [{ name: '红花岗', birthDate: '1975-01-01' }] },
  ]);
  KEYS.forEach((k, i) => (H[k] = ids[i]!));
  // A recent hotline call from 王德福's phone; a level II response over 社棠镇.
  await database.db.insert(hotlineCalls).values({
    id: randomUUID(), regionCode: GANQUAN, townCode: '620503101000', callerNameEnc: encrypt(testSecrets.encryptionKey, '王德福'),
    callerPhoneEnc: encrypt(testSecrets.encryptionKey, '13909381001'), callerPhoneIndex: phoneIndexOf(testSecrets, '13909381001'),
    addressEnc: encrypt(testSecrets.encryptionKey, '甘泉村'), category: 'economic', urgency: 'normal', content: '失业无收入',
    takenById: randomUUID(), takenByName: '接线员', verifyDueAt: new Date(now + DAY), createdAt: new Date(now - 3 * DAY),
  });
  await database.db.insert(emergencyResponses).values({ id: randomUUID(), regionCode: '620503100000', level: 'II', previousLevel: 'none', setByName: '社棠镇', effectiveAt: new Date(now - DAY) });
  await makeUser(database, { username: 'mj_off', role: 'officer', regionCode: '620503000000' });
  await makeUser(database, { username: 'mj_town', role: 'town_officer', regionCode: '620503101000' });
  await makeUser(database, { username: 'mj_cadre', role: 'village_cadre', regionCode: GANQUAN, name: '甘泉村干部' });
  await makeUser(database, { username: 'st_cadre', role: 'village_cadre', regionCode: SHETANG_V });
  await makeUser(database, { username: 'mj_insp', role: 'inspector', regionCode: '620503000000' });
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'mj_leader', role: 'leader', regionCode: '620503000000' });
  app = await testApp(database);
  const s = await Promise.all(['mj_off', 'mj_town', 'mj_cadre', 'st_cadre', 'mj_insp', 'hhg_off', 'mj_leader'].map((u) => login(app, u)));
  [officer, townOfficer, cadre, otherCadre, inspector, hhg, leader] = s as [Session, Session, Session, Session, Session, Session, Session];
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const audits = (action: string, entityId: string) => database.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));

describe('sweeps', () => {
  it('a bureau starts a sweep over 低保 households of its region (403 without sweeps:manage, 404 outside its scope), audited', async () => {
    const body = { name: '麦积区低保户走访排查', regionCode: '620503000000', programmes: ['urban_dibao', 'rural_dibao'] };
    const res = await call(app, officer, 'POST', '/api/sweeps', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ regionName: '麦积区', status: 'open', noContactDays: 30, hotlineDays: 30, startedByName: 'mj_off' });
    sweepId = res.json().id;
    expect(await audits('sweep.start', sweepId)).toHaveLength(1);
    expect((await call(app, cadre, 'POST', '/api/sweeps', body)).statusCode).toBe(403);
    expect((await call(app, hhg, 'POST', '/api/sweeps', body)).json()).toMatchObject({ code: 'REGION_NOT_FOUND' });
    expect((await call(app, officer, 'POST', '/api/sweeps', { ...body, programmes: [] })).statusCode).toBe(400);
    const list = await call(app, cadre, 'GET', '/api/sweeps');
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([sweepId]);
    expect((await call(app, hhg, 'GET', `/api/sweeps/${sweepId}`)).statusCode).toBe(404);
  });

  it("gives the cadre their village's worklist ordered by risk, with reasons and masked personal data", async () => {
    const res = await call(app, cadre, 'GET', `/api/sweeps/${sweepId}/worklist`);
    expect(res.statusCode, res.body).toBe(200);
    const wl = res.json();
    expect(wl.regionCode).toBe(GANQUAN);
    expect(wl.items.map((i: { householdId: string }) => i.householdId)).toEqual([H.oldAlone, H.fine, H.disabled]);
    expect(wl.items[0]).toMatchObject({ headName: '李*', phone: '139****1002', risks: ['aged_80', 'living_alone', 'no_contact'], score: 5, contact: null, regionName: '甘泉村' });
    expect(wl.items[1]).toMatchObject({ headName: '王*', risks: ['recent_hotline'], score: 3 });
    expect(wl.items[2]).toMatchObject({ risks: ['disability'], score: 2 });
    expect(res.body).not.toContain('13909381002');
    const st = await call(app, otherCadre, 'GET', `/api/sweeps/${sweepId}/worklist`);
    expect(st.json().items).toEqual([expect.objectContaining({ householdId: H.shetang, risks: ['closed_area'] })]);
    expect((await call(app, cadre, 'GET', `/api/sweeps/${sweepId}/worklist?village=${NANSHAN}`)).statusCode).toBe(404);
    const town = await call(app, townOfficer, 'GET', `/api/sweeps/${sweepId}/worklist`);
    expect(town.json().items.map((i: { householdId: string }) => i.householdId)).toEqual([H.oldAlone, H.fine, H.disabled, H.nanshan]);
  });

  it('records a contact once per Idempotency-Key and stamps the household (403, 404 out of scope), audited', async () => {
    const body = { householdId: H.oldAlone, channel: 'phone', outcome: 'fine', note: '身体尚好' };
    const headers = { 'idempotency-key': 'contact-0001-retry' };
    const first = await call(app, cadre, 'POST', `/api/sweeps/${sweepId}/contacts`, body, headers);
    expect(first.statusCode, first.body).toBe(201);
    const again = await call(app, cadre, 'POST', `/api/sweeps/${sweepId}/contacts`, body, headers);
    expect(again.json()).toEqual(first.json());
    const stored = await database.db.select().from(sweepContacts).where(eq(sweepContacts.householdId, H.oldAlone));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: 'phone', outcome: 'fine', cadreName: '甘泉村干部', callId: null });
    const [h] = await database.db.select().from(households).where(eq(households.id, H.oldAlone));
    expect(h!.lastContactAt!.toISOString()).toBe(first.json().contact.at);
    expect(await audits('sweep.contact', first.json().id)).toHaveLength(1);
    expect((await call(app, inspector, 'POST', `/api/sweeps/${sweepId}/contacts`, body)).statusCode).toBe(403);
    for (const id of [H.nanshan, H.tekun, H.exited]) {
      expect((await call(app, cadre, 'POST', `/api/sweeps/${sweepId}/contacts`, { ...body, householdId: id })).json().code).toBe('SWEEP_HOUSEHOLD_NOT_FOUND');
    }
    expect((await call(app, hhg, 'POST', `/api/sweeps/${sweepId}/contacts`, body)).json().code).toBe('SWEEP_NOT_FOUND');
    expect((await call(app, cadre, 'POST', `/api/sweeps/${sweepId}/contacts`, { ...body, outcome: 'difficulty', note: '' })).statusCode).toBe(400);
  });

  it('"in difficulty" opens a hotline case routed to the town, linked from the contact, in one step', async () => {
    const res = await call(app, cadre, 'POST', `/api/sweeps/${sweepId}/contacts`, { householdId: H.fine, channel: 'visit', outcome: 'difficulty', note: '家中老人住院，医药费无着落', category: 'economic' });
    expect(res.statusCode, res.body).toBe(201);
    const callId = res.json().contact.callId as string;
    const [c] = await database.db.select().from(hotlineCalls).where(eq(hotlineCalls.id, callId));
    expect(c).toMatchObject({ townCode: '620503101000', regionCode: GANQUAN, category: 'economic', takenByName: '甘泉村干部', callerPhoneIndex: phoneIndexOf(testSecrets, '13909381001') });
    expect(c!.content).toContain('医药费无着落');
    expect(await audits('hotline.call.take', callId)).toHaveLength(1);
    const queue = await call(app, townOfficer, 'GET', '/api/hotline/calls');
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(callId);
    // Contacted households move below the ones still to do.
    const wl = (await call(app, cadre, 'GET', `/api/sweeps/${sweepId}/worklist`)).json();
    expect(wl.items.map((i: { householdId: string }) => i.householdId)).toEqual([H.disabled, H.oldAlone, H.fine]);
    expect(wl.items[2].contact).toMatchObject({ outcome: 'difficulty', channel: 'visit', callId });
  });

  it('shows coverage per town and village, live', async () => {
    await call(app, cadre, 'POST', `/api/sweeps/${sweepId}/contacts`, { householdId: H.disabled, channel: 'wechat', outcome: 'unreachable' });
    const county = (await call(app, officer, 'GET', `/api/sweeps/${sweepId}/coverage`)).json();
    expect(county.region).toMatchObject({ regionCode: '620503000000', households: 5, contacted: 3, fine: 1, difficulty: 1, unreachable: 1 });
    expect(county.children.find((c: { regionCode: string }) => c.regionCode === '620503101000')).toMatchObject({ households: 4, contacted: 3 });
    const town = (await call(app, townOfficer, 'GET', `/api/sweeps/${sweepId}/coverage`)).json();
    expect(town.children).toEqual([
      { regionCode: GANQUAN, regionName: '甘泉村', households: 3, contacted: 3, fine: 1, difficulty: 1, unreachable: 1 },
      { regionCode: NANSHAN, regionName: '南山村', households: 1, contacted: 0, fine: 0, difficulty: 0, unreachable: 0 },
    ]);
    expect((await call(app, cadre, 'GET', `/api/sweeps/${sweepId}/coverage?region=620503100000`)).statusCode).toBe(404);
  });

  it('reveals a household phone only with personal:reveal and a reason, audited; a cadre only in their own village', async () => {
    const url = `/api/sweeps/${sweepId}/households/${H.disabled}/reveal`;
    // A leader reads worklists but has no personal:reveal.
    expect((await call(app, leader, 'POST', url, { reason: '电话回访核实情况' })).statusCode).toBe(403);
    const res = await call(app, townOfficer, 'POST', url, { reason: '电话回访核实情况' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().members[0]).toEqual({ name: '赵大军', phone: '13909381003', relation: '户主' });
    // The cadre of 甘泉村 calls a household of 甘泉村; the cadre of 社棠村 does not see it (404), nor does another county.
    const own = await call(app, cadre, 'POST', url, { reason: '走访前电话联系' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().members[0].phone).toBe('13909381003');
    expect((await call(app, otherCadre, 'POST', url, { reason: '走访前电话联系' })).statusCode).toBe(404);
    expect((await call(app, otherCadre, 'POST', `/api/sweeps/${sweepId}/households/${H.nanshan}/reveal`, { reason: '走访前电话联系' })).statusCode).toBe(404);
    expect((await call(app, hhg, 'POST', url, { reason: '电话回访核实情况' })).statusCode).toBe(404);
    const rows = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'sweep.reveal'), eq(auditLog.entityId, H.disabled)));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.actorUsername).sort()).toEqual(['mj_cadre', 'mj_town']);
  });

  it('a bureau ends the sweep (403 for a cadre, audited); no contacts afterwards', async () => {
    expect((await call(app, cadre, 'POST', `/api/sweeps/${sweepId}/close`)).statusCode).toBe(403);
    expect((await call(app, hhg, 'POST', `/api/sweeps/${sweepId}/close`)).statusCode).toBe(404);
    const res = await call(app, officer, 'POST', `/api/sweeps/${sweepId}/close`);
    expect(res.json()).toMatchObject({ status: 'closed' });
    expect(await audits('sweep.close', sweepId)).toHaveLength(1);
    const late = await call(app, cadre, 'POST', `/api/sweeps/${sweepId}/contacts`, { householdId: H.oldAlone, channel: 'phone', outcome: 'fine' });
    expect(late.json().code).toBe('SWEEP_CLOSED');
  });
});
