import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client';
import { idNumberFor } from '../../db/seed/beneficiaries.demo';
import { call, type Session } from '../../test/http';
import { assistanceWorld, auditsOf, COUNTY, FG_COUNTY, grantBody as baseBody, TOWN } from './assistance.test-support';

let database: Database;
let app: FastifyInstance;
let county: Session;
let town: Session;
let leader: Session;
let fg: Session;
let fgTown: Session;
let FG_TOWN: string;

const audits = (action: string) => auditsOf(database, action);

beforeAll(async () => {
  const world = await assistanceWorld([
    { username: 'hhg_off', role: 'officer', region: COUNTY },
    { username: 'hhg_town', role: 'town_officer', region: TOWN },
    { username: 'hhg_leader', role: 'leader', region: COUNTY },
    { username: 'fg_off', role: 'officer', region: FG_COUNTY },
    { username: 'fg_town', role: 'town_officer', region: 'FG_TOWN' },
  ]);
  ({ database, app, fgTown: FG_TOWN } = world);
  [county, town, leader, fg, fgTown] = world.sessions as [Session, Session, Session, Session, Session];
});
afterAll(async () => {
  await app.close();
  await database.close();
});

let seq = 0;
/** A new phone per grant, so these grants do not warn of each other. */
const grantBody = (over: Record<string, unknown> = {}) => baseBody({ recipientPhone: `1398502${String(1000 + ++seq)}`, amountFen: 10_000, ...over });

