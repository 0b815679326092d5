import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { and, eq, like, sql } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import { INSTITUTION_STATUSES, RESIDENTIAL_TYPES } from '../../../common/enums';
import { scopePrefix } from '../../../common/region-code';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { institutions, institutionStatusEvents } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';
import { statusOn } from '../institutions/institutions.rules';
import { summary } from './emergency.service';

let database: Database;
let app: FastifyInstance;
let hhg: Session;
let fg: Session;
let cityLeader: Session;

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  const seeder = await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' });
  await seedInstitutions(ctxFor(database, seeder));
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  await makeUser(database, { username: 'zunyi_lead', role: 'leader', regionCode: '520300000000' });
  app = await testApp(database);
  hhg = await login(app, 'hhg_off');
  fg = await login(app, 'fg_off');
  cityLeader = await login(app, 'zunyi_lead');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const childOf = (body: { children: Array<{ regionCode: string }> }, code: string) => body.children.find((c) => c.regionCode === code) as unknown as {
  level: string;
  total: number;
  counts: Record<string, number>;
};

describe('emergency response', () => {
  it('starting level II closes every residential institution of the county in one action; the city sees it at once', async () => {
    const before = (await call(app, cityLeader, 'GET', '/api/emergency/summary?region=520300000000')).json();
    expect(childOf(before, '520302000000')).toMatchObject({ level: 'none', total: 12, counts: { operating: 12, closed_management: 0 } });

    const res = await call(app, hhg, 'POST', '/api/emergency/responses', { regionCode: '520302000000', level: 'II' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ level: 'II', previousLevel: 'none', order: { institutionCount: 8, status: 'in_force' } });

    const after = (await call(app, cityLeader, 'GET', '/api/emergency/summary?region=520300000000')).json();
    expect(childOf(after, '520302000000')).toMatchObject({ level: 'II', counts: { closed_management: 8, operating: 4 } });
    expect(after.counts.closed_management).toBe(8);
    const list = (await call(app, hhg, 'GET', '/api/institutions?status=closed_management&pageSize=50')).json();
    expect(list.total).toBe(8);
    expect(list.items.every((i: { type: string }) => (RESIDENTIAL_TYPES as string[]).includes(i.type))).toBe(true);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'closure_order.issue'));
    expect(audits).toHaveLength(1);
  });

  it('lowering or ending the level lifts nothing', async () => {
    const lower = (await call(app, hhg, 'POST', '/api/emergency/responses', { regionCode: '520302000000', level: 'III' })).json();
    expect(lower).toMatchObject({ level: 'III', previousLevel: 'II', order: null });
    await call(app, hhg, 'POST', '/api/emergency/responses', { regionCode: '520302000000', level: 'none' });
    const s = (await call(app, hhg, 'GET', '/api/emergency/summary')).json();
    expect(s).toMatchObject({ regionCode: '520302000000', level: 'none', counts: { closed_management: 8 } });
  });

  it('lifting is an explicit order: per institution, then the rest in bulk, with a reason', async () => {
    const orders = (await call(app, hhg, 'GET', '/api/emergency/orders')).json();
    const order = orders.items[0];
    const detail = (await call(app, hhg, 'GET', `/api/emergency/orders/${order.id}`)).json();
    expect(detail.institutions).toHaveLength(8);
    const one = detail.institutions[0].institutionId;
    expect((await call(app, hhg, 'POST', `/api/emergency/orders/${order.id}/lift`, { institutionIds: [one] })).statusCode).toBe(400);
    const partial = (await call(app, hhg, 'POST', `/api/emergency/orders/${order.id}/lift`, { institutionIds: [one], reason: '连续14天无新增病例' })).json();
    expect(partial).toMatchObject({ lifted: 1, reopened: 1, order: { status: 'partly_lifted', liftedCount: 1 } });
    expect((await call(app, hhg, 'GET', `/api/institutions/${one}`)).json().status).toBe('operating');
    const rest = (await call(app, hhg, 'POST', `/api/emergency/orders/${order.id}/lift`, { reason: '疫情解除' })).json();
    expect(rest).toMatchObject({ lifted: 7, order: { status: 'lifted' } });
    expect((await call(app, hhg, 'POST', `/api/emergency/orders/${order.id}/lift`, { reason: '再次解除' })).json().code).toBe('NOTHING_TO_LIFT');
  });

  it('keeps other counties out: 404 on their orders, 404 for their region', async () => {
    const orders = (await call(app, hhg, 'GET', '/api/emergency/orders')).json();
    expect((await call(app, fg, 'GET', `/api/emergency/orders/${orders.items[0].id}`)).statusCode).toBe(404);
    expect((await call(app, fg, 'POST', `/api/emergency/orders/${orders.items[0].id}/lift`, { reason: '越权解除' })).statusCode).toBe(404);
    expect((await call(app, fg, 'POST', '/api/emergency/responses', { regionCode: '520302000000', level: 'I' })).statusCode).toBe(404);
    expect((await call(app, fg, 'GET', '/api/emergency/summary?region=520302000000')).statusCode).toBe(404);
    expect((await call(app, hhg, 'POST', '/api/emergency/responses', { regionCode: '520302000000', level: 'V' })).statusCode).toBe(400);
  });

  it('replays Zunyi: six counties start their responses, 109 institutions under closed management', async () => {
    for (const county of ['520302', '520303', '520304', '520382', '520322', '520328']) {
      const lead = await makeUser(database, { username: `off_${county}`, role: 'officer', regionCode: `${county}000000` });
      const s = await login(app, lead.username);
      expect((await call(app, s, 'POST', '/api/emergency/responses', { regionCode: `${county}000000`, level: 'II' })).statusCode).toBe(200);
    }
    const city = (await call(app, cityLeader, 'GET', '/api/emergency/summary?region=520300000000')).json();
    expect(city.counts.closed_management).toBe(109);
    expect(city.children.filter((c: { level: string }) => c.level === 'II')).toHaveLength(6);
  });

  it('shows an institution reporter the orders in force for their institution', async () => {
    const [inst] = await database.db.select().from(institutions).where(and(like(institutions.regionCode, '520303%'), eq(institutions.type, 'child_welfare')));
    await makeUser(database, { username: 'rep_hc', role: 'reporter', regionCode: inst!.regionCode });
    await database.db.execute(sql`update users set institution_id = ${inst!.id} where username = 'rep_hc'`);
    const rep = await login(app, 'rep_hc');
    const detail = (await call(app, rep, 'GET', `/api/institutions/${inst!.id}`)).json();
    expect(detail.ordersInForce).toHaveLength(1);
    expect(detail.ordersInForce[0].measures).toContain('no_visits');
    const orders = (await call(app, rep, 'GET', '/api/emergency/orders')).json();
    expect(orders.total).toBe(1);
    expect((await call(app, rep, 'POST', '/api/emergency/responses', { regionCode: inst!.regionCode, level: 'I' })).statusCode).toBe(403);
  });
});

