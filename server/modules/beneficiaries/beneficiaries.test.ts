import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { householdMembers } from '../../db/schema/beneficiaries';
import { regions } from '../../db/schema/regions';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { villages } from '../regions/regions.source';
import { idNumberFor, seedBeneficiaries } from '../../db/seed/beneficiaries.demo';

let database: Database;
let app: FastifyInstance;
let officer: Session;
let officer2: Session;
let town: Session;
let cadre: Session;
let leader: Session;
let outside: Session;
let officerUser: TestUser;

const VILLAGE = '620503100001';
const head = {
  name: '王桂兰',
  idNumber: idNumberFor('620503', '19400305', 12),
  phone: '13893801234',
  relation: 'head',
};
const spouse = { name: '李德明', idNumber: idNumberFor('620503', '19380711', 31), relation: 'spouse' };
const household = {
  regionCode: VILLAGE,
  address: '社棠镇星火社区 3 组 12 号',
  programme: 'rural_dibao',
  members: [head, spouse],
};

/** The 620503 villages, for the tests and the seed. */
export async function seedMaijiVillages(db: Database): Promise<void> {
  for await (const batch of villages(['620503']))
    await db.db.insert(regions).values(batch).onConflictDoNothing();
}

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedMaijiVillages(database);
  officerUser = await makeUser(database, { username: 'mj_off', role: 'officer', regionCode: '620503000000' });
  await makeUser(database, { username: 'mj_off2', role: 'officer', regionCode: '620503000000' });
  await makeUser(database, { username: 'mj_town', role: 'town_officer', regionCode: '620503100000' });
  await makeUser(database, { username: 'mj_cadre', role: 'village_cadre', regionCode: VILLAGE });
  await makeUser(database, { username: 'mj_leader', role: 'leader', regionCode: '620503000000' });
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  app = await testApp(database);
  [officer, officer2, town, cadre, leader, outside] = (await Promise.all(
    ['mj_off', 'mj_off2', 'mj_town', 'mj_cadre', 'mj_leader', 'hhg_off'].map((u) => login(app, u)),
  )) as [Session, Session, Session, Session, Session, Session];
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const audits = (action: string) => database.db.select().from(auditLog).where(eq(auditLog.action, action));
let hid: string;

