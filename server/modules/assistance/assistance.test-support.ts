import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../common/enums';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { regions } from '../../db/schema/regions';
import { seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session } from '../../test/http';

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

/** Where a test user works: a region code, or 'FG_TOWN' for the first town of FG_COUNTY. */
export type WorldUser = { username: string; role: Role; region: string };

/**
 * A database with the seeded regions, the given users signed in (sessions in the same order), and ¥50,000
 * allocated to TOWN and to FG_TOWN by the first county officer of each county among them.
 */
export async function assistanceWorld(users: WorldUser[]): Promise<{ database: Database; app: FastifyInstance; fgTown: string; sessions: Session[] }> {
  const database = await testDatabase();
  await seedTestRegions(database);
  const fgTown = await firstTown(database, FG_COUNTY);
  for (const u of users) await makeUser(database, { username: u.username, role: u.role, regionCode: u.region === 'FG_TOWN' ? fgTown : u.region });
  const app = await testApp(database);
  const sessions = await Promise.all(users.map((u) => login(app, u.username)));
  for (const [county, town] of [[COUNTY, TOWN], [FG_COUNTY, fgTown]] as const) {
    const i = users.findIndex((u) => u.role === 'officer' && u.region === county);
    const res = await call(app, sessions[i]!, 'POST', '/api/assistance/funds/allocate', { townCode: town, amountFen: 5_000_000 });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  return { database, app, fgTown, sessions };
}

/** The audit rows of one action. */
export const auditsOf = (database: Database, action: string) => database.db.select().from(auditLog).where(eq(auditLog.action, action));
