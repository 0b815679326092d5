import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { hotlineCalls } from '../../db/schema/hotline';
import { rows } from '../../db/client';
import { seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';
import { slaLight, verifyDueAt } from './hotline.rules';

let database: Database;
let app: FastifyInstance;
let operator: Session;
let town: Session;
let town2: Session;
let fg: Session;

// The seed's 白杨小区 family in 红花岗区 (老城街道): the son's sudden heart disease, no money for treatment.
const family = {
  callerName: '刘桂兰',
  callerPhone: '13985012345',
  regionCode: '520302001000',
  address: '红花岗区老城街道白杨小区 3 栋 2 单元 501',
  category: 'medical',
  urgency: 'urgent',
  content: '儿子突发心脏病住院，家中无钱治疗，请求临时救助',
};

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await makeUser(database, { username: 'hhg_hotline', role: 'hotline_operator', regionCode: '520302000000' });
  await makeUser(database, { username: 'hhg_town', role: 'town_officer', regionCode: '520302001000' });
  await makeUser(database, { username: 'hhg_town2', role: 'town_officer', regionCode: '520302001000' });
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  app = await testApp(database);
  operator = await login(app, 'hhg_hotline');
  town = await login(app, 'hhg_town');
  town2 = await login(app, 'hhg_town2');
  fg = await login(app, 'fg_off');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('hotline', () => {
  it('publishes the 24-hour numbers on a public page (no login)', async () => {
    const off = await login(app, 'hhg_off');
    const res = await call(app, off, 'POST', '/api/hotline/directory', { regionCode: '520302000000', name: '红花岗区民政局 24 小时救助热线', phone: '0851-28221234' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await call(app, off, 'POST', '/api/hotline/directory', { regionCode: '520327000000', name: '越权', phone: '0851-28221234' })).statusCode).toBe(404);
    const pub = await app.inject({ method: 'GET', url: '/api/hotline/directory?region=520300000000' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items[0]).toMatchObject({ phone: '0851-28221234', regionPath: '贵州省 遵义市 红花岗区' });
  });

  it('records a call, routes it to the town, masks the caller, and finds the earlier calls by phone', async () => {
    const res = await call(app, operator, 'POST', '/api/hotline/calls', family, { 'idempotency-key': 'call-baiyang-0001' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ townCode: '520302001000', callerPhone: '139****2345', callerName: '刘*', status: 'open', light: expect.stringMatching(/green|yellow/) });
    const retry = await call(app, operator, 'POST', '/api/hotline/calls', family, { 'idempotency-key': 'call-baiyang-0001' });
    expect(retry.body).toBe(res.body);
    await call(app, operator, 'POST', '/api/hotline/calls', { ...family, category: 'economic', content: '再次来电询问救助进度' });
    const history = (await call(app, operator, 'GET', '/api/hotline/calls?phone=139-8501-2345')).json();
    expect(history.total).toBe(2);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'hotline.call.take'));
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('13985012345');
  });

  it('keeps no plaintext phone, name or address in the database', async () => {
    const dump = JSON.stringify(await rows(database.db, sql`select * from hotline_calls`));
    expect(dump).not.toContain('13985012345');
    expect(dump).not.toContain('刘桂兰');
    expect(dump).not.toContain('白杨小区');
  });

  it('lets one officer claim a case at a time; other counties never see it', async () => {
    const [c] = (await call(app, town, 'GET', '/api/hotline/calls')).json().items;
    expect((await call(app, town, 'POST', `/api/hotline/calls/${c.id}/claim`)).json()).toMatchObject({ status: 'claimed', claimedByName: 'hhg_town' });
    expect((await call(app, town2, 'POST', `/api/hotline/calls/${c.id}/claim`)).statusCode).toBe(409);
    expect((await call(app, fg, 'POST', `/api/hotline/calls/${c.id}/claim`)).statusCode).toBe(404);
    expect((await call(app, fg, 'GET', '/api/hotline/calls')).json().total).toBe(0);
    expect((await call(app, operator, 'POST', `/api/hotline/calls/${c.id}/claim`)).statusCode).toBe(403);
    const [row] = await database.db.select().from(hotlineCalls).where(eq(hotlineCalls.id, c.id));
    expect(row!.claimedByName).toBe('hhg_town');
  });

  it('reveals the caller only to a handler, with a reason, and audits it', async () => {
    const [c] = (await call(app, town, 'GET', '/api/hotline/calls')).json().items;
    expect((await call(app, town, 'POST', `/api/hotline/calls/${c.id}/reveal`, { reason: '短' })).statusCode).toBe(400);
    expect((await call(app, operator, 'POST', `/api/hotline/calls/${c.id}/reveal`, { reason: '入户核实需要联系' })).statusCode).toBe(403);
    expect((await call(app, fg, 'POST', `/api/hotline/calls/${c.id}/reveal`, { reason: '入户核实需要联系' })).statusCode).toBe(404);
    const shown = await call(app, town, 'POST', `/api/hotline/calls/${c.id}/reveal`, { reason: '入户核实需要联系' });
    expect(shown.json()).toMatchObject({ callerPhone: '13985012345', callerName: '刘桂兰' });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'hotline.call.reveal'));
    expect(audit!.details).toEqual({ reason: '入户核实需要联系' });
  });

  it('counts calls by category, day and region', async () => {
    const s = (await call(app, operator, 'GET', '/api/hotline/stats?region=520302000000')).json();
    expect(s.total).toBe(2);
    expect(s.byCategory).toEqual({ medical: 1, economic: 1 });
    expect(s.byRegion).toEqual([{ regionCode: '520302001000', regionName: '老城街道', n: 2 }]);
  });

  it('refuses a hardship location above the town and bad input', async () => {
    expect((await call(app, operator, 'POST', '/api/hotline/calls', { ...family, regionCode: '520302000000' })).statusCode).toBe(400);
    expect((await call(app, operator, 'POST', '/api/hotline/calls', { ...family, callerPhone: '12345' })).statusCode).toBe(400);
    expect((await call(app, operator, 'POST', '/api/hotline/calls', { ...family, regionCode: '520327001000' })).statusCode).toBe(404);
  });
});

describe('same-day verification clock', () => {
  it('is due at midnight Shanghai of the call day, yellow in its last two hours, red after', () => {
    const at = new Date('2022-09-12T02:00:00Z'); // 10:00 in Shanghai
    const due = verifyDueAt(at);
    expect(due.toISOString()).toBe('2022-09-12T16:00:00.000Z');
    expect(slaLight(due, null, new Date('2022-09-12T10:00:00Z'))).toBe('green');
    expect(slaLight(due, null, new Date('2022-09-12T15:00:00Z'))).toBe('yellow');
    expect(slaLight(due, null, new Date('2022-09-12T16:00:01Z'))).toBe('red');
    expect(slaLight(due, new Date(), new Date('2022-09-13T00:00:00Z'))).toBe('done');
  });
});
