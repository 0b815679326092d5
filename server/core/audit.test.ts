import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { count, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { auditLog } from '../db/schema/audit';
import { users } from '../db/schema/users';
import { ctxFor, seedTestRegions, SYSTEM, testDatabase, testSecrets } from '../test/db';
import { createUser } from '../modules/users/users.service';
import { chainHash, recordAudit, recordAuditMany, verifyAuditChain } from './audit';
import { canonicalJson } from './canonical-json';
import { hmacHex } from './crypto';
import { withTx } from './context';

let database: Database;

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
});
afterAll(() => database.close());

const ctx = () => ctxFor(database, SYSTEM);

/** Test-only tampering: a superuser switches the append-only triggers off for one statement. */
async function tamper(statement: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
}

describe('audit chain', () => {
  it('appends linked rows that verify', async () => {
    for (let i = 0; i < 20; i++) await withTx(ctx(), (tx) => recordAudit(tx, { action: 'test.append', details: { i, nested: { b: 1, a: [1, 'x'] } } }));
    const res = await verifyAuditChain(database.db, testSecrets.auditKey);
    expect(res).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(res.checked).toBeGreaterThanOrEqual(20);
  });

  it('keeps the chain whole under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => withTx(ctx(), (tx) => recordAudit(tx, { action: 'test.concurrent', details: { i } }))));
    expect((await verifyAuditChain(database.db, testSecrets.auditKey)).ok).toBe(true);
  });

  it('appends a batch with one lock and one insert, each row keeping its own origin, linked like single appends', async () => {
    const origin = (i: number) => ({ ...ctx(), requestId: `req-${i}`, ip: `10.0.0.${i}` });
    await Promise.all([
      withTx(ctx(), (tx) => recordAuditMany(tx, Array.from({ length: 40 }, (_, i) => ({ origin: origin(i), action: 'test.many', details: { i } })))),
      ...Array.from({ length: 5 }, (_, i) => withTx(ctx(), (tx) => recordAudit(tx, { action: 'test.single', details: { i } }))),
    ]);
    const many = await database.db.select().from(auditLog).where(eq(auditLog.action, 'test.many')).orderBy(auditLog.seq);
    expect(many.map((r) => r.requestId)).toEqual(Array.from({ length: 40 }, (_, i) => `req-${i}`));
    expect(many[39]!.seq - many[0]!.seq).toBe(39);
    expect((await verifyAuditChain(database.db, testSecrets.auditKey)).ok).toBe(true);
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
    await expect(database.db.execute(sql`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.seq, 1));
    expect(row?.action).toBe('test.append');
  });

  it('rolls the change back when the audit insert fails', async () => {
    await database.db.execute(sql`create or replace function fail_audit() returns trigger language plpgsql as $$ begin raise exception 'audit down'; end $$`);
    await database.db.execute(sql`create trigger fail_audit_insert before insert on audit_log for each row execute function fail_audit()`);
    try {
      await expect(
        createUser(ctx(), { username: 'never_saved', name: '不应保存', role: 'officer', regionCode: '520302000000', password: 'Never#Saved2026' }),
      ).rejects.toThrow();
    } finally {
      await database.db.execute(sql`drop trigger fail_audit_insert on audit_log`);
    }
    const [n] = await database.db.select({ n: count() }).from(users).where(eq(users.username, 'never_saved'));
    expect(Number(n?.n)).toBe(0);
  });
});

describe('tamper detection', () => {
  // Each case builds its own chain in a fresh database so one tampering does not hide the next.
  it('names the first broken row for any single edit, delete or reorder', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 5, max: 25 }),
        fc.constantFrom('edit', 'delete', 'detail', 'swap'),
        fc.nat(),
        async (n, kind, pick) => {
          const db = database;
          const before = (await db.db.select({ n: count() }).from(auditLog))[0]!.n;
          const base = Number(before);
          for (let i = 0; i < n; i++) await withTx(ctx(), (tx) => recordAudit(tx, { action: 'tamper.base', details: { i } }));
          const target = base + 1 + (pick % (n - 1));
          if (kind === 'edit') await tamper(sql`update audit_log set action = 'forged' where seq = ${target}`);
          if (kind === 'detail') await tamper(sql`update audit_log set details = '{"i": -1}'::jsonb where seq = ${target}`);
          if (kind === 'delete') await tamper(sql`delete from audit_log where seq = ${target}`);
          if (kind === 'swap') await tamper(sql`update audit_log set at = at + interval '1 second' where seq = ${target}`);
          const res = await verifyAuditChain(db.db, testSecrets.auditKey);
          expect(res.ok).toBe(false);
          expect(res.firstBrokenSeq).toBe(target);
          // Repair for the next run: drop everything from the tampered row on.
          await tamper(sql`delete from audit_log where seq >= ${target}`);
          expect((await verifyAuditChain(db.db, testSecrets.auditKey)).ok).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('chainHash', () => {
  const text = fc.option(fc.string(), { nil: null });
  const json = fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer())));
  it('hashes exactly the canonical JSON of the row in column order (rows chained before this form still verify)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.date({ noInvalidDate: true }), text, text, text, text, json, fc.string(), (seq, at, actorId, ip, entityId, regionCode, details, prevHash) => {
        const row = { seq, at, actorId, actorUsername: 'u', actorRole: 'officer', actorRegion: regionCode, ip, requestId: 'r', action: 'x.y', entityType: null, entityId, regionCode, result: 'success' as const, details, prevHash };
        const columns = [seq, at.toISOString(), actorId, 'u', 'officer', regionCode, ip, 'r', 'x.y', null, entityId, regionCode, 'success', details, prevHash];
        expect(chainHash(testSecrets.auditKey, row)).toBe(hmacHex(testSecrets.auditKey, canonicalJson(columns)));
      }),
    );
  });
});
