// The reminder ladder and the welfare checks on a fake clock: every job verb takes `now`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { shanghaiInstant } from '../../../common/business-day';
import type { Ctx } from '../../core/context';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { institutions } from '../../db/schema/institutions';
import { notifications } from '../../db/schema/notifications';
import { reminderLog, welfareTasks } from '../../db/schema/reminders';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { jobCtx } from '../../jobs/scheduler';
import { ctxFor, seedTestRegions, testDatabase, testSecrets } from '../../test/db';
import { makeUser, type TestUser } from '../../test/http';
import { setDeadline, submitReport } from '../daily-reports/daily-reports.service';
import { deliverWebhooks } from '../notifications/notifications.service';
import { raiseWelfareChecks, runReminders } from './reminder-jobs.service';
import { townOf } from '../../../common/region-code';
import { completeWelfareTask, setLadder } from './reminders.service';

type Inst = typeof institutions.$inferSelect;
let database: Database;
let A: Inst;
let B: Inst;
let C: Inst;
const u: Record<string, TestUser & { institutionId?: string }> = {};

/** The scheduler's own context (a national bureau officer) at a Shanghai wall-clock time. */
const job = (day: string, time: string): [Ctx, Date] => {
  const now = shanghaiInstant(day, time);
  return [jobCtx(database, testSecrets, () => now), now];
};
const run = (day: string, time: string) => runReminders(...job(day, time));
const as = (user: TestUser & { institutionId?: string }, day: string, time: string): Ctx => ({ ...ctxFor(database, user), now: () => shanghaiInstant(day, time) });
const zero = (inst: Inst, day: string) => ({ institutionId: inst.id, date: day, kind: 'zero' as const, signer: '值班员', checklist: { closedManagement: true, noFever: true, noNewAdmissions: true } });

async function steps(inst: Inst, day: string): Promise<number[]> {
  const rows = await database.db.select().from(reminderLog).where(and(eq(reminderLog.institutionId, inst.id), eq(reminderLog.day, day))).orderBy(asc(reminderLog.step));
  return rows.map((r) => r.step);
}
async function inbox(user: TestUser, kind = 'reminder') {
  return database.db.select().from(notifications).where(and(eq(notifications.userId, user.id), eq(notifications.kind, kind))).orderBy(asc(notifications.createdAt));
}
const mentions = (rows: Array<{ title: string; body: string }>, inst: Inst, day: string) => rows.filter((n) => n.title.includes(inst.name) && n.body.includes(day));

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  const hhg = await database.db.select().from(institutions).where(like(institutions.regionCode, '520302%')).orderBy(asc(institutions.name));
  expect(hhg).toHaveLength(12);
  A = hhg.find((i) => i.type === 'day_care')!;
  B = hhg.find((i) => i.type === 'funeral')!;
  C = hhg.find((i) => i.type === 'marriage_registry')!;
  const otherTown = hhg.map((i) => townOf(i.regionCode)).find((t) => t !== townOf(A.regionCode))!;
  const mk = async (username: string, role: TestUser['role'], regionCode: string, institutionId?: string) => {
    u[username] = { ...(await makeUser(database, { username, role, regionCode })), ...(institutionId ? { institutionId } : {}) };
    if (institutionId) await database.db.execute(sql`update users set institution_id = ${institutionId} where username = ${username}`);
  };
  await mk('repA', 'reporter', A.regionCode, A.id);
  await mk('repB', 'reporter', B.regionCode, B.id);
  await mk('repC', 'reporter', C.regionCode, C.id);
  await mk('townA', 'town_officer', townOf(A.regionCode));
  await mk('townOther', 'town_officer', otherTown);
  await mk('hhgOff', 'officer', '520302000000');
  await mk('cityOff', 'officer', '520300000000');
  await mk('gzOff', 'officer', '520000000000');
});
afterAll(async () => {
  await database.close();
});

