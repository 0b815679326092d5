import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { and, eq, like, sql } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import { idCheckChar } from '../../../common/id-card';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { institutions } from '../../db/schema/institutions';
import { isolationPersons } from '../../db/schema/isolation';
import { rescuePersons } from '../../db/schema/rescue';
import { seedInstitutions } from '../../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';

let database: Database;
let app: FastifyInstance;
let hhg: Session; // 红花岗区 officer
let fg: Session; // 凤冈县 officer
let lead: Session; // 红花岗区 leader (reads only)
let town: Session; // town officer of the station's town
let zy: Session; // 遵义市 officer
let station: typeof institutions.$inferSelect;
let home: typeof institutions.$inferSelect;
const masked: string[] = [];
const today = businessDay(new Date());

const idNumber = (birth: string, seq: number) => {
  const body = `520302${birth}${String(seq).padStart(3, '0')}`;
  return body + idCheckChar(body);
};
const ADULT = { name: '王建国', idNumber: idNumber('19750304', 131), phone: '13985011111' };
const CHILD = { name: '李小军', idNumber: idNumber('20150612', 242), phone: '13985022222' };
const PLAIN = [ADULT.name, ADULT.idNumber, ADULT.phone, CHILD.name, CHILD.idNumber, CHILD.phone];