describe('beneficiary registry', () => {
  it('registers an active household, masked, with birth dates from the ID numbers and an audit row', async () => {
    const res = await call(app, town, 'POST', '/api/beneficiaries', household);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    hid = body.id;
    expect(body).toMatchObject({
      status: 'active',
      memberCount: 2,
      livingAlone: false,
      headName: '王*',
      townCode: '620503100000',
      address: '社棠镇星火社…',
    });
    expect(body.members[0]).toMatchObject({
      relation: 'head',
      name: '王*',
      idNumber: `620***********${head.idNumber.slice(-4)}`,
      phone: '138****1234',
    });
    expect(body.events).toHaveLength(1);
    for (const secret of [head.name, head.idNumber, head.phone, spouse.idNumber, '3 组 12 号'])
      expect(res.body).not.toContain(secret);
    const [m] = await database.db
      .select()
      .from(householdMembers)
      .where(eq(householdMembers.relation, 'head'));
    expect(m!.birthDate).toBe('1940-03-05');
    expect(JSON.stringify(m)).not.toContain(head.idNumber);
    const [a] = await audits('beneficiary.create');
    expect(a).toMatchObject({
      entityId: hid,
      regionCode: VILLAGE,
      details: { programme: 'rural_dibao', members: 2 },
    });
  });

  it('refuses bad input with Chinese per-field messages', async () => {
    const badId = head.idNumber.slice(0, 17) + (head.idNumber[17] === '1' ? '2' : '1');
    const res = await call(app, town, 'POST', '/api/beneficiaries', {
      ...household,
      members: [{ ...head, idNumber: badId }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('身份证号校验码错误');
    const noHead = await call(app, town, 'POST', '/api/beneficiaries', { ...household, members: [spouse] });
    expect(noHead.statusCode).toBe(400);
    expect(noHead.body).toContain('须登记一名户主');
    const county = await call(app, officer, 'POST', '/api/beneficiaries', {
      ...household,
      regionCode: '620503000000',
      members: [{ ...head, idNumber: idNumberFor('620503', '19500101', 1) }],
    });
    expect(county.json().code).toBe('BENEFICIARY_REGION_LEVEL');
  });

  it('names the member already in the registry (409)', async () => {
    const other = { name: '赵强', idNumber: idNumberFor('620503', '19600101', 77), relation: 'head' };
    const res = await call(app, town, 'POST', '/api/beneficiaries', {
      ...household,
      members: [other, { ...spouse, relation: 'spouse' }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'BENEFICIARY_MEMBER_EXISTS', details: { member: 1 } });
    expect(res.json().message).toContain('第 2 位成员（李*');
  });

  it('forbids registering without beneficiaries:manage, and outside the scope answers 404', async () => {
    expect((await call(app, cadre, 'POST', '/api/beneficiaries', household)).statusCode).toBe(403);
    expect(
      (
        await call(app, outside, 'POST', '/api/beneficiaries', {
          ...household,
          members: [{ ...head, idNumber: idNumberFor('620503', '19500101', 2) }],
        })
      ).statusCode,
    ).toBe(404);
    expect((await call(app, outside, 'GET', `/api/beneficiaries/${hid}`)).statusCode).toBe(404);
    expect(
      (
        await call(app, outside, 'POST', `/api/beneficiaries/${hid}/status`, {
          status: 'suspended',
          reason: '外出务工收入增加',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('finds a household by ID number (blind index, audited) and lists by region with masked data', async () => {
    const res = await call(app, cadre, 'GET', `/api/beneficiaries?idNumber=${spouse.idNumber}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, items: [{ id: hid, headName: '王*' }] });
    expect(res.body).not.toContain(spouse.idNumber);
    expect((await audits('beneficiary.lookup')).at(-1)!.details).toEqual({ matches: 1 });
    const list = await call(
      app,
      officer,
      'GET',
      '/api/beneficiaries?region=620503100000&programme=rural_dibao&status=active',
    );
    expect(list.json().total).toBe(1);
    expect(
      (await call(app, outside, 'GET', `/api/beneficiaries?idNumber=${spouse.idNumber}`)).json().total,
    ).toBe(0);
  });

  it('reveals plaintext only with personal:reveal and a reason, audited', async () => {
    expect(
      (await call(app, leader, 'POST', `/api/beneficiaries/${hid}/reveal`, { reason: '入户走访需要联系' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(app, outside, 'POST', `/api/beneficiaries/${hid}/reveal`, { reason: '入户走访需要联系' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(app, town, 'POST', `/api/beneficiaries/${hid}/reveal`, { reason: '短' })).statusCode,
    ).toBe(400);
    const res = await call(app, town, 'POST', `/api/beneficiaries/${hid}/reveal`, {
      reason: '入户走访需要联系',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().address).toBe(household.address);
    expect(
      res
        .json()
        .members.map((m: { idNumber: string }) => m.idNumber)
        .sort(),
    ).toEqual([head.idNumber, spouse.idNumber].sort());
    const [a] = await audits('beneficiary.reveal');
    expect(a).toMatchObject({ entityId: hid, details: { reason: '入户走访需要联系' } });
  });

  it('suspends, exits and reinstates with a reason in the history; wrong transitions are 409', async () => {
    expect(
      (
        await call(app, cadre, 'POST', `/api/beneficiaries/${hid}/status`, {
          status: 'suspended',
          reason: '收入增加',
        })
      ).statusCode,
    ).toBe(403);
    const s = await call(app, town, 'POST', `/api/beneficiaries/${hid}/status`, {
      status: 'suspended',
      reason: '外出务工收入增加',
    });
    expect(s.json()).toMatchObject({ status: 'suspended' });
    expect(
      (
        await call(app, town, 'POST', `/api/beneficiaries/${hid}/status`, {
          status: 'suspended',
          reason: '再次暂停',
        })
      ).statusCode,
    ).toBe(409);
    const back = await call(app, town, 'POST', `/api/beneficiaries/${hid}/status`, {
      status: 'active',
      reason: '复核后恢复',
    });
    expect(back.json().events.map((e: { status: string }) => e.status)).toEqual([
      'active',
      'suspended',
      'active',
    ]);
    expect(back.json().events[1].note).toBe('外出务工收入增加');
    expect((await audits('beneficiary.status')).map((a) => a.details)).toEqual([
      { from: 'active', to: 'suspended', reason: '外出务工收入增加' },
      { from: 'suspended', to: 'active', reason: '复核后恢复' },
    ]);
  });
});

describe('enrolment into 低保 / 特困 (apply, review, approve)', () => {
  const applicant = (seq: number) => ({
    regionCode: VILLAGE,
    address: '社棠镇星火社区 5 组 1 号',
    programme: 'tekun_dispersed',
    note: '本人申请，无劳动能力',
    members: [{ name: '孙长林', idNumber: idNumberFor('620503', '19421010', seq), relation: 'head' }],
  });

  it('runs apply → review → approve by separate people, each step audited', async () => {
    const a = await call(app, town, 'POST', '/api/beneficiaries/applications', applicant(101));
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ status: 'applied', livingAlone: true });
    const id = a.json().id;
    expect(
      (await call(app, town, 'POST', `/api/beneficiaries/${id}/approve`, { note: '同意' })).statusCode,
    ).toBe(403);
    expect(
      (await call(app, leader, 'POST', `/api/beneficiaries/${id}/review`, { note: '材料齐全' })).statusCode,
    ).toBe(403);
    expect(
      (await call(app, outside, 'POST', `/api/beneficiaries/${id}/review`, { note: '材料齐全' })).statusCode,
    ).toBe(404);
    const r = await call(app, officer, 'POST', `/api/beneficiaries/${id}/review`, { note: '入户核查属实' });
    expect(r.json()).toMatchObject({ status: 'reviewed' });
    const self = await call(app, officer, 'POST', `/api/beneficiaries/${id}/approve`, { note: '同意' });
    expect(self.json().code).toBe('ENROLMENT_SECOND_PERSON');
    expect(
      (await call(app, outside, 'POST', `/api/beneficiaries/${id}/approve`, { note: '同意' })).statusCode,
    ).toBe(404);
    const ok = await call(app, leader, 'POST', `/api/beneficiaries/${id}/approve`, {
      note: '同意纳入分散供养特困',
    });
    expect(ok.json()).toMatchObject({ status: 'active' });
    expect(ok.json().events.map((e: { status: string }) => e.status)).toEqual([
      'applied',
      'reviewed',
      'active',
    ]);
    for (const action of ['beneficiary.apply', 'beneficiary.review', 'beneficiary.approve'])
      expect((await audits(action)).some((x) => x.entityId === id)).toBe(true);
    expect(
      (await call(app, officer2, 'POST', `/api/beneficiaries/${id}/approve`, { note: '再批' })).statusCode,
    ).toBe(409);
  });

  it('rejects an application with a note; only 低保/特困 are applied for', async () => {
    const a = await call(app, town, 'POST', '/api/beneficiaries/applications', applicant(102));
    const id = a.json().id;
    const no = await call(app, officer2, 'POST', `/api/beneficiaries/${id}/reject`, {
      note: '家庭收入超过标准',
    });
    expect(no.json()).toMatchObject({ status: 'rejected' });
    expect((await audits('beneficiary.reject'))[0]).toMatchObject({
      entityId: id,
      details: { note: '家庭收入超过标准' },
    });
    expect(
      (
        await call(app, town, 'POST', '/api/beneficiaries/applications', {
          ...applicant(103),
          programme: 'orphan',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call(app, cadre, 'POST', '/api/beneficiaries/applications', applicant(104))).statusCode,
    ).toBe(403);
  });
});

describe('counts and the demo seed', () => {
  it('seeds 麦积区: 97 households and 218 people, counted per programme and status', async () => {
    const seeded = await seedBeneficiaries({
      ...ctxFor(database, {
        id: officerUser.id,
        username: 'demo-seed',
        role: 'officer',
        regionCode: '000000000000',
      }),
    });
    expect(seeded).toMatchObject({ households: 97, persons: 218, cadreVillage: VILLAGE });
    const res = await call(app, leader, 'GET', '/api/beneficiaries/counts?region=620503000000');
    const c = res.json();
    const dibao = c.rows.filter(
      (r: { programme: string; status: string }) => r.programme.endsWith('dibao') && r.status === 'active',
    );
    // The seed plus the households registered above (1 rural 低保, 1 approved 特困, 1 rejected application).
    expect(dibao.reduce((a: number, r: { households: number }) => a + r.households, 0)).toBe(98);
    expect(c.households).toBe(100);
    expect(c.persons).toBe(218 + 2 + 1 + 1);
    const village = await call(app, cadre, 'GET', '/api/beneficiaries/counts');
    expect(village.json().households).toBeGreaterThanOrEqual(8);
    expect(
      (await call(app, outside, 'GET', '/api/beneficiaries/counts?region=620503000000')).statusCode,
    ).toBe(404);
    const page = await call(app, officer, 'GET', '/api/beneficiaries?region=620503000000&pageSize=200');
    expect(page.json().total).toBe(100);
    expect(page.body).not.toMatch(/\d{17}[\dX]/);
    // Not inside a random UUID (whose hex segments sometimes hold 11 digits in a row).
    expect(page.body).not.toMatch(/(?<![\da-f])1[3-9]\d{9}(?![\da-f])/);
  });
});