describe('the reminder ladder (default: institution -60 min, town at the deadline 17:30, county +30 min)', () => {
  const D = '2026-03-02';

  it('fires each step at its time for a missing institution of 红花岗区, never for one that submitted, and never twice', async () => {
    await submitReport(as(u.repB!, D, '10:00'), zero(B, D));
    await run(D, '16:29');
    expect(await steps(A, D)).toEqual([]);
    await run(D, '16:30');
    expect(await steps(A, D)).toEqual([-60]);
    expect(mentions(await inbox(u.repA!), A, D)).toHaveLength(1);
    expect(mentions(await inbox(u.repA!), A, D)[0]!.body).toContain('还有 60 分钟');
    expect(mentions(await inbox(u.townA!), A, D)).toHaveLength(0);
    await run(D, '17:29');
    expect(await steps(A, D)).toEqual([-60]);
    await run(D, '17:30');
    expect(await steps(A, D)).toEqual([-60, 0]);
    expect(mentions(await inbox(u.townA!), A, D)).toHaveLength(1);
    expect(mentions(await inbox(u.townOther!), A, D)).toHaveLength(0);
    expect(mentions(await inbox(u.hhgOff!), A, D)).toHaveLength(0);
    await run(D, '17:59');
    expect(await steps(A, D)).toEqual([-60, 0]);
    await run(D, '18:00');
    expect(await steps(A, D)).toEqual([-60, 0, 30]);
    expect(mentions(await inbox(u.hhgOff!), A, D)).toHaveLength(1);
    expect(mentions(await inbox(u.cityOff!), A, D)).toHaveLength(0);
    const [log] = await database.db.select().from(reminderLog).where(and(eq(reminderLog.institutionId, A.id), eq(reminderLog.day, D), eq(reminderLog.step, 30)));
    expect(log).toMatchObject({ target: 'county', recipients: 1, sentAt: shanghaiInstant(D, '18:00') });

    expect(await steps(B, D)).toEqual([]);
    expect(mentions(await inbox(u.repB!), B, D)).toHaveLength(0);
    expect(mentions(await inbox(u.townA!), B, D)).toHaveLength(0);

    const before = (await inbox(u.repA!)).length;
    expect(await run(D, '18:00')).toEqual({ sent: 0, notified: 0 });
    expect(await run(D, '23:59')).toEqual({ sent: 0, notified: 0 });
    expect((await inbox(u.repA!)).length).toBe(before);
    // Each batch (one county) is audited in its transaction, naming every reminder it sent.
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'reminder.send'), eq(auditLog.regionCode, '520302000000')));
    const forA = audits.flatMap((a) => (a.details as { reminders: Array<{ institutionId: string; day: string; step: number }> }).reminders).filter((r) => r.institutionId === A.id && r.day === D);
    expect(forA.map((r) => r.step)).toEqual([-60, 0, 30]);
    expect(audits[0]!.actorUsername).toBe('scheduler');
  });

  it('stops the ladder as soon as the institution reports', async () => {
    const D2 = '2026-03-03';
    await run(D2, '16:30');
    expect(await steps(C, D2)).toEqual([-60]);
    await submitReport(as(u.repC!, D2, '17:00'), zero(C, D2));
    await run(D2, '18:30');
    expect(await steps(C, D2)).toEqual([-60]);
    expect(await steps(A, D2)).toEqual([-60, 0, 30]);
  });

  it('catches up every due step when its first run is 3 hours after the deadline, and the previous day too', async () => {
    const D = '2026-03-05';
    const yesterday = '2026-03-04';
    const first = await run(D, '20:30');
    expect(first.sent).toBeGreaterThanOrEqual(6);
    expect(await steps(A, D)).toEqual([-60, 0, 30]);
    expect(await steps(A, yesterday)).toEqual([-60, 0, 30]);
    const logs = await database.db.select().from(reminderLog).where(and(eq(reminderLog.institutionId, A.id), eq(reminderLog.day, D)));
    expect(logs.every((l) => l.sentAt.getTime() === shanghaiInstant(D, '20:30').getTime())).toBe(true);
    const late = mentions(await inbox(u.repA!), A, D);
    expect(late).toHaveLength(1);
    expect(late[0]!.body).toContain('已超过截止时间 17:30');
    expect(mentions(await inbox(u.townA!), A, D)).toHaveLength(1);
    expect(mentions(await inbox(u.hhgOff!), A, D)).toHaveLength(1);
    expect(await run(D, '20:31')).toEqual({ sent: 0, notified: 0 });
  });

  it('after a night of downtime the first run finishes the previous business day', async () => {
    const D = '2026-03-07';
    await run(D, '12:00');
    expect(await steps(A, D)).toEqual([]);
    await run('2026-03-08', '01:00');
    expect(await steps(A, D)).toEqual([-60, 0, 30]);
    expect(await steps(A, '2026-03-08')).toEqual([]);
  });

  it('sends each reminder through the webhook too (local receiver on 127.0.0.1)', async () => {
    const D = '2026-03-20';
    await run(D, '00:00');
    const got: unknown[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        got.push(JSON.parse(body));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.FANGXIAN_WEBHOOK_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    try {
      const [ctx] = job(D, '16:30');
      expect((await runReminders(ctx, shanghaiInstant(D, '16:30'))).sent).toBeGreaterThan(0);
      for (let i = 0; i < 10 && (await deliverWebhooks(ctx)).attempted > 0; i++);
      const forA = got.filter((p) => (p as { data: { institutionId: string } }).data.institutionId === A.id);
      expect(forA).toHaveLength(1);
      expect(forA[0]).toMatchObject({ kind: 'reminder', data: { day: D, step: -60, target: 'institution' }, recipients: [{ username: 'repA' }] });
    } finally {
      delete process.env.FANGXIAN_WEBHOOK_URL;
      server.closeAllConnections();
      server.close();
    }
  });

  it('follows a ladder and deadline inherited from higher up', async () => {
    const D = '2026-03-10';
    await setLadder(ctxFor(database, u.gzOff!), '520000000000', { steps: [{ minutes: 60, target: 'county' }, { minutes: -30, target: 'institution' }] });
    await setDeadline(ctxFor(database, u.hhgOff!), '520302000000', '18:00');
    try {
      await run(D, '17:29');
      expect(await steps(A, D)).toEqual([]);
      await run(D, '17:30');
      expect(await steps(A, D)).toEqual([-30]);
      await run(D, '18:59');
      expect(await steps(A, D)).toEqual([-30]);
      await run(D, '19:00');
      expect(await steps(A, D)).toEqual([-30, 60]);
      expect(mentions(await inbox(u.townA!), A, D)).toHaveLength(0);
    } finally {
      await database.db.execute(sql`delete from reminder_ladders`);
      await database.db.execute(sql`delete from reporting_deadlines`);
    }
  });
});

