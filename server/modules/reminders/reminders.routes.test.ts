import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { addDays, businessDay, shanghaiInstant } from '../../../common/business-day';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { institutions } from '../../db/schema/institutions';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { jobCtx } from '../../jobs/scheduler';
import { ctxFor, seedTestRegions, testDatabase, testSecrets } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';
import { raiseWelfareChecks, runReminders } from './reminder-jobs.service';
import { townOf } from '../../../common/region-code';
import { DEFAULT_LADDER } from './reminders.rules';

let database: Database;
let app: FastifyInstance;
let inst: typeof institutions.$inferSelect;
const s: Record<string, Session> = {};
const today = businessDay(new Date());
const yesterday = addDays(today, -1);

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  inst = (await database.db.select().from(institutions).where(like(institutions.regionCode, '520302%')).orderBy(asc(institutions.name)).limit(1))[0]!;
  const users: Array<[string, Parameters<typeof makeUser>[1]['role'], string]> = [
    ['hhg', 'officer', '520302000000'],
    ['fg', 'officer', '520327000000'],
    ['gz', 'leader', '520000000000'],
    ['town', 'town_officer', townOf(inst.regionCode)],
    ['cadre', 'village_cadre', townOf(inst.regionCode)],
    ['rep', 'reporter', inst.regionCode],
  ];
  for (const [username, role, regionCode] of users) await makeUser(database, { username, role, regionCode });
  await database.db.execute(sql`update users set institution_id = ${inst.id} where username = 'rep'`);
  app = await testApp(database);
  for (const [username] of users) s[username] = await login(app, username);
  // Yesterday and the day before went by without a single report: reminders went out and welfare tasks were raised.
  const ctx = jobCtx(database, testSecrets);
  await runReminders(ctx, shanghaiInstant(yesterday, '23:00'));
  await raiseWelfareChecks(ctx, today);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('ladder routes', () => {
  it('reads the default, inherited down the hierarchy', async () => {
    const res = await call(app, s.town!, 'GET', '/api/reminders/ladder');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ regionCode: townOf(inst.regionCode), steps: DEFAULT_LADDER, inheritedFrom: null, isDefault: true });
  });

  it('sets a county ladder (audited) that its towns inherit; refuses others and bad ladders', async () => {
    const body = { steps: [{ minutes: 15, target: 'county' }, { minutes: -90, target: 'institution' }, { minutes: 0, target: 'town' }] };
    const put = await call(app, s.hhg!, 'PUT', '/api/reminders/ladder?region=520302000000', body);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().steps.map((x: { minutes: number }) => x.minutes)).toEqual([-90, 0, 15]);
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'reminder.ladder'), eq(auditLog.entityId, '520302000000')));
    expect(audit).toMatchObject({ actorUsername: 'hhg', regionCode: '520302000000' });
    expect(audit!.details).toMatchObject({ before: DEFAULT_LADDER });
    const inherited = (await call(app, s.town!, 'GET', '/api/reminders/ladder')).json();
    expect(inherited).toMatchObject({ inheritedFrom: '520302000000', isDefault: false });

    expect((await call(app, s.town!, 'PUT', '/api/reminders/ladder', body)).statusCode).toBe(403);
    expect((await call(app, s.gz!, 'PUT', '/api/reminders/ladder?region=520302000000', body)).statusCode).toBe(403);
    const out = await call(app, s.fg!, 'PUT', '/api/reminders/ladder?region=520302000000', body);
    expect(out.statusCode).toBe(404);
    expect(out.json().code).toBe('REGION_NOT_FOUND');
    expect((await call(app, s.fg!, 'GET', '/api/reminders/ladder?region=520302000000')).statusCode).toBe(404);
    const dup = await call(app, s.hhg!, 'PUT', '/api/reminders/ladder', { steps: [{ minutes: 0, target: 'town' }, { minutes: 0, target: 'county' }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toMatch(/同一时间点/);
    expect((await call(app, s.hhg!, 'PUT', '/api/reminders/ladder', { steps: [{ minutes: 0, target: 'mayor' }] })).statusCode).toBe(400);
    expect((await call(app, s.hhg!, 'PUT', '/api/reminders/ladder', { ...body, extra: 1 })).statusCode).toBe(400);
    expect((await call(app, s.hhg!, 'PUT', '/api/reminders/ladder?region=520302999000', body)).statusCode).toBe(404);
  });
});