describe('roll-up', () => {
  it('equals a recomputation from the raw events at every level, after random status changes', async () => {
    const all = await database.db.select().from(institutions);
    const national = await makeUser(database, { username: 'nat_lead', role: 'leader', regionCode: '000000000000' });
    const ctx = ctxFor(database, national);
    const day = businessDay(new Date());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ pick: fc.nat(), status: fc.constantFrom(...INSTITUTION_STATUSES), back: fc.integer({ min: 0, max: 3 }) }), { maxLength: 15 }),
        fc.constantFrom('000000000000', '520000000000', '520300000000', '520304000000', '620000000000', '620503000000'),
        async (changes, region) => {
          for (const c of changes) {
            const inst = all[c.pick % all.length]!;
            await database.db.insert(institutionStatusEvents).values({
              id: crypto.randomUUID(),
              institutionId: inst.id,
              status: c.status,
              effectiveFrom: new Date(Date.now() - c.back * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10),
              reason: 'property',
              orderedByName: 'test',
              createdAt: new Date(),
            });
          }
          const events = await database.db.select().from(institutionStatusEvents);
          const statusOf = (id: string, registeredOn: string) => statusOn(events.filter((e) => e.institutionId === id), day, registeredOn)!;
          const got = await summary(ctx, region);
          const expectFor = (code: string) => {
            const counts = Object.fromEntries(INSTITUTION_STATUSES.map((s) => [s, 0])) as Record<string, number>;
            for (const i of all) if (i.regionCode.startsWith(scopePrefix(code))) counts[statusOf(i.id, i.registeredOn)]!++;
            return counts;
          };
          expect(got.counts).toEqual(expectFor(region));
          const children = await database.db.select().from(regions).where(eq(regions.parentCode, region));
          expect(got.children).toHaveLength(children.length);
          for (const child of got.children) expect(child.counts).toEqual(expectFor(child.regionCode));
        },
      ),
      { numRuns: 25 },
    );
  });
});
