import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { households } from '../../db/schema/beneficiaries';
import { idNumberFor } from '../../db/seed/beneficiaries.demo';
import { seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';

/** Declared household finances: encrypted at rest, never in a response but the audited reveal. */
const TOWN = '620503100000';
const USERS = {
  town: ['town_officer', TOWN],
  cadre: ['village_cadre', '620503100001'],
  leader: ['leader', '620503000000'],
  outside: ['officer', '520302000000'],
} as const;
let database: Database;
let app: FastifyInstance;
let as: Record<keyof typeof USERS, Session>;
const finances = {
  monthlyIncomeFen: 287_350,
  assets: '两间土坯房，无存款',
  note: '女儿在读大学，学费靠助学贷款',
};
const household = (seq: number, extra: Record<string, unknown> = {}) => ({
  regionCode: TOWN,
  address: '社棠镇星火社区 7 组 3 号',
  programme: 'rural_dibao',
  members: [{ name: '韩秀珍', idNumber: idNumberFor('620503', '19560412', seq), relation: 'head' }],
  ...extra,
});

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  for (const [key, [role, regionCode]] of Object.entries(USERS))
    await makeUser(database, { username: `fin_${key}`, role, regionCode });
  app = await testApp(database);
  const sessions = Object.keys(USERS).map(async (key) => [key, await login(app, `fin_${key}`)] as const);
  as = Object.fromEntries(await Promise.all(sessions)) as typeof as;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const auditOf = async (action: string, entityId: string) =>
  (await database.db.select().from(auditLog).where(eq(auditLog.action, action))).filter(
    (a) => a.entityId === entityId,
  );
const rowOf = async (id: string) =>
  (await database.db.select().from(households).where(eq(households.id, id)))[0]!;
const plaintexts = [String(finances.monthlyIncomeFen), '2873.5', finances.assets, finances.note];
const reveal = (s: Session, id: string) =>
  call(app, s, 'POST', `/api/beneficiaries/${id}/reveal`, { reason: '复核家庭收入情况' });

describe('household finances', () => {
  let hid: string;

  it('stores declared finances as ciphertext; the response says only that they are recorded', async () => {
    const res = await call(app, as.town, 'POST', '/api/beneficiaries', household(11, { finances }));
    expect(res.statusCode, res.body).toBe(201);
    hid = res.json().id;
    expect(res.json()).toMatchObject({ financesRecorded: true });
    expect(res.json()).not.toHaveProperty('finances');
    for (const p of plaintexts) expect(res.body).not.toContain(p);
    const row = await rowOf(hid);
    expect(row.financesEnc).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    for (const p of plaintexts) expect(JSON.stringify(row)).not.toContain(p);
    const detail = await call(app, as.town, 'GET', `/api/beneficiaries/${hid}`);
    expect(detail.json().financesRecorded).toBe(true);
    for (const p of plaintexts) expect(detail.body).not.toContain(p);
    const [a] = await auditOf('beneficiary.create', hid);
    expect(a!.details).toMatchObject({ finances: true });
    for (const p of plaintexts) expect(JSON.stringify(a)).not.toContain(p);
  });

  it('reveals the finances with personal:reveal and a reason, audited', async () => {
    const res = await reveal(as.town, hid);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().finances).toEqual(finances);
    const [a] = await auditOf('beneficiary.reveal', hid);
    expect(a).toMatchObject({ regionCode: TOWN, details: { reason: '复核家庭收入情况', finances: true } });
    for (const p of plaintexts) expect(JSON.stringify(a)).not.toContain(p);
  });

  it('forbids the reveal without personal:reveal (403) and answers 404 outside the scope', async () => {
    expect((await reveal(as.leader, hid)).statusCode).toBe(403);
    expect((await reveal(as.outside, hid)).statusCode).toBe(404);
    expect((await call(app, as.outside, 'GET', `/api/beneficiaries/${hid}`)).statusCode).toBe(404);
    expect(
      (await call(app, as.cadre, 'POST', '/api/beneficiaries', household(12, { finances }))).statusCode,
    ).toBe(403);
    expect(
      (await call(app, as.outside, 'POST', '/api/beneficiaries', household(13, { finances }))).statusCode,
    ).toBe(404);
    expect(await auditOf('beneficiary.reveal', hid)).toHaveLength(1);
  });

  it('refuses bad finances with Chinese messages', async () => {
    const bad = async (f: unknown) => {
      const res = await call(app, as.town, 'POST', '/api/beneficiaries', household(14, { finances: f }));
      expect(res.statusCode).toBe(400);
      return res.body;
    };
    expect(await bad({ monthlyIncomeFen: -1 })).toContain('月收入不能为负数');
    expect(await bad({ monthlyIncomeFen: 12.5 })).toContain('月收入须以分为单位的整数');
    expect(await bad({ monthlyIncomeFen: '100' })).toContain('月收入须为数字');
    expect(await bad({ monthlyIncomeFen: 0, assets: '房'.repeat(201) })).toContain('资产情况不超过 200 字');
    expect(await bad({ monthlyIncomeFen: 0, savings: 1 })).toContain('savings');
  });

  it('without finances: nothing stored, recorded false, the reveal says null', async () => {
    const res = await call(app, as.town, 'POST', '/api/beneficiaries', household(15));
    expect(res.json()).toMatchObject({ financesRecorded: false });
    expect((await rowOf(res.json().id)).financesEnc).toBeNull();
    expect((await reveal(as.town, res.json().id)).json().finances).toBeNull();
    const [a] = await auditOf('beneficiary.reveal', res.json().id);
    expect(a!.details).toMatchObject({ finances: false });
  });

  it('an application for 低保 declares finances the same way (income 0 allowed)', async () => {
    const zero = { monthlyIncomeFen: 0, note: '无劳动能力' };
    const res = await call(
      app,
      as.town,
      'POST',
      '/api/beneficiaries/applications',
      household(16, { finances: zero }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'applied', financesRecorded: true });
    expect(res.body).not.toContain('无劳动能力');
    expect((await reveal(as.town, res.json().id)).json().finances).toEqual(zero);
  });
});
