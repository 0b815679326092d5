import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { asc, eq, like, sql } from 'drizzle-orm';
import { idCheckChar } from '../../common/id-card';
import type { Database } from '../db/client';
import { rows } from '../db/client';
import { institutions } from '../db/schema/institutions';
import { hotlineCalls } from '../db/schema/hotline';
import { seedInstitutions } from '../db/seed/institutions.demo';
import { ctxFor, seedTestRegions, testDatabase } from './db';
import { call, login, makeUser, multipart, testApp, type Session } from './http';
import { dumpTables, scanText, type Finding } from './plaintext-scan';

/**
 * After the personal-data flows (hotline call, reveal, grant with an ID number, beneficiary household,
 * isolation person), neither a dump of every table nor the app's log holds a plaintext ID number or
 * phone number. A negative control proves the scan would see a field stored in plaintext.
 */
const id = (body17: string) => body17 + idCheckChar(body17);
const CALLER_PHONE = '13985012345';
const GRANT_PHONE = '13708511234';
const GRANT_ID = id('52030219800101001');
const MEMBER_ID = id('52030219750607002');
const MEMBER_PHONE = '15885123456';
const ISOLATION_ID = id('52030219900315003');
const KNOWN = [CALLER_PHONE, GRANT_PHONE, GRANT_ID, MEMBER_ID, MEMBER_PHONE, ISOLATION_ID];
const TOWN = '520302007000';

let database: Database;
let app: FastifyInstance;
const log: string[] = [];

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await seedInstitutions(ctxFor(database, await makeUser(database, { username: 'seeder', role: 'officer', regionCode: '000000000000' })));
  await makeUser(database, { username: 'op', role: 'hotline_operator', regionCode: '520302000000' });
  await makeUser(database, { username: 'town', role: 'town_officer', regionCode: TOWN });
  await makeUser(database, { username: 'county', role: 'officer', regionCode: '520302000000' });
  app = await testApp(database, { logLevel: 'trace', logStream: { write: (line: string) => void log.push(line) } });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function drive(op: Session, town: Session, county: Session) {
  const c = await call(app, op, 'POST', '/api/hotline/calls', {
    callerName: '刘桂兰',
    callerPhone: CALLER_PHONE,
    regionCode: TOWN,
    address: '中山路街道白杨小区',
    category: 'medical',
    urgency: 'urgent',
    content: `儿子突发心疾，医药费无着落，回电 ${CALLER_PHONE}`,
  });
  expect(c.statusCode, c.body).toBe(201);
  const callId = c.json().id as string;
  expect((await call(app, op, 'GET', `/api/hotline/calls?phone=${CALLER_PHONE}`)).json().total).toBe(1);
  // A rejected query (unknown field) is logged: by its path only, never with the phone in its query string.
  expect((await call(app, op, 'GET', `/api/hotline/calls?phone=${CALLER_PHONE}&unknown=1`)).statusCode).toBe(400);
  expect((await call(app, town, 'POST', `/api/hotline/calls/${callId}/claim`)).statusCode).toBe(200);
  expect((await call(app, town, 'POST', `/api/hotline/calls/${callId}/reveal`, { reason: `入户前电话联系 ${CALLER_PHONE}` })).statusCode).toBe(200);
  const v = await call(app, town, 'POST', `/api/hotline/calls/${callId}/verify`, { visitors: '街道民政专干', findings: `情况属实，户主身份证 ${GRANT_ID}` });
  expect(v.statusCode, v.body).toBe(200);
  const photo = multipart(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`exif ${GRANT_ID} ${CALLER_PHONE}`)]), 'home.png');
  expect((await app.inject({ method: 'POST', url: `/api/hotline/calls/${callId}/photos`, payload: photo.payload, headers: { ...photo.headers, cookie: town.cookie, 'x-csrf-token': town.csrf } })).statusCode).toBe(201);
  await call(app, county, 'POST', '/api/assistance/funds/allocate', { townCode: TOWN, amountFen: 1_000_000 });
  const g = await call(app, town, 'POST', '/api/assistance/grants', { regionCode: TOWN, callId, recipientName: '刘桂兰', recipientPhone: GRANT_PHONE, recipientIdNumber: GRANT_ID, householdSize: 3, reason: 'illness', amountFen: 150_000 });
  expect(g.statusCode, g.body).toBe(201);
  expect((await call(app, town, 'POST', `/api/assistance/grants/${g.json().id}/reveal`, { reason: `核对身份 ${GRANT_ID}` })).statusCode).toBe(200);
  expect((await call(app, town, 'POST', `/api/assistance/grants/${g.json().id}/paperwork`, { status: 'completed', note: `已补齐，联系 ${GRANT_PHONE}` })).statusCode).toBe(200);
  expect((await call(app, county, 'GET', '/api/assistance/grants/export')).statusCode).toBe(200);
  expect((await call(app, county, 'GET', '/api/hotline/calls/export')).statusCode).toBe(200);

  const b = await call(app, town, 'POST', '/api/beneficiaries', {
    regionCode: TOWN,
    address: '中山路街道白杨小区 3 栋',
    programme: 'urban_dibao',
    members: [{ name: '王某', idNumber: MEMBER_ID, phone: MEMBER_PHONE, relation: 'head' }],
  });
  expect(b.statusCode, b.body).toBe(201);
  await call(app, town, 'GET', `/api/beneficiaries?idNumber=${MEMBER_ID}`);

  const [home] = await database.db.select().from(institutions).where(like(institutions.regionCode, '520302%')).orderBy(asc(institutions.name)).limit(1);
  const p = await call(app, county, 'POST', '/api/isolation', { institutionId: home!.id, role: 'staff', reason: 'returning', name: '张某', idNumber: ISOLATION_ID, startDate: '2022-09-01' });
  expect(p.statusCode, p.body).toBe(201);
  expect((await call(app, county, 'POST', '/api/isolation/lookup', { idNumber: ISOLATION_ID })).statusCode).toBe(200);
  // Refused requests carrying the numbers are logged too.
  await call(app, op, 'POST', '/api/hotline/calls', { callerPhone: CALLER_PHONE, idNumber: GRANT_ID });
  return callId;
}

