import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { institutions } from '../../db/schema/institutions';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, multipart, testApp, type Session } from '../../test/http';

let database: Database;
let app: FastifyInstance;
let city: Session;
let hhg: Session;
let fg: Session;
let reporter: Session;
let instId: string;

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  await makeUser(database, { username: 'city_off', role: 'officer', regionCode: '520300000000' });
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  const [inst] = await database.db.select().from(institutions).where(eq(institutions.regionCode, '520302001000'));
  instId = inst!.id;
  await makeUser(database, { username: 'rep', role: 'reporter', regionCode: inst!.regionCode });
  await database.db.execute(sql`update users set institution_id = ${instId} where username = 'rep'`);
  app = await testApp(database);
  city = await login(app, 'city_off');
  hhg = await login(app, 'hhg_off');
  fg = await login(app, 'fg_off');
  reporter = await login(app, 'rep');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const upload = (file: Buffer, name: string) => {
  const m = multipart(file, name);
  return app.inject({ method: 'POST', url: '/api/notices/attachments', payload: m.payload, headers: { ...m.headers, cookie: city.cookie, 'x-csrf-token': city.csrf } });
};

describe('notices', () => {
  it('goes down to counties and institutions; recipients acknowledge; the sender sees who has not and reminds them', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('通知正文'.repeat(10))]);
    const up = await upload(pdf, '关于加强疫情防控的通知.pdf');
    expect(up.statusCode).toBe(201);
    const fake = await upload(Buffer.from('MZ\x90\x00 not a pdf'), 'x.pdf');
    expect(fake.statusCode).toBe(415);

    const sent = await call(app, city, 'POST', '/api/notices', {
      title: '关于进一步加强民政服务机构疫情防控工作的紧急通知',
      body: '各区县民政局：即日起全面实行封闭管理……',
      regionCodes: ['520302000000', '520327000000'],
      institutionIds: [instId],
      ackDeadline: new Date(Date.now() + 3_600_000).toISOString(),
      attachmentIds: [up.json().id],
    });
    expect(sent.statusCode).toBe(201);
    const notice = sent.json();
    expect(notice.recipients).toHaveLength(3);
    expect(notice.attachments[0].fileName).toBe('关于加强疫情防控的通知.pdf');

    const inbox = (await call(app, hhg, 'GET', '/api/notices?box=inbox')).json();
    expect(inbox.items.map((n: { id: string }) => n.id)).toContain(notice.id);
    expect(inbox.items[0].mine.acknowledgedAt).toBeNull();
    expect((await call(app, reporter, 'GET', '/api/notices')).json().total).toBe(1);
    const file = await call(app, reporter, 'GET', `/api/notices/attachments/${notice.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');

    expect((await call(app, hhg, 'POST', `/api/notices/${notice.id}/ack`)).statusCode).toBe(200);
    expect((await call(app, hhg, 'POST', `/api/notices/${notice.id}/ack`)).statusCode).toBe(409);
    expect((await call(app, reporter, 'POST', `/api/notices/${notice.id}/ack`)).statusCode).toBe(200);

    const status = (await call(app, city, 'GET', `/api/notices/${notice.id}`)).json();
    expect(status.acknowledgedCount).toBe(2);
    const missing = status.recipients.filter((r: { acknowledgedAt: string | null }) => !r.acknowledgedAt);
    expect(missing.map((r: { name: string }) => r.name)).toEqual(['凤冈县']);
    expect((await call(app, city, 'POST', `/api/notices/${notice.id}/remind`, {})).json()).toEqual({ reminded: 1 });
    const fgInbox = (await call(app, fg, 'GET', '/api/notices?pending=true')).json();
    expect(fgInbox.items[0].mine.remindCount).toBe(1);
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, notice.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(['notice.acknowledge', 'notice.acknowledge', 'notice.remind', 'notice.send']);
  });

  it('keeps notices to others and sending outside the scope out (404)', async () => {
    const sent = (await call(app, city, 'POST', '/api/notices', { title: '仅发红花岗区', body: '内容', regionCodes: ['520302000000'] })).json();
    expect((await call(app, fg, 'GET', `/api/notices/${sent.id}`)).statusCode).toBe(404);
    expect((await call(app, fg, 'POST', `/api/notices/${sent.id}/ack`)).statusCode).toBe(404);
    expect((await call(app, hhg, 'POST', `/api/notices/${sent.id}/remind`, {})).statusCode).toBe(404);
    expect((await call(app, hhg, 'POST', '/api/notices', { title: '越级', body: '内容', regionCodes: ['520327000000'] })).statusCode).toBe(404);
    expect((await call(app, hhg, 'POST', '/api/notices', { title: '无接收', body: '内容' })).statusCode).toBe(400);
    expect((await call(app, reporter, 'POST', '/api/notices', { title: '填报员', body: '内容', regionCodes: ['520302001000'] })).statusCode).toBe(403);
  });
});
