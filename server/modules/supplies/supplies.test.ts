import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { eq, like, sql } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import type { Database } from '../../db/client';
import { withTx } from '../../core/context';
import { auditLog } from '../../db/schema/audit';
import { institutions } from '../../db/schema/institutions';
import { supplyMovements, supplyStocks } from '../../db/schema/supplies';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';
import { belowNormList } from './supplies.board';
import { bookConsumption, getStock, recordMovement } from './supplies.service';

let database: Database;
let app: FastifyInstance;
let fg: Session;
let hhg: Session;
let lead: Session;
let rep: Session;
let nation: Session;
let homeA: typeof institutions.$inferSelect;
let homeB: typeof institutions.$inferSelect;
let fgInsts: Array<typeof institutions.$inferSelect>;
const today = businessDay(new Date());

const audits = (action: string) => database.db.select().from(auditLog).where(eq(auditLog.action, action));
const move = (s: Session, body: Record<string, unknown>) => call(app, s, 'POST', '/api/supplies/movements', { institutionId: homeA.id, category: 'living', kind: 'receipt', ...body });
const item = (body: { items: Array<{ category: string }> }, category: string) => body.items.find((i) => i.category === category) as Record<string, unknown> | undefined;
const figures = (supplies: unknown[]) => ({
  residentsPresent: 30, staffOnSite: 8, staffLivingIn: 6, admissions: 0, discharges: 0, temperatureChecks: 38, feverCount: 0, suspectedCases: 0,
  confirmedCases: 0, isolatedCount: 0, testsDone: 0, positives: 0, disinfectionDone: true, visitorsRefused: 0, supplies,
});

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  fgInsts = await database.db.select().from(institutions).where(like(institutions.regionCode, '520327%')).orderBy(institutions.name);
  const tekun = fgInsts.filter((i) => i.housesTekun);
  homeA = tekun[0]!;
  homeB = tekun[1]!;
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'zunyi_lead', role: 'leader', regionCode: '520300000000' });
  await makeUser(database, { username: 'nat_off', role: 'officer', regionCode: '000000000000' });
  await makeUser(database, { username: 'rep', role: 'reporter', regionCode: homeA.regionCode });
  await database.db.execute(sql`update users set institution_id = ${homeA.id} where username = 'rep'`);
  app = await testApp(database);
  fg = await login(app, 'fg_off');
  hhg = await login(app, 'hhg_off');
  lead = await login(app, 'zunyi_lead');
  rep = await login(app, 'rep');
  nation = await login(app, 'nat_off');
  await call(app, fg, 'PUT', '/api/daily-reports/deadlines', { regionCode: '520327000000', time: '23:59' });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('supplies', () => {
  it('records receipts and stocktake adjustments by the institution or an officer; others may not; audited', async () => {
    expect(homeA).toMatchObject({ type: 'elderly_care', housesTekun: true });
    expect(homeB.id).not.toBe(homeA.id);
    const res = await move(rep, { quantity: 300, unit: 'kg', note: '县民政局调拨' });
    expect(res.statusCode, res.body).toBe(200);
    expect(item(res.json(), 'living')).toMatchObject({ quantity: 300, unit: 'kg', normDays: 30, daysOfCover: null, belowNorm: false });
    expect((await move(lead, { quantity: 1 })).statusCode).toBe(403);
    expect((await move(hhg, { quantity: 1 })).statusCode).toBe(404);
    expect((await move(rep, { institutionId: homeB.id, quantity: 1 })).statusCode).toBe(404);
    expect((await move(rep, { kind: 'adjustment', quantity: -20 })).statusCode).toBe(400);
    expect((await move(rep, { kind: 'receipt', quantity: -20 })).statusCode).toBe(400);
    expect((await move(rep, { kind: 'adjustment', quantity: -1000, note: '盘点' })).json().code).toBe('SUPPLY_STOCK_NEGATIVE');
    const adjusted = await move(rep, { kind: 'adjustment', quantity: -20, note: '盘点发现霉变报废' });
    expect(item(adjusted.json(), 'living')!.quantity).toBe(280);
    const masks = await move(fg, { category: 'masks', quantity: 1000, unit: '个' });
    expect(item(masks.json(), 'masks')).toMatchObject({ quantity: 1000, normDays: null });
    expect((await audits('supplies.receipt')).map((a) => [a.actorUsername, (a.details as { onBehalf: boolean }).onBehalf])).toEqual([
      ['rep', false],
      ['fg_off', true],
    ]);
    expect((await audits('supplies.adjust'))[0]!.details).toMatchObject({ delta: -20, after: 280, note: '盘点发现霉变报废' });
  });

  it('books consumption from the daily report in the same transaction; days of cover = stock / 7-day average', async () => {
    const report = await call(app, rep, 'POST', '/api/daily-reports', {
      institutionId: homeA.id,
      date: today,
      kind: 'report',
      figures: figures([{ category: 'living', quantity: 10.5, unit: 'kg' }, { category: '口罩', quantity: 50 }, { category: '酒精', quantity: 2 }]),
    });
    expect(report.statusCode, report.body).toBe(201);
    const stock = (await call(app, rep, 'GET', `/api/supplies?institutionId=${homeA.id}`)).json();
    expect(item(stock, 'living')).toMatchObject({ quantity: 269.5, avgDaily: 1.5, daysOfCover: 179.7, belowNorm: false });
    expect(item(stock, 'masks')).toMatchObject({ quantity: 950, avgDaily: 7.14 });
    const moves = (await call(app, rep, 'GET', `/api/supplies/movements?institutionId=${homeA.id}&limit=10`)).json().items;
    const consumed = moves.filter((m: { kind: string }) => m.kind === 'consumption');
    expect(consumed).toHaveLength(3);
    expect(consumed.every((m: { sourceId: string }) => m.sourceId === report.json().id)).toBe(true);
    expect(consumed.find((m: { note: string | null }) => m.note === '日报告填写：酒精')).toMatchObject({ category: 'other', delta: -2 });
    const [audit] = await audits('supplies.consume');
    expect(audit).toMatchObject({ actorUsername: 'rep', entityId: homeA.id, details: { reportId: report.json().id } });
    // A zero report books nothing; a duplicate report (409) books nothing either.
    const before = await database.db.select().from(supplyMovements);
    await call(app, rep, 'POST', '/api/daily-reports', { institutionId: homeA.id, date: today, kind: 'report', figures: figures([{ category: 'living', quantity: 99 }]) });
    await call(app, fg, 'POST', '/api/daily-reports', { institutionId: homeB.id, date: today, kind: 'zero', signer: '李四', checklist: { closedManagement: true, noFever: true, noNewAdmissions: true } });
    expect(await database.db.select().from(supplyMovements)).toHaveLength(before.length);
  });

  it('lists the institutions below their norm for the boards, with the county and city seeing the same', async () => {
    await call(app, rep, 'POST', '/api/daily-reports', { institutionId: homeA.id, date: addDays(today, -1), kind: 'report', figures: figures([{ category: 'living', quantity: 200 }]) });
    const county = await call(app, fg, 'GET', '/api/supplies/below-norm?region=520327000000');
    expect(county.statusCode, county.body).toBe(200);
    const body = county.json();
    expect(body.institutions).toBe(2);
    const a = body.items.find((i: { institutionId: string }) => i.institutionId === homeA.id);
    expect(a).toMatchObject({ category: 'living', quantity: 69.5, normDays: 30, daysOfCover: 2.3, shortfall: 832.64 });
    expect(body.items.find((i: { institutionId: string }) => i.institutionId === homeB.id)).toMatchObject({ quantity: 0, daysOfCover: null, shortfall: null });
    expect(body.children.reduce((s: number, c: { institutions: number }) => s + c.institutions, 0)).toBe(2);
    const city = (await call(app, lead, 'GET', '/api/supplies/below-norm?region=520300000000')).json();
    expect(city.children.find((c: { regionCode: string }) => c.regionCode === '520327000000').institutions).toBe(2);
    expect((await call(app, hhg, 'GET', '/api/supplies/below-norm?region=520327000000')).statusCode).toBe(404);
    expect((await call(app, hhg, 'GET', `/api/supplies?institutionId=${homeA.id}`)).statusCode).toBe(404);
    expect((await call(app, rep, 'GET', '/api/supplies/below-norm')).json().items.map((i: { institutionId: string }) => i.institutionId)).toEqual([homeA.id]);
  });

  it('reserve norms are set nationally, audited, and change the board at once', async () => {
    const defaults = (await call(app, rep, 'GET', '/api/supplies/norms')).json().items;
    expect(defaults).toContainEqual({ institutionType: 'elderly_care', category: 'living', days: 30, onlyTekun: true, isDefault: true });
    const norm = { institutionType: 'elderly_care', category: 'masks', days: 14, onlyTekun: false };
    expect((await call(app, fg, 'PUT', '/api/supplies/norms', norm)).json().code).toBe('SUPPLY_NORM_NATIONAL_ONLY');
    expect((await call(app, rep, 'PUT', '/api/supplies/norms', norm)).statusCode).toBe(403);
    expect((await call(app, nation, 'PUT', '/api/supplies/norms', norm)).statusCode).toBe(200);
    const board = (await call(app, fg, 'GET', '/api/supplies/below-norm?region=520327000000')).json();
    const homes = fgInsts.filter((i) => i.type === 'elderly_care' && i.id !== homeA.id);
    expect(board.items.filter((i: { category: string }) => i.category === 'masks').map((i: { institutionId: string }) => i.institutionId).sort()).toEqual(homes.map((h) => h.id).sort());
    await call(app, nation, 'PUT', '/api/supplies/norms', { institutionType: 'elderly_care', category: 'living', days: 0, onlyTekun: true });
    const after = (await call(app, fg, 'GET', '/api/supplies/below-norm?region=520327000000')).json();
    expect(after.items.filter((i: { category: string }) => i.category === 'living')).toEqual([]);
    expect((await audits('supplies.norm')).map((a) => a.details)).toEqual([
      { before: null, after: { days: 14, onlyTekun: false } },
      { before: null, after: { days: 0, onlyTekun: true } },
    ]);
  });
});

