import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { rows } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { reserveFunds } from '../../db/schema/assistance';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { grant } from './assistance.service';
import { grantBody as baseBody, TOWN } from './assistance.test-support';

let database: Database;
let app: FastifyInstance;
let operator: Session;
let county: Session;
let town: Session;
let fg: Session;
let townUser: TestUser;
const validId = '520302198001010014';

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await makeUser(database, { username: 'hhg_hotline', role: 'hotline_operator', regionCode: '520302000000' });
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  townUser = await makeUser(database, { username: 'hhg_town', role: 'town_officer', regionCode: TOWN });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  app = await testApp(database);
  operator = await login(app, 'hhg_hotline');
  county = await login(app, 'hhg_off');
  town = await login(app, 'hhg_town');
  fg = await login(app, 'fg_off');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const grantBody = (over: Record<string, unknown> = {}) => baseBody({ recipientIdNumber: validId, ...over });

describe('the 白杨小区 family: call, same-day verification, provisional grant from the town fund', () => {
  it('runs from the call to the payment, and the county sees the SLA met', async () => {
    const c = (
      await call(app, operator, 'POST', '/api/hotline/calls', {
        callerName: '刘桂兰',
        callerPhone: '13985012345',
        regionCode: TOWN,
        address: '红花岗区老城街道白杨小区 3 栋 2 单元 501',
        category: 'medical',
        urgency: 'urgent',
        content: '儿子突发心脏病住院，家中无钱治疗',
      })
    ).json();
    expect((await call(app, town, 'POST', `/api/hotline/calls/${c.id}/claim`)).statusCode).toBe(200);
    const verified = await call(app, town, 'POST', `/api/hotline/calls/${c.id}/verify`, { visitors: '老城街道民政专干、社区网格员', findings: '情况属实，患者住院，家庭无积蓄' });
    // Verified the same day: that clock is met; the case's payment clock (24 hours, urgent) still runs.
    expect(verified.json()).toMatchObject({ status: 'verified', clocks: { verify: { light: 'done', slaMet: true } }, slaMet: null });

    expect((await call(app, town, 'POST', '/api/assistance/funds/allocate', { townCode: TOWN, amountFen: 21_500_000 })).statusCode).toBe(403);
    const fund = await call(app, county, 'POST', '/api/assistance/funds/allocate', { townCode: TOWN, amountFen: 21_500_000, note: '疫情期间临时救助备用金' });
    expect(fund.json()).toMatchObject({ balanceFen: 21_500_000 });

    const paid = await call(app, town, 'POST', '/api/assistance/grants', grantBody({ callId: c.id }), { 'idempotency-key': 'grant-baiyang-001' });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ status: 'paid', provisional: true, paperworkStatus: 'open', recipientName: '刘*', recipientPhone: '139****2345', recipientIdNumber: '520***********0014' });
    const again = await call(app, town, 'POST', '/api/assistance/grants', grantBody({ callId: c.id }), { 'idempotency-key': 'grant-baiyang-001' });
    expect(again.body).toBe(paid.body);
    const ledger = (await call(app, county, 'GET', `/api/assistance/funds/${TOWN}`)).json();
    expect(ledger.fund.balanceFen).toBe(21_500_000 - 150_000);
    expect(ledger.movements.map((m: { kind: string }) => m.kind)).toEqual(['payment', 'allocation']);

    const countyView = (await call(app, county, 'GET', '/api/hotline/calls?region=520302000000')).json();
    expect(countyView.items[0]).toMatchObject({ slaMet: true, escalated: false, assistedAt: paid.json().paidAt, clocks: { payment: { slaMet: true } } });
    const open = (await call(app, county, 'GET', '/api/assistance/grants?paperwork=open')).json();
    expect(open.total).toBe(1);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'assistance.grant.pay'));
    expect(audits).toHaveLength(1);
  });

  it('never lets the fund go negative, also under 20 concurrent payments', async () => {
    const ctx = ctxFor(database, townUser);
    await database.db.update(reserveFunds).set({ balanceFen: 500_000 }).where(eq(reserveFunds.townCode, TOWN));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => grant(ctx, { ...grantBody({ amountFen: 100_000, recipientPhone: `1398501${String(2000 + i)}`, recipientIdNumber: undefined }), provisional: true } as never)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'FUND_INSUFFICIENT')).toBe(true);
    const [fund] = await database.db.select().from(reserveFunds).where(eq(reserveFunds.townCode, TOWN));
    expect(fund!.balanceFen).toBe(0);
    await expect(database.db.execute(sql`update reserve_funds set balance_fen = -1 where town_code = ${TOWN}`)).rejects.toThrow();
  });

  it('sends a grant above the threshold to a second person, and warns of grants to the same person elsewhere', async () => {
    await call(app, county, 'POST', '/api/assistance/funds/allocate', { townCode: TOWN, amountFen: 1_000_000 });
    const big = (await call(app, town, 'POST', '/api/assistance/grants', grantBody({ amountFen: 500_000 }))).json();
    expect(big).toMatchObject({ status: 'pending_approval' });
    expect(big.duplicates.length).toBeGreaterThanOrEqual(1);
    const self = await login(app, 'hhg_off');
    expect((await call(app, self, 'POST', `/api/assistance/grants/${big.id}/approve`)).json()).toMatchObject({ status: 'paid', approvedByName: 'hhg_off' });
    expect((await call(app, self, 'POST', `/api/assistance/grants/${big.id}/approve`)).statusCode).toBe(409);
    const [fund] = await database.db.select().from(reserveFunds).where(eq(reserveFunds.townCode, TOWN));
    expect(fund!.balanceFen).toBe(500_000);
  });

  it('settles paperwork: completed by the town, a write-off only by someone else', async () => {
    const [g] = (await call(app, county, 'GET', '/api/assistance/grants?paperwork=open')).json().items;
    expect((await call(app, town, 'POST', `/api/assistance/grants/${g.id}/paperwork`, { status: 'written_off', note: '无法补齐' })).statusCode).toBe(403);
    const done = await call(app, town, 'POST', `/api/assistance/grants/${g.id}/paperwork`, { status: 'completed', note: '诊断证明、收入证明已补齐' });
    expect(done.json().paperworkStatus).toBe('completed');
  });

  it('exports the grants to xlsx with amounts in yuan and personal data masked', async () => {
    const res = await call(app, county, 'GET', '/api/assistance/grants/export');
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(8).value).toBe('金额（元）');
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).toContain('1500');
    expect(text).not.toContain('13985012345');
    expect(text).not.toContain(validId);
  });

  it('reveals a recipient only with personal:reveal and a reason, audited', async () => {
    const [g] = (await call(app, county, 'GET', '/api/assistance/grants')).json().items;
    expect((await call(app, operator, 'POST', `/api/assistance/grants/${g.id}/reveal`, { reason: '核对发放对象身份' })).statusCode).toBe(403);
    expect((await call(app, fg, 'POST', `/api/assistance/grants/${g.id}/reveal`, { reason: '核对发放对象身份' })).statusCode).toBe(404);
    expect((await call(app, town, 'POST', `/api/assistance/grants/${g.id}/reveal`, { reason: '短' })).statusCode).toBe(400);
    const shown = await call(app, town, 'POST', `/api/assistance/grants/${g.id}/reveal`, { reason: '核对发放对象身份' });
    expect(shown.json()).toMatchObject({ recipientName: '刘桂兰', recipientIdNumber: validId });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'assistance.grant.reveal'));
    expect(audit).toMatchObject({ entityId: g.id, details: { reason: '核对发放对象身份' } });
  });

  it('keeps other counties out, refuses bad ID numbers, and stores no plaintext', async () => {
    expect((await call(app, fg, 'GET', `/api/assistance/funds/${TOWN}`)).statusCode).toBe(404);
    expect((await call(app, fg, 'GET', '/api/assistance/grants')).json().total).toBe(0);
    expect((await call(app, town, 'POST', '/api/assistance/grants', grantBody({ recipientIdNumber: '520302198001010013' }))).json().code).toBe('ID_NUMBER_INVALID');
    const dump = JSON.stringify(await rows(database.db, sql`select * from assistance_grants`));
    expect(dump).not.toContain('13985012345');
    expect(dump).not.toContain(validId);
    expect(dump).not.toContain('刘桂兰');
  });
});