async function api(
  s: Session,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  const res = await call(app, s, method, url, body);
  if (!url.endsWith('/reveal')) masked.push(res.body);
  return res;
}
const audits = (action: string) => database.db.select().from(auditLog).where(eq(auditLog.action, action));
const record = (s: Session, over: Record<string, unknown> = {}) =>
  api(s, 'POST', '/api/rescue/persons', {
    regionCode: station.regionCode,
    source: 'walk_in',
    category: 'stranded',
    sex: 'male',
    foundPlace: '遵义火车站广场',
    condition: '受疫情影响滞留，身无分文',
    ...over,
  });

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(
    ctxFor(
      database,
      await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' }),
    ),
  );
  const insts = await database.db.select().from(institutions).where(like(institutions.regionCode, '520302%'));
  station = insts.find((i) => i.type === 'rescue_station')!;
  home = insts.find((i) => i.type === 'elderly_care')!;
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
  await makeUser(database, { username: 'hhg_lead', role: 'leader', regionCode: '520302000000' });
  await makeUser(database, { username: 'town_off', role: 'town_officer', regionCode: station.regionCode });
  await makeUser(database, { username: 'zy_off', role: 'officer', regionCode: '520300000000' });
  app = await testApp(database);
  hhg = await login(app, 'hhg_off');
  fg = await login(app, 'fg_off');
  lead = await login(app, 'hhg_lead');
  town = await login(app, 'town_off');
  zy = await login(app, 'zy_off');
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('rescue of vagrants and stranded people', () => {
  let patrolId: string;
  let adultId: string;
  let childId: string;

  it('records a street patrol; a leader may not, another county is not found', async () => {
    const body = {
      regionCode: station.regionCode,
      patrolledAt: new Date(Date.now() - 3_600_000).toISOString(),
      team: '区救助站 张伟、刘洋',
      area: '火车站—中华路—丁字口',
      findings: '发现流浪人员 2 名',
    };
    expect((await api(lead, 'POST', '/api/rescue/patrols', body)).statusCode).toBe(403);
    expect((await api(fg, 'POST', '/api/rescue/patrols', body)).statusCode).toBe(404);
    expect(
      (await api(zy, 'POST', '/api/rescue/patrols', { ...body, regionCode: '520300000000' })).json().code,
    ).toBe('RESCUE_REGION_LEVEL');
    expect(
      (
        await api(hhg, 'POST', '/api/rescue/patrols', {
          ...body,
          patrolledAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
      ).json().code,
    ).toBe('RESCUE_FUTURE_TIME');
    const res = await api(town, 'POST', '/api/rescue/patrols', body);
    expect(res.statusCode, res.body).toBe(201);
    patrolId = res.json().id;
    expect(res.json()).toMatchObject({ team: body.team, personsFound: 0 });
    expect(res.json().regionName).toContain('红花岗区');
    expect(await audits('rescue.patrol.create')).toHaveLength(1);
    expect((await api(lead, 'GET', '/api/rescue/patrols')).json().total).toBe(1);
    expect((await api(fg, 'GET', `/api/rescue/patrols/${patrolId}`)).statusCode).toBe(404);
  });

  it('records persons found, masked, with the minor flag from the ID number', async () => {
    expect((await record(lead, ADULT)).statusCode).toBe(403);
    expect(
      (await record(fg, { ...ADULT, regionCode: '520327000000', patrolId, source: 'patrol' })).statusCode,
    ).toBe(404);
    expect((await record(hhg, { ...ADULT, idNumber: '520302197503041310' })).json().code).toBe(
      'ID_NUMBER_INVALID',
    );
    expect((await record(hhg, { ...ADULT, patrolId })).statusCode).toBe(400);
    const adult = await record(town, { ...ADULT, patrolId, source: 'patrol', category: 'vagrant' });
    expect(adult.statusCode, adult.body).toBe(201);
    expect(adult.json()).toMatchObject({
      nameMasked: '王*',
      idNumberMasked: '520***********' + ADULT.idNumber.slice(-4),
      phoneMasked: '139****1111',
      minor: false,
      status: 'found',
      warning: null,
    });
    adultId = adult.json().id;
    const child = await record(town, {
      ...CHILD,
      patrolId,
      source: 'patrol',
      category: 'vagrant',
      sex: 'male',
    });
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json().minor).toBe(true);
    childId = child.json().id;
    expect(
      (await record(hhg, { approxAge: 12, category: 'beggar', source: 'referral' })).json(),
    ).toMatchObject({ minor: true, nameMasked: null, idNumberMasked: null });
    expect(await audits('rescue.person.record')).toHaveLength(3);
    expect((await api(hhg, 'GET', `/api/rescue/patrols/${patrolId}`)).json()).toMatchObject({
      personsFound: 2,
    });
    expect((await api(lead, 'GET', '/api/rescue/persons?minor=true')).json().total).toBe(2);
    expect((await api(fg, 'GET', `/api/rescue/persons/${adultId}`)).statusCode).toBe(404);
  });

  it('warns of an earlier rescue of the same ID number or phone in another county', async () => {
    const again = await record(fg, {
      regionCode: '520327000000',
      phone: ADULT.phone,
      foundPlace: '凤冈县汽车站',
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().warning).toMatch(/^此人曾于 \d{4}年\d{1,2}月\d{1,2}日 在 遵义市红花岗区.+ 被救助$/);
    expect(again.json().earlier).toEqual([
      expect.objectContaining({ regionCode: station.regionCode, personId: null }),
    ]);
  });

  it('records help: found → helped, audited; out of scope is not found', async () => {
    const body = { kind: 'ticket', amountFen: 12_350, note: '遵义至重庆火车票' };
    expect((await api(lead, 'POST', `/api/rescue/persons/${adultId}/help`, body)).statusCode).toBe(403);
    expect((await api(fg, 'POST', `/api/rescue/persons/${adultId}/help`, body)).statusCode).toBe(404);
    const res = await api(town, 'POST', `/api/rescue/persons/${adultId}/help`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'helped',
      helpKinds: ['ticket'],
      helps: [{ kind: 'ticket', amountFen: 12_350 }],
    });
    expect(
      (await api(town, 'POST', `/api/rescue/persons/${childId}/help`, { kind: 'food' })).json().status,
    ).toBe('helped');
    expect(await audits('rescue.person.help')).toHaveLength(2);
  });

  it('places an adult in a rescue station at once', async () => {
    expect(
      (
        await api(lead, 'POST', `/api/rescue/persons/${adultId}/place`, {
          kind: 'station',
          institutionId: station.id,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await api(fg, 'POST', `/api/rescue/persons/${adultId}/place`, {
          kind: 'station',
          institutionId: station.id,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await api(town, 'POST', `/api/rescue/persons/${adultId}/place`, { kind: 'station' })).statusCode,
    ).toBe(400);
    expect(
      (
        await api(town, 'POST', `/api/rescue/persons/${adultId}/place`, {
          kind: 'station',
          institutionId: home.id,
        })
      ).json().code,
    ).toBe('RESCUE_NOT_A_STATION');
    const res = await api(town, 'POST', `/api/rescue/persons/${adultId}/place`, {
      kind: 'station',
      institutionId: station.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'placed',
      placements: [
        { kind: 'station', institutionName: station.name, awaitingScreening: false, isolationPersonId: null },
      ],
    });
    expect(await audits('rescue.person.place')).toHaveLength(1);
  });

  it('sends a minor to health screening first: the placement waits until the isolation record is screened', async () => {
    const url = `/api/rescue/persons/${childId}/place`;
    const body = { kind: 'station', institutionId: station.id };
    expect((await api(town, 'POST', url, body)).json().code).toBe('RESCUE_MINOR_PLACEMENT_FORBIDDEN');
    const res = await api(hhg, 'POST', url, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('screening');
    const placement = res.json().placements[0];
    expect(placement).toMatchObject({ awaitingScreening: true, confirmedAt: null });
    const [iso] = await database.db
      .select()
      .from(isolationPersons)
      .where(eq(isolationPersons.id, placement.isolationPersonId));
    expect(iso).toMatchObject({
      institutionId: station.id,
      reason: 'vagrant_minor',
      role: 'resident',
      screeningRequired: true,
      screeningDone: false,
      startDate: today,
    });
    expect(await audits('isolation.register')).toHaveLength(1);
    // No help, placement or second placement while waiting; confirming before the screening is refused.
    expect((await api(hhg, 'POST', url, { kind: 'home' })).json().code).toBe('RESCUE_AWAITING_SCREENING');
    const early = await api(hhg, 'POST', `/api/rescue/persons/${childId}/confirm-placement`);
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({
      code: 'RESCUE_SCREENING_PENDING',
      details: { isolationPersonId: iso!.id },
    });
    expect(early.json().details.blockers.map((b: { code: string }) => b.code)).toContain(
      'ISOLATION_SCREENING_MISSING',
    );
    // The hospital screening is recorded in the isolation module; then the placement is confirmed.
    expect(
      (
        await api(hhg, 'POST', `/api/isolation/${iso!.id}/checks`, {
          kind: 'screening',
          day: today,
          note: '定点医院筛查未见异常',
        })
      ).statusCode,
    ).toBe(200);
    expect((await api(lead, 'POST', `/api/rescue/persons/${childId}/confirm-placement`)).statusCode).toBe(
      403,
    );
    expect((await api(fg, 'POST', `/api/rescue/persons/${childId}/confirm-placement`)).statusCode).toBe(404);
    const done = await api(town, 'POST', `/api/rescue/persons/${childId}/confirm-placement`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'placed', placements: [{ awaitingScreening: false }] });
    expect(await audits('rescue.person.confirm')).toHaveLength(1);
    expect((await api(town, 'POST', `/api/rescue/persons/${childId}/confirm-placement`)).json().code).toBe(
      'RESCUE_NOT_AWAITING_SCREENING',
    );
  });

  it('returns home, closes with a reason, and refuses more once closed', async () => {
    const home = await api(town, 'POST', `/api/rescue/persons/${adultId}/place`, {
      kind: 'home',
      note: '护送至火车站',
    });
    expect(home.json().status).toBe('returned');
    expect(
      (await api(town, 'POST', `/api/rescue/persons/${adultId}/help`, { kind: 'food' })).json().code,
    ).toBe('RESCUE_NOT_OPEN');
    expect(
      (await api(lead, 'POST', `/api/rescue/persons/${adultId}/close`, { reason: '已返乡' })).statusCode,
    ).toBe(403);
    expect(
      (await api(fg, 'POST', `/api/rescue/persons/${adultId}/close`, { reason: '已返乡' })).statusCode,
    ).toBe(404);
    const closed = await api(town, 'POST', `/api/rescue/persons/${adultId}/close`, {
      reason: '已安全返乡，家属确认',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', closedReason: '已安全返乡，家属确认' });
    expect(
      (await api(town, 'POST', `/api/rescue/persons/${adultId}/close`, { reason: '再次结案' })).statusCode,
    ).toBe(409);
    expect(await audits('rescue.person.close')).toHaveLength(1);
  });

  it('reveals personal data only with personal:reveal and a reason, audited', async () => {
    const url = `/api/rescue/persons/${childId}/reveal`;
    expect((await call(app, lead, 'POST', url, { reason: '核实身份联系家属' })).statusCode).toBe(403);
    expect((await call(app, fg, 'POST', url, { reason: '核实身份联系家属' })).statusCode).toBe(404);
    expect((await call(app, town, 'POST', url, { reason: '看' })).statusCode).toBe(400);
    const res = await call(app, town, 'POST', url, { reason: '核实身份联系家属' });
    expect(res.json()).toEqual({ name: CHILD.name, idNumber: CHILD.idNumber, phone: CHILD.phone });
    const [row] = await audits('rescue.person.reveal');
    expect(row).toMatchObject({
      entityId: childId,
      actorUsername: 'town_off',
      details: { reason: '核实身份联系家属' },
    });
  });

  it('counts for the board by region', async () => {
    const res = await api(lead, 'GET', '/api/rescue/stats');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toEqual({
      found: 3,
      minors: 2,
      helped: 2,
      awaitingScreening: 0,
      placed: 1,
      returned: 0,
    });
    expect(res.json().byRegion).toEqual([
      expect.objectContaining({ regionCode: station.regionCode, found: 3, minors: 2 }),
    ]);
    expect((await api(fg, 'GET', '/api/rescue/stats?region=520302000000')).statusCode).toBe(404);
  });

  it('never sends or stores personal data in clear', async () => {
    const bodies = masked.join('\n');
    for (const p of PLAIN) expect(bodies).not.toContain(p);
    const rows = await database.db.execute(sql`select t::text as row from rescue_persons t`);
    const dump = JSON.stringify(rows);
    for (const p of PLAIN) expect(dump).not.toContain(p);
    expect(
      await database.db
        .select()
        .from(rescuePersons)
        .where(and(eq(rescuePersons.minor, true), eq(rescuePersons.status, 'placed'))),
    ).toHaveLength(1);
  });
});
