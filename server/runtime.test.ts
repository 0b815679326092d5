import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db/client';
import { embeddedSizeWarning, EMBEDDED_RECOMMENDED_INSTITUTIONS } from './runtime';
import { seedTestRegions, testDatabase } from './test/db';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
});
afterAll(async () => {
  await database.close();
});

const addInstitutions = (from: number, to: number) =>
  database.db.execute(sql`insert into institutions (id, name, name_key, type, region_code, address, beds, residents, houses_tekun, staff,
      responsible_person, responsible_phone, registered_on, created_at, updated_at)
    select gen_random_uuid(), '测试机构' || g, '测试机构' || g, 'elderly_care', '520302001000', '测试地址', 50, 40, true, 10,
      '张三', '13800000000', date '2020-01-01', now(), now()
    from generate_series(${from}::int, ${to}::int) g`);

describe('embedded database size warning at start', () => {
  it('warns on PGlite only above the recommended number of institutions', async () => {
    await addInstitutions(1, EMBEDDED_RECOMMENDED_INSTITUTIONS);
    const atLimit = await embeddedSizeWarning(database);
    await addInstitutions(EMBEDDED_RECOMMENDED_INSTITUTIONS + 1, EMBEDDED_RECOMMENDED_INSTITUTIONS + 1);
    const above = await embeddedSizeWarning(database);
    if (database.kind === 'postgres') {
      // On PostgreSQL there is nothing to warn about, whatever the size.
      expect([atLimit, above]).toEqual([null, null]);
      return;
    }
    expect(atLimit).toBeNull();
    expect(above).toContain(`已有 ${EMBEDDED_RECOMMENDED_INSTITUTIONS + 1} 家机构`);
    expect(above).toContain('DATABASE_URL');
  });
});
