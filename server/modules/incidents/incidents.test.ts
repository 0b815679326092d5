import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, asc, count, eq, like, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { incidentAcks, incidents } from '../../db/schema/incidents';
import { institutions } from '../../db/schema/institutions';
import { notifications } from '../../db/schema/notifications';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { townOf } from '../../../common/region-code';
import { alertRegions } from './incidents.rules';

let database: Database;
let app: FastifyInstance;
let inst: typeof institutions.$inferSelect;
let other: typeof institutions.$inferSelect;
const u: Record<string, TestUser> = {};
const s: Record<string, Session> = {};

const report = (over: Record<string, unknown> = {}) => ({
  institutionId: inst.id,
  kind: 'fever_cluster',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  description: '二楼 3 名老人夜间发热，已单间隔离，已联系定点医院',
  personsAffected: 3,
  ...over,
});
const inbox = async (user: string, kind = 'incident') =>
  database.db.select().from(notifications).where(and(eq(notifications.userId, u[user]!.id), eq(notifications.kind, kind)));

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  const hhg = await database.db.select().from(institutions).where(like(institutions.regionCode, '520302%')).orderBy(asc(institutions.name));
  inst = hhg.find((i) => i.type === 'elderly_care')!;
  other = hhg.find((i) => i.id !== inst.id && townOf(i.regionCode) !== townOf(inst.regionCode))!;
  const people: Array<[string, TestUser['role'], string, string?]> = [
    ['rep', 'reporter', inst.regionCode, inst.id],
    ['rep2', 'reporter', other.regionCode, other.id],
    ['town', 'town_officer', townOf(inst.regionCode)],
    ['town2', 'town_officer', townOf(other.regionCode)],
    ['county', 'officer', '520302000000'],
    ['city', 'leader', '520300000000'],
    ['cityOff', 'officer', '520300000000'],
    ['province', 'leader', '520000000000'],
    ['nation', 'officer', '000000000000'],
    ['fg', 'officer', '520327000000'],
    ['gansu', 'leader', '620000000000'],
    ['inspector', 'inspector', '520302000000'],
    ['cadre', 'village_cadre', townOf(inst.regionCode)],
  ];
  for (const [username, role, regionCode, institutionId] of people) {
    u[username] = await makeUser(database, { username, role, regionCode });
    if (institutionId) await database.db.execute(sql`update users set institution_id = ${institutionId} where username = ${username}`);
  }
  app = await testApp(database);
  for (const [username] of people) s[username] = await login(app, username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('reporting an incident', () => {
  let id: string;

  it('reaches the town, county, city, province and country at once, and nobody else; audited', async () => {
    expect(alertRegions(inst.regionCode)).toEqual([townOf(inst.regionCode), '520302000000', '520300000000', '520000000000', '000000000000']);
    const res = await call(app, s.rep!, 'POST', '/api/incidents', report());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    id = body.id;
    expect(body).toMatchObject({ institutionId: inst.id, kind: 'fever_cluster', status: 'open', personsAffected: 3, reportedByName: 'rep', acks: [], acknowledgedByMe: false });
    for (const who of ['town', 'county', 'city', 'cityOff', 'province', 'nation']) {
      const got = await inbox(who);
      expect(got, who).toHaveLength(1);
      expect(got[0]!.title).toContain('聚集性发热');
      expect(got[0]!.link).toBe(`/incidents/${id}`);
    }
    for (const who of ['rep', 'rep2', 'town2', 'fg', 'gansu', 'inspector', 'cadre']) expect(await inbox(who), who).toHaveLength(0);
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'incident.report'), eq(auditLog.entityId, id)));
    expect(audit).toMatchObject({ actorUsername: 'rep', regionCode: inst.regionCode });
    // the six above and the national officer who seeded the institutions
    expect(audit!.details).toMatchObject({ kind: 'fever_cluster', notified: 7 });
  });

  it('is refused for another institution (404), another county (404), a role without the permission (403) and bad input (400)', async () => {
    const foreign = await call(app, s.rep2!, 'POST', '/api/incidents', report());
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('INSTITUTION_NOT_FOUND');
    expect((await call(app, s.fg!, 'POST', '/api/incidents', report())).statusCode).toBe(404);
    expect((await call(app, s.inspector!, 'POST', '/api/incidents', report())).statusCode).toBe(403);
    expect((await call(app, s.city!, 'POST', '/api/incidents', report())).statusCode).toBe(403);
    const future = await call(app, s.rep!, 'POST', '/api/incidents', report({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future.json().code).toBe('INCIDENT_FUTURE_TIME');
    expect((await call(app, s.rep!, 'POST', '/api/incidents', report({ kind: 'flood' }))).statusCode).toBe(400);
    expect((await call(app, s.rep!, 'POST', '/api/incidents', report({ personsAffected: -1 }))).statusCode).toBe(400);
    expect((await call(app, s.rep!, 'POST', '/api/incidents', report({ extra: true }))).statusCode).toBe(400);
    const [n] = await database.db.select({ n: count() }).from(incidents);
    expect(Number(n!.n)).toBe(1);
  });

  it('an officer in scope reports on the institution’s behalf; a retried Idempotency-Key answers the first result again', async () => {
    const body = report({ kind: 'missing_person', personsAffected: 1, description: '一名失智老人午后走失，已报警' });
    const first = await call(app, s.county!, 'POST', '/api/incidents', body, { 'idempotency-key': 'incident-key-0001' });
    expect(first.statusCode).toBe(201);
    const again = await call(app, s.county!, 'POST', '/api/incidents', body, { 'idempotency-key': 'incident-key-0001' });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect((await call(app, s.county!, 'POST', '/api/incidents', { ...body, personsAffected: 2 }, { 'idempotency-key': 'incident-key-0001' })).statusCode).toBe(422);
    const [n] = await database.db.select({ n: count() }).from(incidents).where(eq(incidents.kind, 'missing_person'));
    expect(Number(n!.n)).toBe(1);
    expect(await inbox('county')).toHaveLength(1);
    expect(await inbox('town')).toHaveLength(2);
  });

  it('is listed open first at every level in scope, with acknowledgements by level; acknowledging twice records once', async () => {
    const list = (await call(app, s.province!, 'GET', '/api/incidents')).json();
    expect(list).toMatchObject({ total: 2, open: 2 });
    expect(list.items[0].acknowledgedByMe).toBe(false);
    const ack = await call(app, s.city!, 'POST', `/api/incidents/${id}/ack`);
    expect(ack.statusCode).toBe(200);
    expect(ack.json().acks).toMatchObject([{ userName: 'city', level: 'city', regionCode: '520300000000', regionName: '遵义市' }]);
    expect(ack.json().acknowledgedByMe).toBe(true);
    const twice = await call(app, s.city!, 'POST', `/api/incidents/${id}/ack`);
    expect(twice.json().acks).toHaveLength(1);
    await call(app, s.town!, 'POST', `/api/incidents/${id}/ack`);
    const detail = (await call(app, s.nation!, 'GET', `/api/incidents/${id}`)).json();
    expect(detail.acks.map((a: { level: string }) => a.level)).toEqual(['city', 'town']);
    expect(detail.acknowledgedByMe).toBe(false);
    const acks = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'incident.acknowledge'), eq(auditLog.entityId, id)));
    expect(acks.map((a) => a.actorUsername)).toEqual(['city', 'town']);
    expect(await database.db.select().from(incidentAcks)).toHaveLength(2);

    expect((await call(app, s.rep!, 'POST', `/api/incidents/${id}/ack`)).statusCode).toBe(403);
    expect((await call(app, s.fg!, 'POST', `/api/incidents/${id}/ack`)).statusCode).toBe(404);
    expect((await call(app, s.fg!, 'GET', `/api/incidents/${id}`)).statusCode).toBe(404);
    expect((await call(app, s.fg!, 'GET', '/api/incidents')).json().total).toBe(0);
    expect((await call(app, s.fg!, 'GET', '/api/incidents?region=520302000000')).statusCode).toBe(404);
    expect((await call(app, s.gansu!, 'GET', '/api/incidents')).json().total).toBe(0);
    expect((await call(app, s.rep2!, 'GET', '/api/incidents')).json().total).toBe(0);
    expect((await call(app, s.rep!, 'GET', '/api/incidents')).json().total).toBe(2);
  });

  it('stays on the board until closed with a resolution (officer or leader in scope, once, audited); the reporter is told', async () => {
    expect((await call(app, s.town!, 'POST', `/api/incidents/${id}/close`, { resolution: '已处置' })).statusCode).toBe(403);
    expect((await call(app, s.fg!, 'POST', `/api/incidents/${id}/close`, { resolution: '已处置' })).statusCode).toBe(404);
    expect((await call(app, s.county!, 'POST', `/api/incidents/${id}/close`, {})).statusCode).toBe(400);
    const closed = await call(app, s.county!, 'POST', `/api/incidents/${id}/close`, { resolution: '3 人经核酸检测均为阴性，系普通感冒，已解除隔离' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedByName: 'county', resolution: '3 人经核酸检测均为阴性，系普通感冒，已解除隔离' });
    const again = await call(app, s.city!, 'POST', `/api/incidents/${id}/close`, { resolution: '再次关闭' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INCIDENT_ALREADY_CLOSED');
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'incident.close'), eq(auditLog.entityId, id)));
    expect(audit).toMatchObject({ actorUsername: 'county', regionCode: inst.regionCode });
    expect(await inbox('rep', 'incident.closed')).toHaveLength(1);
    expect(await inbox('city', 'incident.closed')).toHaveLength(1);

    const board = (await call(app, s.city!, 'GET', '/api/incidents')).json();
    expect(board.items.map((i: { status: string }) => i.status)).toEqual(['open', 'closed']);
    expect(board).toMatchObject({ total: 2, open: 1 });
    const open = (await call(app, s.city!, 'GET', '/api/incidents?status=open')).json();
    expect(open.items.map((i: { kind: string }) => i.kind)).toEqual(['missing_person']);
    expect((await call(app, s.city!, 'GET', '/api/incidents?status=closed')).json()).toMatchObject({ total: 1, open: 1, items: [{ id }] });
  });
});