describe('the approval threshold per county', () => {
  it('reads the default ¥2,000 for the county, also from a town below it', async () => {
    const res = await call(app, town, 'GET', `/api/assistance/thresholds/${COUNTY}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ countyCode: COUNTY, countyName: '红花岗区', thresholdFen: 200_000, isDefault: true, updatedByName: null });
    expect((await call(app, fg, 'GET', `/api/assistance/thresholds/${COUNTY}`)).statusCode).toBe(404);
    expect((await call(app, county, 'GET', `/api/assistance/thresholds/${TOWN}`)).statusCode).toBe(400);
  });

  it('is set only by whoever allocates funds, in scope, for a county', async () => {
    const body = { countyCode: COUNTY, thresholdFen: 50_000 };
    expect((await call(app, town, 'PUT', '/api/assistance/thresholds', body)).json().code).toBe('FORBIDDEN');
    expect((await call(app, leader, 'PUT', '/api/assistance/thresholds', body)).json().code).toBe('FORBIDDEN');
    const outside = await call(app, fg, 'PUT', '/api/assistance/thresholds', body);
    expect(outside.statusCode).toBe(404);
    expect((await call(app, county, 'PUT', '/api/assistance/thresholds', { countyCode: TOWN, thresholdFen: 50_000 })).statusCode).toBe(400);
    expect((await call(app, county, 'PUT', '/api/assistance/thresholds', { countyCode: COUNTY, thresholdFen: -1 })).statusCode).toBe(400);
    expect(await audits('assistance.threshold.set')).toHaveLength(0);
  });

  it('sets ¥500 for 红花岗区, audited with the value before', async () => {
    const res = await call(app, county, 'PUT', '/api/assistance/thresholds', { countyCode: COUNTY, thresholdFen: 50_000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ countyCode: COUNTY, thresholdFen: 50_000, isDefault: false, updatedByName: 'hhg_off' });
    expect((await call(app, town, 'GET', `/api/assistance/thresholds/${COUNTY}`)).json()).toMatchObject({ thresholdFen: 50_000, isDefault: false });
    const [a] = await audits('assistance.threshold.set');
    expect(a).toMatchObject({ entityId: COUNTY, regionCode: COUNTY, details: { beforeFen: 200_000, thresholdFen: 50_000 } });
  });

  it('sends a town grant above the county threshold to a second person; at or below it is paid at once', async () => {
    const above = await call(app, town, 'POST', '/api/assistance/grants', grantBody({ amountFen: 50_001 }));
    expect(above.statusCode, above.body).toBe(201);
    expect(above.json()).toMatchObject({ status: 'pending_approval', paidAt: null });
    const at = (await call(app, town, 'POST', '/api/assistance/grants', grantBody({ amountFen: 50_000 }))).json();
    expect(at).toMatchObject({ status: 'paid' });
    const below = (await call(app, town, 'POST', '/api/assistance/grants', grantBody({ amountFen: 30_000 }))).json();
    expect(below).toMatchObject({ status: 'paid' });
    const [request] = await audits('assistance.grant.request');
    expect(request).toMatchObject({ entityId: above.json().id, details: { amountFen: 50_001, thresholdFen: 50_000 } });
  });

  it('leaves other counties on the default', async () => {
    const res = await call(app, fgTown, 'POST', '/api/assistance/grants', grantBody({ regionCode: FG_TOWN, amountFen: 150_000 }));
    expect(res.json()).toMatchObject({ status: 'paid' });
    expect((await call(app, fg, 'GET', `/api/assistance/thresholds/${FG_COUNTY}`)).json()).toMatchObject({ thresholdFen: 200_000, isDefault: true });
  });
});

describe('a grant linked to the beneficiary registry', () => {
  const wang = { name: '王桂兰', idNumber: idNumberFor('520302', '19400305', 12), phone: '13893801234', relation: 'head' };
  const li = { name: '李德明', idNumber: idNumberFor('520302', '19380711', 31), relation: 'spouse' };
  let hid = '';

  it('stores the household and shows its members, names masked, in the grant detail', async () => {
    const h = await call(app, town, 'POST', '/api/beneficiaries', { regionCode: TOWN, address: '白杨小区 3 栋 501', programme: 'urban_dibao', members: [li, wang] });
    expect(h.statusCode, h.body).toBe(201);
    hid = h.json().id;
    const g = await call(app, town, 'POST', '/api/assistance/grants', grantBody({ householdId: hid, recipientPhone: wang.phone, recipientIdNumber: wang.idNumber }));
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json()).toMatchObject({ householdId: hid, status: 'paid' });
    const detail = await call(app, county, 'GET', `/api/assistance/grants/${g.json().id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().household).toEqual({
      id: hid,
      memberCount: 2,
      members: [
        { name: '王*', relation: 'head' },
        { name: '李*', relation: 'spouse' },
      ],
    });
    for (const secret of [wang.name, li.name, wang.idNumber, li.idNumber, wang.phone]) expect(detail.body).not.toContain(secret);
    const [audit] = (await audits('assistance.grant.pay')).filter((a) => a.entityId === g.json().id);
    expect(audit!.details).toMatchObject({ householdId: hid });
  });

  it('keeps grants to people not in the registry working as before', async () => {
    const g = await call(app, town, 'POST', '/api/assistance/grants', grantBody());
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json()).toMatchObject({ householdId: null, status: 'paid' });
    expect((await call(app, town, 'GET', `/api/assistance/grants/${g.json().id}`)).json()).toMatchObject({ householdId: null, household: null });
    expect((await call(app, fg, 'GET', `/api/assistance/grants/${g.json().id}`)).statusCode).toBe(404);
  });

  it('refuses a household outside the actor scope, or unknown, as not found', async () => {
    const other = await call(app, fgTown, 'POST', '/api/beneficiaries', {
      regionCode: FG_TOWN,
      address: '凤冈县某村 1 组',
      programme: 'rural_dibao',
      members: [{ name: '张三', idNumber: idNumberFor('520327', '19600101', 45), relation: 'head' }],
    });
    expect(other.statusCode, other.body).toBe(201);
    for (const householdId of [other.json().id, randomUUID()]) {
      const res = await call(app, town, 'POST', '/api/assistance/grants', grantBody({ householdId }));
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('BENEFICIARY_NOT_FOUND');
    }
  });
});
