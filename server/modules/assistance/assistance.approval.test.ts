import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { can } from '../../../common/permissions';
import type { Database } from '../../db/client';
import { reserveFunds } from '../../db/schema/assistance';
import { call, type Session } from '../../test/http';
import { assistanceWorld, auditsOf, COUNTY, FG_COUNTY, grantBody as baseBody, TOWN } from './assistance.test-support';

let database: Database;
let app: FastifyInstance;
let officer: Session;
let officer2: Session;
let town: Session;
let fg: Session;
let FG_TOWN: string;
const ID_NUMBER = '520302198001010014';

const audits = (action: string) => auditsOf(database, action);
const balance = async (townCode: string) => (await database.db.select().from(reserveFunds).where(eq(reserveFunds.townCode, townCode)))[0]!.balanceFen;

beforeAll(async () => {
  const world = await assistanceWorld([
    { username: 'hhg_off', role: 'officer', region: COUNTY },
    { username: 'hhg_off2', role: 'officer', region: COUNTY },
    { username: 'hhg_town', role: 'town_officer', region: TOWN },
    { username: 'fg_off', role: 'officer', region: FG_COUNTY },
  ]);
  ({ database, app, fgTown: FG_TOWN } = world);
  [officer, officer2, town, fg] = world.sessions as [Session, Session, Session, Session];
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const grantBody = (over: Record<string, unknown> = {}) => baseBody({ amountFen: 100_000, ...over });

describe('a second person, also for an officer who may approve', () => {
  it('refuses an officer approving their own large grant; a colleague approves it', async () => {
    expect(can('officer', 'assistance:approve')).toBe(true);
    const big = (await call(app, officer, 'POST', '/api/assistance/grants', grantBody({ amountFen: 500_000, recipientPhone: '13985010001' }))).json();
    expect(big).toMatchObject({ status: 'pending_approval', createdByName: 'hhg_off' });
    const own = await call(app, officer, 'POST', `/api/assistance/grants/${big.id}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('SECOND_APPROVER_REQUIRED');
    expect(await balance(TOWN)).toBe(5_000_000);
    expect(await audits('assistance.grant.approve')).toHaveLength(0);
    const ok = await call(app, officer2, 'POST', `/api/assistance/grants/${big.id}/approve`);
    expect(ok.json()).toMatchObject({ status: 'paid', approvedByName: 'hhg_off2' });
    expect(await balance(TOWN)).toBe(4_500_000);
  });

  it('refuses an officer writing off the paperwork of their own grant', async () => {
    const g = (await call(app, officer, 'POST', '/api/assistance/grants', grantBody({ recipientPhone: '13985010002' }))).json();
    expect(g).toMatchObject({ status: 'paid', paperworkStatus: 'open' });
    const own = await call(app, officer, 'POST', `/api/assistance/grants/${g.id}/paperwork`, { status: 'written_off', note: '对象已失联' });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('SECOND_APPROVER_REQUIRED');
    expect(await audits('assistance.paperwork.written_off')).toHaveLength(0);
  });

  it('writes off a paperwork debt by a second person with approval, audited, the fund untouched', async () => {
    const g = (await call(app, town, 'POST', '/api/assistance/grants', grantBody({ recipientPhone: '13985010003' }))).json();
    expect(g).toMatchObject({ status: 'paid', paperworkStatus: 'open' });
    const before = await balance(TOWN);
    const note = { status: 'written_off', note: '对象已失联，电话 13985010003 停机，经集体研究核销' };
    expect((await call(app, town, 'POST', `/api/assistance/grants/${g.id}/paperwork`, note)).json().code).toBe('FORBIDDEN');
    expect((await call(app, fg, 'POST', `/api/assistance/grants/${g.id}/paperwork`, note)).statusCode).toBe(404);
    const res = await call(app, officer2, 'POST', `/api/assistance/grants/${g.id}/paperwork`, note);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: g.id, status: 'paid', paperworkStatus: 'written_off' });
    expect(await balance(TOWN)).toBe(before);
    const rows = await audits('assistance.paperwork.written_off');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entityId: g.id, regionCode: TOWN });
    expect(JSON.stringify(rows[0]!.details)).not.toContain('13985010003');
    expect((await call(app, officer, 'POST', `/api/assistance/grants/${g.id}/paperwork`, note)).json().code).toBe('PAPERWORK_NOT_OPEN');
  });
});

describe('the duplicate warning across counties', () => {
  it('warns 凤冈县 of a grant in 红花岗区 to the same ID number, and to the same phone', async () => {
    const hhg = (await call(app, town, 'POST', '/api/assistance/grants', grantBody({ recipientPhone: '13985019999', recipientIdNumber: ID_NUMBER }))).json();
    expect(hhg.regionCode.slice(0, 6)).toBe('520302');
    // Same ID number, another phone, in another county.
    const byId = await call(app, fg, 'POST', '/api/assistance/grants', grantBody({ regionCode: FG_TOWN, recipientPhone: '13985018888', recipientIdNumber: ID_NUMBER }));
    expect(byId.statusCode, byId.body).toBe(201);
    expect(byId.json().regionCode.slice(0, 6)).toBe('520327');
    expect(byId.json().duplicates).toEqual([expect.objectContaining({ grantId: hhg.id, regionCode: TOWN, amountFen: 100_000 })]);
    // Same phone, no ID number, in another county.
    const byPhone = (await call(app, fg, 'POST', '/api/assistance/grants', grantBody({ regionCode: FG_TOWN, recipientPhone: '13985019999', amountFen: 20_000 }))).json();
    expect(byPhone.duplicates.map((d: { grantId: string }) => d.grantId)).toContain(hhg.id);
    // And the other way round: 红花岗区 sees the grants made in 凤冈县 (the ids, regions and amounts only).
    const back = (await call(app, officer, 'GET', '/api/assistance/grants?pageSize=100')).json().items.find((x: { id: string }) => x.id === hhg.id);
    expect(back.duplicates.map((d: { grantId: string; regionCode: string }) => [d.grantId, d.regionCode.slice(0, 6)])).toEqual(
      expect.arrayContaining([
        [byId.json().id, '520327'],
        [byPhone.id, '520327'],
      ]),
    );
    // A recipient known nowhere else has no warning.
    const fresh = (await call(app, fg, 'POST', '/api/assistance/grants', grantBody({ regionCode: FG_TOWN, recipientPhone: '13985017777' }))).json();
    expect(fresh.duplicates).toEqual([]);
  });
});