describe('the reminder log', () => {
  it('lists what was sent in the region, scoped: the county, its town, a reporter (own institution only), not another county', async () => {
    const county = (await call(app, s.hhg!, 'GET', `/api/reminders/log?date=${yesterday}&pageSize=200`)).json();
    expect(county.total).toBe(12 * 3);
    expect(county.items.every((i: { regionCode: string }) => i.regionCode.startsWith('520302'))).toBe(true);
    const mine = (await call(app, s.rep!, 'GET', `/api/reminders/log?date=${yesterday}`)).json();
    expect(mine.items.map((i: { institutionId: string }) => i.institutionId)).toEqual([inst.id, inst.id, inst.id]);
    expect(mine.items.find((i: { target: string }) => i.target === 'institution')).toMatchObject({ institutionName: inst.name, recipients: 1 });
    expect((await call(app, s.fg!, 'GET', `/api/reminders/log?region=520302000000&date=${yesterday}`)).statusCode).toBe(404);
    expect((await call(app, s.fg!, 'GET', `/api/reminders/log?date=${yesterday}`)).json().items.every((i: { regionCode: string }) => i.regionCode.startsWith('520327'))).toBe(true);
  });
});

describe('welfare tasks', () => {
  it('the town sees its open tasks with contacts and closes one with a note (audited, once)', async () => {
    const list = (await call(app, s.town!, 'GET', '/api/reminders/welfare-tasks?status=open&pageSize=200')).json();
    const task = list.items.find((t: { institutionId: string }) => t.institutionId === inst.id);
    expect(task).toMatchObject({ regionCode: townOf(inst.regionCode), date: yesterday, status: 'open', responsiblePhone: inst.responsiblePhone });
    expect(list.items.every((t: { regionCode: string }) => t.regionCode === townOf(inst.regionCode))).toBe(true);
    expect((await call(app, s.town!, 'GET', `/api/reminders/welfare-tasks/${task.id}`)).json()).toMatchObject({ id: task.id, status: 'open' });
    expect((await call(app, s.fg!, 'GET', `/api/reminders/welfare-tasks/${task.id}`)).statusCode).toBe(404);

    expect((await call(app, s.rep!, 'POST', `/api/reminders/welfare-tasks/${task.id}/done`, { note: '已核实' })).statusCode).toBe(403);
    expect((await call(app, s.cadre!, 'POST', `/api/reminders/welfare-tasks/${task.id}/done`, { note: '已核实' })).statusCode).toBe(403);
    const out = await call(app, s.fg!, 'POST', `/api/reminders/welfare-tasks/${task.id}/done`, { note: '已核实' });
    expect(out.statusCode).toBe(404);
    expect(out.json().code).toBe('WELFARE_TASK_NOT_FOUND');
    expect((await call(app, s.town!, 'POST', `/api/reminders/welfare-tasks/${task.id}/done`, {})).statusCode).toBe(400);

    const done = await call(app, s.town!, 'POST', `/api/reminders/welfare-tasks/${task.id}/done`, { note: '已上门探访，机构正常运转，填报员生病未报，已安排代报' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneByName: 'town', note: '已上门探访，机构正常运转，填报员生病未报，已安排代报' });
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'welfare_task.done'), eq(auditLog.entityId, task.id)));
    expect(audit).toMatchObject({ actorUsername: 'town', regionCode: townOf(inst.regionCode) });
    const again = await call(app, s.town!, 'POST', `/api/reminders/welfare-tasks/${task.id}/done`, { note: '再次办结' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('WELFARE_TASK_ALREADY_DONE');

    const doneList = (await call(app, s.hhg!, 'GET', '/api/reminders/welfare-tasks?status=done')).json();
    expect(doneList.items.map((t: { id: string }) => t.id)).toEqual([task.id]);
    expect((await call(app, s.fg!, 'GET', '/api/reminders/welfare-tasks?region=520302000000')).statusCode).toBe(404);
    expect((await call(app, s.hhg!, 'GET', '/api/reminders/welfare-tasks?status=closed')).statusCode).toBe(400);
  });
});
