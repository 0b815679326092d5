// Route tests of /api/audit through app.inject, on a real migrated database: the 三员 permission split,
// the region scope of the viewer, every filter, validation, and the hash-chain check (also after tampering).
import type { FastifyInstance } from 'fastify';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditList, AuditVerifyResult } from '../../../common/contracts/audit';
import { recordAudit } from '../../core/audit';
import { withTx } from '../../core/context';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, expectError, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { regionsDownToTowns } from '../regions/regions.source';

const HONGHUAGANG = '520302000000'; // 红花岗区
const FENGGANG = '520327000000'; // 凤冈县
const ZUNYI = '520300000000';
const COUNTRY = '000000000000';
const ALL = regionsDownToTowns(['52']);
const HHG_TOWNS = ALL.filter((r) => r.parentCode === HONGHUAGANG).map((r) => r.code);
const FG_TOWNS = ALL.filter((r) => r.parentCode === FENGGANG).map((r) => r.code);



let database: Database;
let app: FastifyInstance;
let national: Session; // audit_admin of the whole country
let county: Session; // audit_admin of 红花岗区
let officer: Session;
let sysAdmin: Session;
let secAdmin: Session;
const u: Record<string, TestUser> = {};

type Row = typeof auditLog.$inferSelect;

async function allRows(): Promise<Row[]> {
  return database.db.select().from(auditLog).orderBy(asc(auditLog.seq));
}

/** The region a row belongs to, as the rule says: its object's, else its actor's. */
const rowRegion = (r: Row) => r.regionCode ?? r.actorRegion ?? '';

