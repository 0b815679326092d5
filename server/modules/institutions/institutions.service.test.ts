import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import type { CreateInstitutionInput } from '../../../common/contracts/institutions';
import { INSTITUTION_STATUSES } from '../../../common/enums';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { institutions, institutionStatusEvents } from '../../db/schema/institutions';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { makeUser, type TestUser } from '../../test/http';
import { statusOn } from './institutions.rules';
import { statusOnSql } from './institutions.scope';
import { createInstitution, getInstitution, listInstitutions, setStatus, updateInstitution } from './institutions.service';

let database: Database;
let hhg: TestUser;
let fg: TestUser;
let reporter: TestUser;

export const sample = (over: Partial<CreateInstitutionInput> = {}): CreateInstitutionInput => ({
  name: '老城街道养老院',
  type: 'elderly_care',
  regionCode: '520302001000',
  address: '红花岗区老城街道中华路 1 号',
  beds: 80,
  residents: 60,
  housesTekun: true,
  staff: 15,
  responsiblePerson: '王建国',
  responsiblePhone: '13908512345',
  dutyPhone: '0851-28221234',
  ...over,
});

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  hhg = await makeUser(database, { username: 'hhg', role: 'officer', regionCode: '520302000000' });
  fg = await makeUser(database, { username: 'fg', role: 'officer', regionCode: '520327000000' });
});
afterAll(() => database.close());

const as = (u: TestUser) => ctxFor(database, u);

describe('institutions', () => {
  it('registers an institution in a town of the scope, with one audit row', async () => {
    const inst = await createInstitution(as(hhg), sample());
    expect(inst).toMatchObject({ status: 'operating', regionName: '老城街道', version: 1 });
    const rows = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'institution.create'), eq(auditLog.entityId, inst.id)));
    expect(rows).toHaveLength(1);
    reporter = await makeUser(database, { username: 'rep', role: 'reporter', regionCode: '520302001000' });
    await database.db.execute(sql`update users set institution_id = ${inst.id} where id = ${reporter.id}`);
    reporter = { ...reporter, institutionId: inst.id } as TestUser;
  });

  it('refuses a duplicate name in the same town, another county, a county-level region, and a reporter', async () => {
    await expect(createInstitution(as(hhg), sample({ name: '老城街道 养老院' }))).rejects.toMatchObject({ status: 409, code: 'INSTITUTION_DUPLICATE' });
    await expect(createInstitution(as(hhg), sample({ regionCode: '520327001000' }))).rejects.toMatchObject({ status: 404 });
    await expect(createInstitution(as(hhg), sample({ name: '区级机构', regionCode: '520302000000' }))).rejects.toMatchObject({ status: 400, code: 'INSTITUTION_REGION_LEVEL' });
    await expect(createInstitution(as(reporter), sample({ name: '填报员建的' }))).rejects.toMatchObject({ status: 403 });
  });

  it('is invisible and unchangeable for an officer of another county (404)', async () => {
    const [inst] = (await listInstitutions(as(hhg), { page: 1, pageSize: 20 })).items;
    await expect(getInstitution(as(fg), inst!.id)).rejects.toMatchObject({ status: 404, code: 'INSTITUTION_NOT_FOUND' });
    await expect(updateInstitution(as(fg), inst!.id, { version: inst!.version, beds: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(setStatus(as(fg), inst!.id, { status: 'closed', reason: '越权' })).rejects.toMatchObject({ status: 404 });
    expect((await listInstitutions(as(fg), { page: 1, pageSize: 20 })).total).toBe(0);
    expect((await getInstitution(as(hhg), inst!.id)).beds).toBe(80);
  });

  it('shows a reporter only their own institution', async () => {
    await createInstitution(as(hhg), sample({ name: '另一家养老院' }));
    const list = await listInstitutions(as(reporter), { page: 1, pageSize: 20 });
    expect(list.items.map((i) => i.id)).toEqual([(reporter as TestUser & { institutionId: string }).institutionId]);
  });

  it('loses no update under concurrent edits: one wins, the other gets 409', async () => {
    const inst = await createInstitution(as(hhg), sample({ name: '并发测试养老院' }));
    const results = await Promise.allSettled([
      updateInstitution(as(hhg), inst.id, { version: 1, beds: 90 }),
      updateInstitution(as(hhg), inst.id, { version: 1, staff: 20 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { status: 409, code: 'VERSION_CONFLICT' } });
    const after = await getInstitution(as(hhg), inst.id);
    expect(after.version).toBe(2);
    expect(after.beds === 90 || after.staff === 20).toBe(true);
    const again = await updateInstitution(as(hhg), inst.id, { version: 2, beds: 95, staff: 21 });
    expect(again).toMatchObject({ beds: 95, staff: 21, version: 3 });
  });

  it('records effective-dated statuses with the full history on the detail', async () => {
    const inst = await createInstitution(as(hhg), sample({ name: '婚姻登记处', type: 'marriage_registry', residents: 0, beds: 0, housesTekun: false }));
    const today = businessDay(new Date());
    const d = await setStatus(as(hhg), inst.id, {
      status: 'services_suspended',
      reason: '疫情防控需要',
      noticeText: '自即日起暂停办理婚姻登记，恢复时间另行通知。',
      effectiveFrom: today,
    });
    expect(d.status).toBe('services_suspended');
    expect(d.history[0]).toMatchObject({ status: 'services_suspended', noticeText: expect.stringContaining('暂停办理'), orderedByName: 'hhg' });
    await expect(setStatus(as(hhg), inst.id, { status: 'closed', reason: '测试', plannedEnd: '2000-01-01' })).rejects.toMatchObject({ code: 'PLANNED_END_BEFORE_START' });
    const list = await listInstitutions(as(hhg), { status: 'services_suspended', page: 1, pageSize: 20 });
    expect(list.items.map((i) => i.id)).toEqual([inst.id]);
  });
});

describe('status in SQL', () => {
  it('equals statusOn() for random event histories and days', async () => {
    const inst = await createInstitution(as(hhg), sample({ name: '历史测试养老院' }));
    const BASE = '2022-08-01';
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ status: fc.constantFrom(...INSTITUTION_STATUSES), offset: fc.integer({ min: 0, max: 30 }) }), { maxLength: 8 }),
        fc.array(fc.integer({ min: -2, max: 32 }), { minLength: 1, maxLength: 6 }),
        async (events, days) => {
          await database.db.delete(institutionStatusEvents).where(eq(institutionStatusEvents.institutionId, inst.id));
          const inserted = [];
          for (const e of events) {
            const [row] = await database.db
              .insert(institutionStatusEvents)
              .values({ id: crypto.randomUUID(), institutionId: inst.id, status: e.status, effectiveFrom: addDays(BASE, e.offset), reason: 't', orderedByName: 't', createdAt: new Date() })
              .returning();
            inserted.push(row!);
          }
          for (const offset of days) {
            const day = addDays(BASE, offset);
            const [got] = await database.db.select({ s: statusOnSql(day) }).from(institutions).where(eq(institutions.id, inst.id));
            expect(got!.s).toBe(statusOn(inserted, day, '2000-01-01'));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
