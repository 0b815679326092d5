import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import type { SubmitReportInput } from '../../../common/contracts/daily-reports';
import { verifyAuditChain } from '../../core/audit';
import { rows, type Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { dailyReports } from '../../db/schema/daily-reports';
import { institutions, institutionStatusEvents } from '../../db/schema/institutions';
import { findInstitution } from '../institutions/institutions.service';
import { institutionForReport } from './daily-reports.batch';
import { supplyMovements } from '../../db/schema/supplies';
import { ctxFor, seedTestRegions, testDatabase, testSecrets } from '../../test/db';
import { makeUser } from '../../test/http';
import { setDeadline, submitReport } from './daily-reports.service';

let database: Database;
let ctx: ReturnType<typeof ctxFor>;
let ids: string[];
const today = businessDay(new Date());
const zero = (institutionId: string, date = today, signer = '值班员'): SubmitReportInput => ({
  institutionId,
  date,
  kind: 'zero',
  signer,
  checklist: { closedManagement: true, noFever: true, noNewAdmissions: true },
});

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  const now = new Date();
  ids = Array.from({ length: 80 }, () => randomUUID());
  await database.db.insert(institutions).values(
    ids.map((id, i) => ({
      id,
      name: `合并测试机构${i}`,
      nameKey: `合并测试机构${i}`,
      type: 'elderly_care' as const,
      regionCode: i % 2 ? '520302001000' : '620102001000',
      address: '测试地址',
      beds: 50,
      residents: 40,
      housesTekun: true,
      staff: 10,
      responsiblePerson: '张三',
      responsiblePhone: '13800000000',
      registeredOn: '2020-01-01',
      createdAt: now,
      updatedAt: now,
    })),
  );
  ctx = ctxFor(database, await makeUser(database, { username: 'batch_nat', role: 'officer', regionCode: '000000000000' }));
  await setDeadline(ctx, '000000000000', '23:59');
});
afterAll(() => database.close());

const settle = (calls: Array<Promise<{ status: number; body: unknown }>>) =>
  Promise.allSettled(calls).then((all) => all.map((r) => (r.status === 'fulfilled' ? r.value.status : ((r.reason as { status?: number }).status ?? 500))));