async function list(s: Session, query = ''): Promise<AuditList> {
  const res = await call(app, s, 'GET', `/api/audit?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditList>();
}

const seqs = (l: AuditList) => l.items.map((e) => e.seq);

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  app = await testApp(database);
  u.national = await makeUser(database, { username: 'nat-auditor', role: 'audit_admin', regionCode: COUNTRY });
  u.county = await makeUser(database, { username: 'hhg-auditor', role: 'audit_admin', regionCode: HONGHUAGANG });
  u.officer = await makeUser(database, { username: 'hhg-officer', role: 'officer', regionCode: HONGHUAGANG });
  u.fgOfficer = await makeUser(database, { username: 'fg-officer', role: 'officer', regionCode: FENGGANG });
  u.sysAdmin = await makeUser(database, { username: 'sys-admin', role: 'system_admin', regionCode: COUNTRY });
  u.secAdmin = await makeUser(database, { username: 'sec-admin', role: 'security_admin', regionCode: COUNTRY });

  // A failed login of an unknown name: no region, no actor region (the country's row only).
  const failed = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'whatever' } });
  expect(failed.statusCode).toBe(401);
  national = await login(app, 'nat-auditor');
  county = await login(app, 'hhg-auditor');
  officer = await login(app, 'hhg-officer');
  sysAdmin = await login(app, 'sys-admin');
  secAdmin = await login(app, 'sec-admin');

  const record = (actor: TestUser | null, input: Parameters<typeof recordAudit>[1]) =>
    withTx(ctxFor(database, actor), (tx) => recordAudit(tx, input));
  await record(u.officer, { action: 'case.open', entityType: 'case', entityId: 'c-1', regionCode: HHG_TOWNS[0]! });
  await record(u.fgOfficer!, { action: 'case.open', entityType: 'case', entityId: 'c-2', regionCode: FG_TOWNS[0]! });
  await record(u.officer, { action: 'report.export', details: { rows: 3 } });
  await record(u.fgOfficer!, { action: 'report.export', details: { rows: 4 } });
  await record(null, { action: 'system.job', details: { job: 'snapshot' } });
  await record(u.officer, { action: 'pct%_test', result: 'failure', regionCode: HONGHUAGANG });
  await record(u.sysAdmin, { action: 'user.update', entityType: 'user', entityId: u.officer.id, regionCode: HHG_TOWNS[1]! });
  await record(u.officer, { action: 'case.transfer', entityType: 'case', entityId: 'c-3', regionCode: FG_TOWNS[1]! });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('GET /api/audit', () => {
  it('the national audit admin reads every row, newest first, in the contract shape', async () => {
    const rows = await allRows();
    const l = await list(national);
    expect(l.total).toBe(rows.length);
    expect(seqs(l)).toEqual(rows.map((r) => r.seq).reverse());
    const keys = Object.keys(l.items[0]!).sort();
    expect(keys).toEqual(
      ['seq', 'at', 'actorId', 'actorUsername', 'actorRole', 'ip', 'requestId', 'action', 'entityType', 'entityId', 'regionCode', 'result', 'details'].sort(),
    );
    const login = l.items.find((e) => e.action === 'auth.login' && e.actorUsername === 'hhg-auditor')!;
    expect(login).toMatchObject({ result: 'success', entityType: 'user', entityId: u.county!.id, regionCode: HONGHUAGANG });
    expect(login.ip).toBe('127.0.0.1');
    expect(login.requestId).toMatch(/^req-/);
  });

  it('an audit admin of 红花岗区 reads exactly the rows of 520302 (by object region, else actor region): 0 leaked, 0 missing', async () => {
    const rows = await allRows();
    const expected = rows.filter((r) => rowRegion(r).startsWith('520302')).map((r) => r.seq).reverse();
    const l = await list(county);
    expect(seqs(l)).toEqual(expected);
    expect(l.total).toBe(expected.length);
    const actions = l.items.map((e) => `${e.action}:${e.entityId ?? ''}`);
    expect(actions).toContain('case.open:c-1');
    expect(actions).toContain('user.update:' + u.officer!.id);
    expect(actions).not.toContain('case.open:c-2');
    expect(actions).not.toContain('case.transfer:c-3');
    expect(actions).not.toContain('system.job:');
    expect(l.items.filter((e) => e.action === 'report.export')).toHaveLength(1);
  });

  it('filters by a region inside the scope', async () => {
    const rows = await allRows();
    const town = await list(county, `&region=${HHG_TOWNS[0]!}`);
    expect(seqs(town)).toEqual(rows.filter((r) => rowRegion(r).startsWith(HHG_TOWNS[0]!.slice(0, 9))).map((r) => r.seq).reverse());
    expect(town.items.map((e) => e.entityId)).toEqual(['c-1']);
    const fg = await list(national, `&region=${FENGGANG}`);
    expect(fg.items.map((e) => e.action).sort()).toEqual(['case.open', 'case.transfer', 'report.export']);
  });

  it('404 REGION_NOT_FOUND when filtering by a region outside the scope', async () => {
    for (const region of [FENGGANG, FG_TOWNS[0]!, ZUNYI, '620000000000', COUNTRY]) {
      expectError(await call(app, county, 'GET', `/api/audit?region=${region}`), 404, 'REGION_NOT_FOUND');
    }
  });

  it('filters by action prefix, with LIKE wildcards taken literally', async () => {
    const cases = await list(national, '&action=case.');
    expect(cases.items.map((e) => e.action).sort()).toEqual(['case.open', 'case.open', 'case.transfer']);
    expect((await list(national, '&action=pct%25')).items.map((e) => e.action)).toEqual(['pct%_test']);
    expect((await list(national, '&action=pct%25_')).items.map((e) => e.action)).toEqual(['pct%_test']);
    for (const a of ['%', '_', 'case_', '%open']) expect((await list(national, `&action=${encodeURIComponent(a)}`)).total, a).toBe(0);
  });

  it('filters by actor: user name (any case) or id', async () => {
    const byName = await list(national, '&actor=HHG-OFFICER');
    expect(byName.total).toBeGreaterThanOrEqual(5);
    for (const e of byName.items) expect(e.actorUsername).toBe('hhg-officer');
    const byId = await list(national, `&actor=${u.officer!.id}`);
    expect(seqs(byId)).toEqual(seqs(byName));
    expect((await list(national, '&actor=no-such-user')).total).toBe(0);
  });

  // Regression (was a bug): audit.service.ts line 38 passes the actor filter to ILIKE unescaped, so `%` and `_` act as
  // wildcards: actor=% returns every row with an actor name, actor=hhg% every hhg-* actor (the action
  // filter on line 37 escapes them). Expected: an exact, case-insensitive match on the user name.
  it('the actor filter takes LIKE wildcards literally', async () => {
    for (const a of ['%', 'hhg%', '_hg-officer', 'hhg-officer%']) {
      expect((await list(national, `&actor=${encodeURIComponent(a)}`)).total, a).toBe(0);
    }
  });

  it('filters by entity, result and time window', async () => {
    expect((await list(national, '&entityType=case')).items.map((e) => e.entityId).sort()).toEqual(['c-1', 'c-2', 'c-3']);
    expect((await list(national, '&entityType=case&entityId=c-2')).items.map((e) => e.action)).toEqual(['case.open']);
    const failures = await list(national, '&result=failure');
    expect(failures.items.map((e) => e.action).sort()).toEqual(['auth.login', 'pct%_test']);
    const total = (await list(national)).total;
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    expect((await list(national, `&from=${iso(now - 3_600_000)}&to=${iso(now + 3_600_000)}`)).total).toBe(total);
    expect((await list(national, `&from=${iso(now + 3_600_000)}`)).total).toBe(0);
    expect((await list(national, '&to=2000-01-01T00:00:00Z')).total).toBe(0);
    expect((await list(national, `&from=${encodeURIComponent('2000-01-01T08:00:00+08:00')}`)).total).toBe(total);
  });

  it('pages through the rows', async () => {
    const whole = await list(national);
    const res = await call(app, national, 'GET', '/api/audit?page=2&pageSize=3');
    expect(res.statusCode).toBe(200);
    const page = res.json<AuditList>();
    expect(page.total).toBe(whole.total);
    expect(seqs(page)).toEqual(seqs(whole).slice(3, 6));
    const dflt = await call(app, national, 'GET', '/api/audit');
    expect(dflt.json<AuditList>().items.length).toBe(Math.min(20, whole.total));
  });

  it('400 VALIDATION_FAILED with a Chinese message for bad filters and unknown fields', async () => {
    const bad = [
      'result=maybe',
      'from=yesterday',
      'from=2026-02-30T00:00:00Z',
      'from=2026-01-01',
      'to=2026-01-01T25:00:00Z',
      'pageSize=0',
      'pageSize=201',
      'page=0',
      'page=-1',
      'region=5203',
      `action=${'a'.repeat(101)}`,
      `actor=${'a'.repeat(65)}`,
      'action=a&action=b',
    ];
    for (const q of bad) expectError(await call(app, national, 'GET', `/api/audit?${q}`), 400, 'VALIDATION_FAILED');
    const body = expectError(await call(app, national, 'GET', '/api/audit?user=x'), 400, 'VALIDATION_FAILED');
    expect(body.details).toEqual([expect.objectContaining({ keys: ['user'] })]);
  });

  it('401 without a session; 403 for every role without audit:read (三员: not even the system admin)', async () => {
    expectError(await call(app, null, 'GET', '/api/audit'), 401, 'UNAUTHENTICATED');
    for (const s of [officer, sysAdmin, secAdmin]) {
      const body = expectError(await call(app, s, 'GET', '/api/audit'), 403, 'FORBIDDEN');
      expect(body.details).toEqual({ permission: 'audit:read' });
    }
  });

  it('the route has no write methods', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await call(app, national, method, '/api/audit', {});
      expect(res.statusCode, method).toBe(404);
    }
  });
});

describe('GET /api/audit/verify', () => {
  it('verifies the whole chain', async () => {
    const rows = await allRows();
    const res = await call(app, national, 'GET', '/api/audit/verify');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AuditVerifyResult>()).toEqual({ ok: true, checked: rows.length, firstBrokenSeq: null, reason: null });
    // The chain spans the country: a county audit admin may not learn its size.
    expectError(await call(app, county, 'GET', '/api/audit/verify'), 403, 'FORBIDDEN');
  });

  it('401 without a session; 403 without audit:read', async () => {
    expectError(await call(app, null, 'GET', '/api/audit/verify'), 401, 'UNAUTHENTICATED');
    for (const s of [officer, sysAdmin, secAdmin]) expectError(await call(app, s, 'GET', '/api/audit/verify'), 403, 'FORBIDDEN');
  });

  it('the log is append-only: UPDATE and DELETE are refused by the database', async () => {
    await expect(database.db.execute(sql`update audit_log set action = 'forged' where seq = 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
    expect((await allRows())[0]!.action).not.toBe('forged');
  });

  it('names the first tampered row when the append-only trigger is bypassed, and recovers when the row is restored', async () => {
    const rows = await allRows();
    const victim = rows[Math.floor(rows.length / 2)]!;
    const original = victim.details;
    await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    try {
      await database.db.execute(sql`update audit_log set details = ${JSON.stringify({ forged: true })}::jsonb where seq = ${victim.seq}`);
      const res = await call(app, national, 'GET', '/api/audit/verify');
      expect(res.statusCode).toBe(200);
      const check = res.json<AuditVerifyResult>();
      expect(check).toMatchObject({ ok: false, firstBrokenSeq: victim.seq });
      expect(check.checked).toBe(victim.seq - 1);
      expect(check.reason).toBe('row content does not match its hash');
      await database.db.execute(sql`update audit_log set details = ${JSON.stringify(original)}::jsonb where seq = ${victim.seq}`);
    } finally {
      await database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    }
    const again = await call(app, national, 'GET', '/api/audit/verify');
    expect(again.json<AuditVerifyResult>()).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('reading the log leaves no trace in it and changes nothing', async () => {
    const before = await allRows();
    await list(national);
    await call(app, national, 'GET', '/api/audit/verify');
    const after = await allRows();
    expect(after).toEqual(before);
    const entries: AuditEntry[] = (await list(national)).items;
    expect(entries.length).toBe(before.length);
  });
});
