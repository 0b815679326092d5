import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { regions } from '../../db/schema/regions';

/** 红花岗区 and one of its towns, where the assistance tests pay from. */
export const COUNTY = '520302000000';
export const TOWN = '520302001000';
/** Another county of 遵义 (凤冈县), for the scope and cross-county tests. */
export const FG_COUNTY = '520327000000';

/** A grant request body for the tests: ¥1,500 for a family of three in TOWN, with overrides. */
export const grantBody = (over: Record<string, unknown> = {}) => ({
  regionCode: TOWN,
  recipientName: '刘桂兰',
  recipientPhone: '13985012345',
  householdSize: 3,
  reason: 'illness',
  amountFen: 150_000,
  ...over,
});

/** The first town of a county in the seeded regions. */
export async function firstTown(database: Database, countyCode: string): Promise<string> {
  const [t] = await database.db
    .select({ code: regions.code })
    .from(regions)
    .where(and(eq(regions.parentCode, countyCode), eq(regions.level, 'town')))
    .orderBy(regions.code)
    .limit(1);
  return t!.code;
}
