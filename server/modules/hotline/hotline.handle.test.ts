import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { homeVerifications, hotlineCalls } from '../../db/schema/hotline';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { holdOf } from './hotline.rules';
import { callInput as input, TEST_TOWN as TOWN } from './hotline.fixtures';
import { takeCall } from './hotline.service';

let database: Database;
let app: FastifyInstance;
let operatorUser: TestUser;
let operator: Session;
let holder: Session;
let other: Session;
let county: Session;
let fg: Session;

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  operatorUser = await makeUser(database, { username: 'hhg_hotline', role: 'hotline_operator', regionCode: '520302000000' });
  await makeUser(database, { username: 'zsl_a', name: '王专干', role: 'town_officer', regionCode: TOWN });
  await makeUser(database, { username: 'zsl_b', name: '李专干', role: 'town_officer', regionCode: TOWN });
  await makeUser(database, { username: 'hhg_officer', name: '赵科长', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  app = await testApp(database);
  operator = await login(app, 'hhg_hotline');
  holder = await login(app, 'zsl_a');
  other = await login(app, 'zsl_b');
  county = await login(app, 'hhg_officer');
  fg = await login(app, 'fg_off');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const newCall = async (): Promise<string> => (await call(app, operator, 'POST', '/api/hotline/calls', input())).json().id as string;
/** A call taken 30 hours ago: both clocks are past due, so the case shows as escalated to the county. */
const overdueCall = async (): Promise<string> => {
  const at = new Date(Date.now() - 30 * 3_600_000);
  return (await takeCall({ ...ctxFor(database, operatorUser), now: () => at }, input({ content: '独居老人无人照料' }))).body.id;
};
const callRow = async (id: string) => (await database.db.select().from(hotlineCalls).where(eq(hotlineCalls.id, id)))[0]!;
const audits = (id: string, action: string) => database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, action)));
const verify = (s: Session, id: string, body: Record<string, unknown> = { visitors: '街道民政专干', findings: '情况属实' }) =>
  call(app, s, 'POST', `/api/hotline/calls/${id}/verify`, body);
const close = (s: Session, id: string) => call(app, s, 'POST', `/api/hotline/calls/${id}/close`, { note: '已转介社区养老服务' });