describe('the board and the per-institution view agree', () => {
  it('after random receipts and consumption, below-norm equals belowNorm() of every institution view', async () => {
    const ctx = ctxFor(database, await makeUser(database, { username: 'nat_prop', role: 'officer', regionCode: '000000000000' }));
    await call(app, nation, 'PUT', '/api/supplies/norms', { institutionType: 'elderly_care', category: 'living', days: 30, onlyTekun: true });
    const pool = await database.db.select().from(institutions).where(like(institutions.regionCode, '520304%'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ pick: fc.nat(), category: fc.constantFrom('living', 'masks', 'food'), qty: fc.integer({ min: 1, max: 400 }), used: fc.boolean(), back: fc.integer({ min: 0, max: 9 }) }), { maxLength: 12 }),
        async (ops) => {
          for (const o of ops) {
            const inst = pool[o.pick % pool.length]!;
            if (o.used) await withTx(ctx, (tx) => bookConsumption(tx, { institutionId: inst.id, regionCode: inst.regionCode, reportId: crypto.randomUUID(), day: addDays(today, -o.back), supplies: [{ category: o.category, quantity: o.qty }] }));
            else await recordMovement(ctx, { institutionId: inst.id, category: o.category, kind: 'receipt', quantity: o.qty });
          }
          const board = await belowNormList(ctx, '520304000000');
          const want: string[] = [];
          for (const inst of pool) for (const i of (await getStock(ctx, inst.id)).items) if (i.belowNorm) want.push(`${inst.id}|${i.category}|${i.daysOfCover}`);
          expect(board.items.map((i) => `${i.institutionId}|${i.category}|${i.daysOfCover}`).sort()).toEqual(want.sort());
          const stocks = await database.db.select().from(supplyStocks);
          const sums = await database.db.select({ id: supplyMovements.institutionId, c: supplyMovements.category, s: sql<string>`sum(${supplyMovements.delta})` }).from(supplyMovements).groupBy(supplyMovements.institutionId, supplyMovements.category);
          for (const s of stocks) expect(Number(s.quantity)).toBe(Number(sums.find((x) => x.id === s.institutionId && x.c === s.category)!.s));
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('a corrected report re-books its consumption', () => {
  it('books the difference per category (giving back what was booked too much), once, audited; out of scope changes nothing', async () => {
    const day = addDays(today, -2);
    expect((await move(fg, { institutionId: homeB.id, quantity: 100, unit: 'kg' })).statusCode).toBe(200);
    const report = await call(app, fg, 'POST', '/api/daily-reports', { institutionId: homeB.id, date: day, kind: 'report', figures: figures([{ category: 'living', quantity: 40, unit: 'kg' }, { category: '口罩', quantity: 10 }]) });
    expect(report.statusCode, report.body).toBe(201);
    const id = report.json().id as string;
    const stockOf = async () => new Map(((await call(app, fg, 'GET', `/api/supplies?institutionId=${homeB.id}`)).json().items as Array<{ category: string; quantity: number }>).map((i) => [i.category, i.quantity]));
    expect(Object.fromEntries(await stockOf())).toMatchObject({ living: 60, masks: -10 });

    const correction = { figures: figures([{ category: 'living', quantity: 25, unit: 'kg' }, { category: 'food', quantity: 5 }]), correctionReason: '生活物资多报了15公斤', version: 1 };
    expect((await call(app, hhg, 'PATCH', `/api/daily-reports/${id}`, correction)).statusCode).toBe(404);
    const corrected = await call(app, fg, 'PATCH', `/api/daily-reports/${id}`, correction);
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(Object.fromEntries(await stockOf())).toMatchObject({ living: 75, masks: 0, food: -5 });
    const moves = await database.db.select().from(supplyMovements).where(eq(supplyMovements.sourceId, id));
    expect(moves.map((m) => `${m.category} ${Number(m.delta)} ${m.note ?? ''}`).sort()).toEqual(['food -5 日报告更正', 'living -40 ', 'living 15 日报告更正', 'masks -10 日报告填写：口罩', 'masks 10 日报告更正']);
    const audit = (await audits('supplies.consume')).find((a) => (a.details as { corrected?: boolean; reportId: string }).corrected && (a.details as { reportId: string }).reportId === id);
    expect(audit?.actorUsername).toBe('fg_off');
    expect((audit!.details as { items: Array<{ category: string }> }).items.sort((x, y) => x.category.localeCompare(y.category))).toEqual([
      { category: 'food', before: 0, after: 5 },
      { category: 'living', before: 40, after: 25 },
      { category: 'masks', before: 10, after: 0 },
    ]);

    const again = await call(app, fg, 'PATCH', `/api/daily-reports/${id}`, { ...correction, version: 2 });
    expect(again.statusCode, again.body).toBe(200);
    expect(await database.db.select().from(supplyMovements).where(eq(supplyMovements.sourceId, id))).toHaveLength(5);
  });
});