/**
 * Published numbers are not personal data: an institution's duty and responsible-person phones (the
 * institutions registry keeps them in plaintext, and its audit rows too) and the hotline directory.
 */
async function publishedNumbers(): Promise<Set<string>> {
  const inst = await rows<{ a: string | null; b: string | null }>(database.db, sql`select responsible_phone as a, duty_phone as b from institutions`);
  const hot = await rows<{ a: string }>(database.db, sql`select phone as a from hotline_numbers`);
  return new Set([...inst.flatMap((r) => [r.a, r.b]), ...hot.map((r) => r.a)].filter((p): p is string => !!p).map((p) => p.replace(/\D/g, '')));
}

async function scanAll(): Promise<Finding[]> {
  const published = await publishedNumbers();
  const findings: Finding[] = [];
  for (const [table, text] of await dumpTables(database.db)) findings.push(...scanText(`table ${table}`, text, KNOWN));
  findings.push(...scanText('log', log.join(''), KNOWN));
  return findings.filter((f) => !(f.kind === 'mobile' && published.has(f.value) && !KNOWN.includes(f.value)));
}

describe('plaintext scan of the database and the logs', () => {
  let callId: string;

  it('finds no plaintext ID number or phone number after the personal-data flows', async () => {
    const [op, town, county] = [await login(app, 'op'), await login(app, 'town'), await login(app, 'county')];
    callId = await drive(op, town, county);
    expect(log.length).toBeGreaterThan(20);
    expect(await scanAll()).toEqual([]);
  });

  it('would fail if a field were stored or logged in plaintext (negative control)', async () => {
    const [before] = await database.db.select().from(hotlineCalls).where(eq(hotlineCalls.id, callId));
    await database.db.update(hotlineCalls).set({ callerPhoneEnc: CALLER_PHONE }).where(eq(hotlineCalls.id, callId));
    await rows(database.db, sql`update beneficiary_members set name_enc = ${`x ${id('11010519491231002')} y`} where true`);
    app.log.info({ leaked: MEMBER_PHONE }, 'control');
    const found = await scanAll();
    expect(found).toContainEqual({ where: 'table hotline_calls', kind: 'known', value: CALLER_PHONE });
    expect(found).toContainEqual({ where: 'table hotline_calls', kind: 'mobile', value: CALLER_PHONE });
    expect(found).toContainEqual({ where: 'table beneficiary_members', kind: 'id_number', value: id('11010519491231002') });
    expect(found).toContainEqual({ where: 'log', kind: 'known', value: MEMBER_PHONE });
    await database.db.update(hotlineCalls).set({ callerPhoneEnc: before!.callerPhoneEnc }).where(eq(hotlineCalls.id, callId));
  });

  it.runIf(process.env.TEST_DATABASE_URL)('finds nothing in a pg_dump of the PostgreSQL database either', async () => {
    const [{ db }] = (await rows<{ db: string }>(database.db, sql`select current_database() as db`)) as [{ db: string }];
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${db}`;
    // The control above changed a member's name; the dump is taken after the scan and must still only hold that control value.
    const dump = spawnSync('pg_dump', ['--data-only', url.toString()], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (dump.error || dump.status !== 0) return void console.warn(`pg_dump unavailable: ${dump.error?.message ?? dump.stderr}`);
    const published = await publishedNumbers();
    const found = scanText('pg_dump', dump.stdout, KNOWN).filter((f) => !(f.kind === 'mobile' && published.has(f.value)));
    expect(found).toEqual([{ where: 'pg_dump', kind: 'id_number', value: id('11010519491231002') }]);
  });
});