describe('welfare checks', () => {
  it('an institution silent two days running gets one task for its town and the town officers are told', async () => {
    await submitReport(as(u.repB!, '2026-03-13', '10:00'), zero(B, '2026-03-13'));
    await submitReport(as(u.repC!, '2026-03-12', '10:00'), zero(C, '2026-03-12'));
    const [ctx] = job('2026-03-14', '08:00');
    const first = await raiseWelfareChecks(ctx, '2026-03-14');
    expect(first.created).toBeGreaterThan(0);
    const tasks = (inst: Inst) => database.db.select().from(welfareTasks).where(eq(welfareTasks.institutionId, inst.id)).orderBy(asc(welfareTasks.day));
    expect(await tasks(A)).toMatchObject([{ regionCode: townOf(A.regionCode), day: '2026-03-13', status: 'open' }]);
    expect(await tasks(B)).toEqual([]);
    expect(await tasks(C)).toEqual([]);
    const told = (await inbox(u.townA!, 'welfare_check')).filter((n) => n.title.includes(A.name));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('2026-03-12、2026-03-13');
    expect((await inbox(u.townOther!, 'welfare_check')).filter((n) => n.title.includes(A.name))).toHaveLength(0);
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'welfare_task.create'), eq(auditLog.entityId, (await tasks(A))[0]!.id)));
    expect(audit).toBeDefined();

    expect(await raiseWelfareChecks(ctx, '2026-03-14')).toEqual({ created: 0, notified: 0 });
    // Still silent the next day: the open task covers it, no second one (C, silent on 03-13 and 03-14, now gets one).
    await raiseWelfareChecks(job('2026-03-15', '08:00')[0], '2026-03-15');
    expect(await tasks(A)).toHaveLength(1);
    expect(await tasks(C)).toMatchObject([{ day: '2026-03-14', status: 'open' }]);
    // Once the town has closed it, continued silence raises a new one.
    await completeWelfareTask(as(u.townA!, '2026-03-15', '11:00'), (await tasks(A))[0]!.id, '已电话联系负责人，系网络故障，已指导补报');
    await raiseWelfareChecks(job('2026-03-16', '08:00')[0], '2026-03-16');
    expect((await tasks(A)).map((t) => [t.day, t.status])).toEqual([
      ['2026-03-13', 'done'],
      ['2026-03-15', 'open'],
    ]);
  });
});