describe('coalesced submissions', () => {
  it('writes N concurrent distinct submissions in few transactions: N rows, N audit rows, the chain verifies', async () => {
    const day = addDays(today, -1);
    const batch = ids.slice(0, 60);
    const answers = await Promise.all(batch.map((id) => submitReport(ctx, zero(id, day))));
    expect(answers.map((a) => a.status)).toEqual(batch.map(() => 201));
    expect(answers.map((a) => a.body.institutionId)).toEqual(batch);
    const saved = await database.db.select().from(dailyReports).where(eq(dailyReports.day, day));
    expect(saved).toHaveLength(60);
    const [tx] = await rows<{ n: number }>(database.db, sql`select count(distinct xmin::text)::int as n from daily_reports where day = ${day}`);
    expect(tx!.n).toBeLessThan(60);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'daily_report.submit'), inArray(auditLog.entityId, answers.map((a) => a.body.id))));
    expect(audit).toHaveLength(60);
    expect(audit.every((a) => a.actorUsername === 'batch_nat' && a.requestId === 'test')).toBe(true);
    expect((await verifyAuditChain(database.db, testSecrets.auditKey)).ok).toBe(true);
  });

  it('gives each caller of a mixed batch its own answer: duplicates 409, replays of a key the first answer, a key with another body 422', async () => {
    const day = addDays(today, -2);
    const [x, y, z, w] = ids;
    const earlier = await submitReport(ctx, zero(w!, day), 'key-batch-earlier');
    const calls = [
      submitReport(ctx, zero(x!, day), 'key-batch-0001'),
      submitReport(ctx, zero(x!, day), 'key-batch-0001'),
      submitReport(ctx, zero(y!, day, '另一人'), 'key-batch-0001'),
      submitReport(ctx, zero(x!, day, '第二人')),
      submitReport(ctx, zero(z!, day)),
      submitReport(ctx, zero(w!, day), 'key-batch-earlier'),
      submitReport(ctx, zero(z!, day, '第三人'), 'key-batch-0002'),
    ];
    const statuses = await settle(calls);
    expect(statuses).toEqual([201, 201, 422, 409, 201, 201, 409]);
    const [first, replay, , , , again] = await Promise.allSettled(calls);
    expect(replay).toEqual(first);
    expect(again).toEqual({ status: 'fulfilled', value: earlier });
    const saved = await database.db.select().from(dailyReports).where(eq(dailyReports.day, day));
    expect(saved.map((r) => r.institutionId).sort()).toEqual([x!, z!, w!].sort());
    expect(saved.find((r) => r.institutionId === x)!.signer).toBe('值班员');
    expect((await verifyAuditChain(database.db, testSecrets.auditKey)).ok).toBe(true);
  });

  it('books the consumption of every report of a batch', async () => {
    const day = addDays(today, -3);
    const figures = { residentsPresent: 40, staffOnSite: 10, staffLivingIn: 8, admissions: 0, discharges: 0, temperatureChecks: 50, feverCount: 0, suspectedCases: 0, confirmedCases: 0, isolatedCount: 0, testsDone: 10, positives: 0, disinfectionDone: true, visitorsRefused: 0 };
    const batch = ids.slice(0, 10);
    await Promise.all(batch.map((id) => submitReport(ctx, { institutionId: id, date: day, kind: 'report', figures: { ...figures, supplies: [{ category: 'masks', quantity: 5 }] } })));
    const moves = await database.db.select().from(supplyMovements).where(and(eq(supplyMovements.day, day), inArray(supplyMovements.institutionId, batch)));
    expect(moves).toHaveLength(10);
    expect((await verifyAuditChain(database.db, testSecrets.auditKey)).ok).toBe(true);
  });

  it('stores the answer of a batch (built from the inserted row) so that a retry gets exactly the first answer, figures included', async () => {
    const day = addDays(today, -6);
    const figures = { residentsPresent: 41, staffOnSite: 9, staffLivingIn: 7, admissions: 1, discharges: 0, temperatureChecks: 50, feverCount: 1, suspectedCases: 0, confirmedCases: 0, isolatedCount: 1, testsDone: 12, positives: 0, disinfectionDone: true, visitorsRefused: 3, notes: '一名发热，已隔离' };
    const batch = ids.slice(10, 16);
    const input = (id: string): SubmitReportInput => ({ institutionId: id, date: day, kind: 'report', figures });
    const first = await Promise.all(batch.map((id, i) => submitReport(ctx, input(id), `key-answer-${i}`)));
    const again = await Promise.all(batch.map((id, i) => submitReport(ctx, input(id), `key-answer-${i}`)));
    expect(first.map((a) => a.status)).toEqual(batch.map(() => 201));
    expect(again).toEqual(first);
    expect(first[0]!.body).toMatchObject({ institutionName: '合并测试机构10', kind: 'report', figures, version: 1, correctedAt: null, onBehalf: true });
    const [n] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from idempotency_keys where key like 'key-answer-%'`);
    expect(n!.n).toBe(6);
  });

  it('retries a failed batch one by one: a bad row fails alone, the others are saved', async () => {
    const day = addDays(today, -4);
    await database.db.execute(sql`create or replace function refuse_bad_signer() returns trigger language plpgsql as $$
      begin if new.signer = '坏签名' then raise exception 'bad row'; end if; return new; end $$`);
    await database.db.execute(sql`create trigger refuse_bad_signer before insert on daily_reports for each row execute function refuse_bad_signer()`);
    try {
      const batch = ids.slice(0, 20);
      const statuses = await settle(batch.map((id, i) => submitReport(ctx, zero(id, day, i === 7 ? '坏签名' : '值班员'))));
      expect(statuses.filter((s) => s === 201)).toHaveLength(19);
      expect(statuses[7]).not.toBe(201);
      const saved = await database.db.select().from(dailyReports).where(eq(dailyReports.day, day));
      expect(saved.map((r) => r.institutionId).sort()).toEqual(batch.filter((_, i) => i !== 7).sort());
    } finally {
      await database.db.execute(sql`drop trigger refuse_bad_signer on daily_reports`);
    }
    expect((await verifyAuditChain(database.db, testSecrets.auditKey)).ok).toBe(true);
  });

  it('looks institutions up (batched, prepared) exactly as findInstitution does, status of the day included', async () => {
    const [a, b] = ids.slice(30, 32);
    await database.db.insert(institutionStatusEvents).values({ id: randomUUID(), institutionId: a!, status: 'services_suspended', effectiveFrom: addDays(today, -3), reason: '暂停服务', orderedByName: '测试', createdAt: new Date() });
    for (const day of [addDays(today, -5), today])
      for (const id of [a!, b!]) expect(await institutionForReport(ctx, ctx.actor!, id, day)).toEqual(await findInstitution(ctx, ctx.actor!, id, day));
    expect((await institutionForReport(ctx, ctx.actor!, a!, today)).status).toBe('services_suspended');
  });

  it('still refuses out-of-scope institutions per request (404) while the others of the moment are saved', async () => {
    const day = addDays(today, -5);
    const county = ctxFor(database, await makeUser(database, { username: 'batch_hhg', role: 'officer', regionCode: '520302000000' }));
    const statuses = await settle(ids.slice(0, 6).map((id) => submitReport(county, zero(id, day))));
    expect(statuses).toEqual([404, 201, 404, 201, 404, 201]);
  });
});
