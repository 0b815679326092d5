import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { rows } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { homeVerificationPhotos } from '../../db/schema/hotline';
import { notifications } from '../../db/schema/notifications';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, multipart, testApp, type Session, type TestUser } from '../../test/http';
import { escalateOverdueCalls } from './hotline.cases';
import { callInput as input, TEST_TOWN as TOWN } from './hotline.fixtures';
import { takeCall } from './hotline.service';

let database: Database;
let app: FastifyInstance;
let operatorUser: TestUser;
let countyUser: TestUser;
let operator: Session;
let town: Session;
let county: Session;
let fg: Session;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('home-photo-bytes-白杨小区')]);
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('jpeg-body')]);
const PDF = Buffer.from('%PDF-1.4 not a photo');

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  operatorUser = await makeUser(database, { username: 'hhg_hotline', role: 'hotline_operator', regionCode: '520302000000' });
  await makeUser(database, { username: 'hhg_town', role: 'town_officer', regionCode: TOWN });
  countyUser = await makeUser(database, { username: 'hhg_officer', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  app = await testApp(database);
  operator = await login(app, 'hhg_hotline');
  town = await login(app, 'hhg_town');
  county = await login(app, 'hhg_officer');
  fg = await login(app, 'fg_off');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('home verification photos', () => {
  it('stores jpg and png encrypted, lists and shows them in scope, and audits upload and view', async () => {
    const c = (await call(app, operator, 'POST', '/api/hotline/calls', input())).json();
    const up = multipart(PNG, 'home.png');
    const res = await app.inject({ method: 'POST', url: `/api/hotline/calls/${c.id}/photos`, payload: up.payload, headers: { ...up.headers, cookie: town.cookie, 'x-csrf-token': town.csrf } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'png', size: PNG.length, uploadedByName: 'hhg_town' });
    const jpg = multipart(JPG, 'x.png');
    expect((await app.inject({ method: 'POST', url: `/api/hotline/calls/${c.id}/photos`, payload: jpg.payload, headers: { ...jpg.headers, cookie: town.cookie, 'x-csrf-token': town.csrf } })).json().kind).toBe('jpg');

    const list = (await call(app, county, 'GET', `/api/hotline/calls/${c.id}/photos`)).json();
    expect(list.items).toHaveLength(2);
    const view = await call(app, county, 'GET', `/api/hotline/calls/${c.id}/photos/${list.items[0].id}`);
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('image/png');
    expect(view.rawPayload.equals(PNG)).toBe(true);
    expect((await call(app, fg, 'GET', `/api/hotline/calls/${c.id}/photos/${list.items[0].id}`)).statusCode).toBe(404);
    expect((await call(app, fg, 'GET', `/api/hotline/calls/${c.id}/photos`)).statusCode).toBe(404);
    const detail = (await call(app, county, 'GET', `/api/hotline/calls/${c.id}`)).json();
    expect(detail.photos).toHaveLength(2);

    const stored = await database.db.select().from(homeVerificationPhotos);
    expect(stored.every((p) => !p.contentEnc.includes(Buffer.from('home-photo-bytes')))).toBe(true);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(audits.map((a) => a.action).filter((a) => a.startsWith('hotline.photo'))).toEqual(['hotline.photo.upload', 'hotline.photo.upload', 'hotline.photo.view']);
  });

  it('refuses other file types (415, in Chinese), files above 10 MB (413), the operator (403) and other counties (404)', async () => {
    const c = (await call(app, operator, 'POST', '/api/hotline/calls', input())).json();
    const send = (s: Session, body: Buffer, name = 'a.png') => {
      const m = multipart(body, name);
      return app.inject({ method: 'POST', url: `/api/hotline/calls/${c.id}/photos`, payload: m.payload, headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
    };
    const pdf = await send(town, PDF);
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().message).toMatch(/文件类型不允许/);
    const big = await send(town, Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('FILE_TOO_LARGE');
    expect((await send(operator, PNG)).statusCode).toBe(403);
    expect((await send(fg, PNG)).statusCode).toBe(404);
    expect(await database.db.select().from(homeVerificationPhotos).where(eq(homeVerificationPhotos.callId, c.id))).toHaveLength(0);
  });
});

describe('SLA clocks of the case', () => {
  it('runs the verification and the 24-hour emergency payment clock; the county sees the SLA met', async () => {
    const c = (await call(app, operator, 'POST', '/api/hotline/calls', input())).json();
    expect(c.clocks.payment.dueAt).toBe(new Date(new Date(c.createdAt).getTime() + 24 * 3_600_000).toISOString());
    expect(c.slaMet).toBeNull();
    const v = (await call(app, town, 'POST', `/api/hotline/calls/${c.id}/verify`, { visitors: '街道民政专干', findings: '情况属实' })).json();
    expect(v.clocks.verify).toMatchObject({ light: 'done', slaMet: true });
    expect(v.clocks.payment.light).not.toBe('done');
    expect(v.slaMet).toBeNull();
    await call(app, county, 'POST', '/api/assistance/funds/allocate', { townCode: TOWN, amountFen: 1_000_000 });
    const g = await call(app, town, 'POST', '/api/assistance/grants', { regionCode: TOWN, callId: c.id, recipientName: '刘桂兰', recipientPhone: '13985012345', householdSize: 3, reason: 'illness', amountFen: 150_000 });
    expect(g.statusCode, g.body).toBe(201);
    const seen = (await call(app, county, 'GET', `/api/hotline/calls/${c.id}`)).json();
    expect(seen).toMatchObject({ slaMet: true, escalated: false, light: 'done', clocks: { verify: { slaMet: true }, payment: { slaMet: true } } });
    expect((await call(app, county, 'GET', `/api/assistance/grants?callId=${c.id}`)).json().total).toBe(1);
    expect((await call(app, fg, 'POST', '/api/assistance/grants', { regionCode: '520327001000', callId: c.id, recipientName: '某', recipientPhone: '13985012345', householdSize: 1, reason: 'illness', amountFen: 100 })).statusCode).toBe(404);
  });

  it('gives ordinary cases 3 working days (a Friday call is due by Wednesday 24:00)', async () => {
    const friday = new Date('2022-09-09T02:00:00Z');
    const ctx = { ...ctxFor(database, operatorUser), now: () => friday };
    const c = (await takeCall(ctx, input({ urgency: 'normal', category: 'economic' }))).body;
    expect(c.clocks.payment.dueAt).toBe('2022-09-14T16:00:00.000Z');
    expect(c.clocks.verify.dueAt).toBe('2022-09-09T16:00:00.000Z');
  });

  it('escalates an overdue case to the county: first in its queue and notified once, by an idempotent job', async () => {
    const at = new Date(Date.now() - 30 * 3_600_000);
    const ctx = { ...ctxFor(database, operatorUser), now: () => at };
    const late = (await takeCall(ctx, input({ content: '独居老人无人照料' }))).body;
    const job = { ...ctxFor(database, countyUser), now: () => new Date() };
    const first = await escalateOverdueCalls(job, new Date());
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    expect((await escalateOverdueCalls(job, new Date())).escalated).toBe(0);
    const told = await database.db.select().from(notifications).where(eq(notifications.userId, countyUser.id));
    expect(told.filter((n) => n.link === `/hotline/calls/${late.id}`)).toHaveLength(1);
    expect(told[0]!.body).not.toContain('13985012345');
    const queue = (await call(app, county, 'GET', '/api/hotline/calls')).json();
    expect(queue.items[0]).toMatchObject({ id: late.id, escalated: true, light: 'red', slaMet: false });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'hotline.call.escalate'));
    expect(audit.find((a) => a.entityId === late.id)!.details).toMatchObject({ clocks: ['verify', 'payment'] });
    // A closed case stops its clocks and is never escalated again.
    expect((await call(app, operator, 'POST', `/api/hotline/calls/${late.id}/close`, { note: '已转介' })).statusCode).toBe(403);
    const closed = await call(app, town, 'POST', `/api/hotline/calls/${late.id}/close`, { note: '已转介社区养老服务' });
    expect(closed.json()).toMatchObject({ status: 'closed', escalated: false });
    expect((await call(app, town, 'POST', `/api/hotline/calls/${late.id}/close`, { note: '再次办结' })).statusCode).toBe(409);
  });
});

describe('statistics and the cases export', () => {
  it('counts the SLA verdicts with the categories, and exports the cases masked', async () => {
    const s = (await call(app, county, 'GET', '/api/hotline/stats')).json();
    expect(s.total).toBe(5);
    expect(s.sla.met + s.sla.missed + s.sla.running).toBeLessThanOrEqual(s.total);
    expect(s.sla.met).toBe(1);
    expect(s.byRegion).toEqual([{ regionCode: TOWN, regionName: '中山路街道', n: 5 }]);
    const res = await call(app, county, 'GET', '/api/hotline/calls/export');
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(6);
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).toContain('139****2345');
    expect(text).toContain('按时');
    expect(text).not.toContain('13985012345');
    expect(text).not.toContain('白杨小区');
    expect((await call(app, fg, 'GET', '/api/hotline/calls/export?region=520302000000')).statusCode).toBe(404);
    const dump = JSON.stringify(await rows(database.db, sql`select * from hotline_calls`));
    expect(dump).not.toContain('13985012345');
  });
});
