import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { auditLog } from '../db/schema/audit';
import { reminderLog } from '../db/schema/reminders';
import { seedInstitutions } from '../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase, testSecrets } from '../test/db';
import { makeUser } from '../test/http';
import { JOBS, jobCtx, startScheduler, type JobLog } from './scheduler';

let database: Database;

function collect(): JobLog & { lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> } {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) }),
    error: (obj, msg) => lines.push({ level: 'error', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) }),
  };
}

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
});
afterAll(async () => {
  await database.close();
});

describe('the scheduler', () => {
  it('acts as a national officer named scheduler', () => {
    expect(jobCtx(database, testSecrets).actor).toMatchObject({ role: 'officer', scope: '', username: 'scheduler' });
  });

  it('runs the jobs once at start (the catch-up), never overlaps itself, and stops cleanly', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const slow = {
      name: 'slow',
      run: async () => {
        active++;
        runs++;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 150));
        active--;
        return {};
      },
    };
    JOBS.push(slow);
    const log = collect();
    try {
      const scheduler = startScheduler(database, testSecrets, log, 10);
      await new Promise((r) => setTimeout(r, 400));
      await Promise.all([scheduler.tick(), scheduler.tick()]);
      await scheduler.stop();
      const after = runs;
      await new Promise((r) => setTimeout(r, 50));
      expect(runs).toBe(after);
      expect(most).toBe(1);
      expect(runs).toBeGreaterThanOrEqual(1);
    } finally {
      JOBS.splice(JOBS.indexOf(slow), 1);
    }
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    // The first run caught up yesterday's whole ladder for every silent institution.
    expect(log.lines.find((l) => l.obj.job === 'reminders')?.obj.sent).toBeGreaterThan(0);
    const [sent] = await database.db.select().from(reminderLog).limit(1);
    expect(sent).toBeDefined();
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'reminder.send'));
    expect(audits[0]!.actorUsername).toBe('scheduler');
  });

  it('logs a failing job and still runs the others; the error never escapes', async () => {
    const boom = { name: 'boom', run: async (): Promise<object> => Promise.reject(new Error('数据库连接中断')) };
    JOBS.unshift(boom);
    const log = collect();
    let after = 0;
    const counter = { name: 'after', run: async () => ({ ran: ++after }) };
    JOBS.push(counter);
    try {
      const scheduler = startScheduler(database, testSecrets, log, 60_000);
      await scheduler.tick();
      await scheduler.stop();
    } finally {
      JOBS.splice(JOBS.indexOf(boom), 1);
      JOBS.splice(JOBS.indexOf(counter), 1);
    }
    expect(log.lines.filter((l) => l.level === 'error')).toMatchObject([{ obj: { job: 'boom', err: { message: '数据库连接中断' } }, msg: 'job failed' }]);
    expect(after).toBe(1);
  });

  it('runs a daily job (the welfare checks) once per business day, retrying until it succeeds', async () => {
    let calls = 0;
    const daily = { name: 'daily', daily: true, run: async () => (++calls === 1 ? Promise.reject(new Error('暂时失败')) : { calls }) };
    JOBS.push(daily);
    const log = collect();
    try {
      const scheduler = startScheduler(database, testSecrets, log, 60_000);
      for (let i = 0; i < 4; i++) await scheduler.tick();
      await scheduler.stop();
    } finally {
      JOBS.splice(JOBS.indexOf(daily), 1);
    }
    expect(calls).toBe(2);
    expect(log.lines.filter((l) => l.obj.job === 'daily').map((l) => l.level)).toEqual(['error', 'info']);
  });
});