describe('the claim lock on verifying and closing', () => {
  it("refuses another officer's verification and closing of a claimed case, naming the holder, and changes nothing", async () => {
    const id = await newCall();
    expect((await call(app, holder, 'POST', `/api/hotline/calls/${id}/claim`)).statusCode).toBe(200);
    const before = await callRow(id);

    const v = await verify(other, id);
    expect(v.statusCode).toBe(409);
    expect(v.json()).toMatchObject({ code: 'CALL_ALREADY_CLAIMED', message: expect.stringContaining('王专干') });
    const c = await close(other, id);
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('CALL_ALREADY_CLAIMED');
    // Not escalated: a county officer may not take it over either.
    expect((await verify(county, id)).json().code).toBe('CALL_ALREADY_CLAIMED');

    expect(await callRow(id)).toEqual(before);
    expect(await database.db.select().from(homeVerifications).where(eq(homeVerifications.callId, id))).toHaveLength(0);
    expect(await audits(id, 'hotline.call.verify')).toHaveLength(0);
    expect(await audits(id, 'hotline.call.close')).toHaveLength(0);
  });

  it('lets the holder verify and close, each with its audit row', async () => {
    const id = await newCall();
    await call(app, holder, 'POST', `/api/hotline/calls/${id}/claim`);
    const v = await verify(holder, id);
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ status: 'verified', claimedByName: '王专干' });
    expect((await verify(holder, id)).json().code).toBe('CALL_ALREADY_VERIFIED');
    const c = await close(holder, id);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'closed', claimedByName: '王专干' });
    const [va] = await audits(id, 'hotline.call.verify');
    expect(va).toMatchObject({ actorUsername: 'zsl_a', regionCode: TOWN, details: { slaMet: true } });
    const [ca] = await audits(id, 'hotline.call.close');
    expect(ca).toMatchObject({ actorUsername: 'zsl_a', details: { note: '已转介社区养老服务', verified: true, assisted: false } });
    // A closed case can be neither verified, closed nor claimed again.
    expect((await close(holder, id)).json().code).toBe('CALL_ALREADY_CLOSED');
    expect((await call(app, other, 'POST', `/api/hotline/calls/${id}/claim`)).json().code).toBe('CALL_ALREADY_CLOSED');
  });

  it('claims an unclaimed case for whoever verifies or closes it, in the same transaction', async () => {
    const id = await newCall();
    expect((await verify(other, id)).json()).toMatchObject({ status: 'verified', claimedByName: '李专干' });
    expect((await close(holder, id)).json().code).toBe('CALL_ALREADY_CLAIMED');
    expect((await callRow(id)).closedAt).toBeNull();

    const consult = await newCall();
    expect((await close(holder, consult)).json()).toMatchObject({ status: 'closed', claimedByName: '王专干' });
  });

  it('answers 403 to the operator and 404 to another county, changing nothing', async () => {
    const id = await newCall();
    expect((await verify(operator, id)).statusCode).toBe(403);
    expect((await close(operator, id)).statusCode).toBe(403);
    expect((await verify(fg, id)).statusCode).toBe(404);
    expect((await close(fg, id)).statusCode).toBe(404);
    expect(await callRow(id)).toMatchObject({ status: 'open', claimedById: null, verifiedAt: null, closedAt: null });
  });

  it('lets a county officer take over an escalated case, audited with the previous holder; a town colleague still may not', async () => {
    const id = await overdueCall();
    await call(app, holder, 'POST', `/api/hotline/calls/${id}/claim`);
    expect((await verify(other, id)).json().code).toBe('CALL_ALREADY_CLAIMED');
    const v = await verify(county, id, { visitors: '区民政局、街道民政专干', findings: '独居，需上门照料' });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ claimedByName: '赵科长', status: 'verified' });
    expect((await audits(id, 'hotline.call.verify'))[0]!.details).toMatchObject({ takeoverFrom: '王专干', slaMet: false });
    // Now the county officer holds it: the former holder is refused.
    expect((await close(holder, id)).json()).toMatchObject({ code: 'CALL_ALREADY_CLAIMED', message: expect.stringContaining('赵科长') });

    const second = await overdueCall();
    await call(app, holder, 'POST', `/api/hotline/calls/${second}/claim`);
    expect((await call(app, county, 'POST', `/api/hotline/calls/${second}/claim`)).json()).toMatchObject({ status: 'claimed', claimedByName: '赵科长' });
    expect((await audits(second, 'hotline.call.claim')).map((a) => a.details)).toContainEqual({ takeoverFrom: '王专干' });
  });

  it('decides the hold by holder, level and escalation (holdOf)', () => {
    const town = { userId: 'u1', regionCode: TOWN };
    const countyActor = { userId: 'u2', regionCode: '520302000000' };
    expect(holdOf(null, town, false)).toBe('claim');
    expect(holdOf('u1', town, true)).toBe('held');
    expect(holdOf('u9', town, true)).toBe('refused');
    expect(holdOf('u9', countyActor, false)).toBe('refused');
    expect(holdOf('u9', countyActor, true)).toBe('takeover');
    expect(holdOf('u9', { userId: 'u3', regionCode: '520000000000' }, true)).toBe('takeover');
  });
});

describe('the home verification record', () => {
  it('reads back exactly who visited, when and what was found, and who recorded it', async () => {
    const id = await newCall();
    await call(app, holder, 'POST', `/api/hotline/calls/${id}/claim`);
    const visitedAt = new Date(Date.now() - 3_600_000).toISOString();
    const submitted = { visitors: '街道民政专干王某、社区网格员', visitedAt, findings: '情况属实：患者住院，家中无积蓄，需临时救助' };
    expect((await verify(holder, id, submitted)).statusCode).toBe(200);
    const detail = (await call(app, county, 'GET', `/api/hotline/calls/${id}`)).json();
    expect(detail.verifications).toEqual([{ ...submitted, recordedByName: '王专干' }]);
    expect(detail).toMatchObject({ verifiedAt: visitedAt, clocks: { verify: { doneAt: visitedAt, slaMet: true } } });
    // A number typed into the findings is masked before it is stored and read back masked.
    const masked = await newCall();
    await verify(holder, masked, { visitors: '社区网格员', findings: '户主电话 13985012345，情况属实' });
    const [v] = (await call(app, holder, 'GET', `/api/hotline/calls/${masked}`)).json().verifications;
    expect(v.findings).not.toContain('13985012345');
  });
});
