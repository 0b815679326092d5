import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../db/client';
import { deriveSecrets } from '../core/crypto';
import type { Ctx } from '../core/context';
import { actorOf } from '../core/context';
import type { Role } from '../../common/enums';
import { COUNTRY_CODE } from '../../common/region-code';
import { regionsDownToTowns } from '../modules/regions/regions.source';
import { regions } from '../db/schema/regions';

export const testSecrets = deriveSecrets('test-secret-key-for-fangxian-suite');

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again by close()).
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openPglite(null);
    await database.migrate();
    return database;
  }
  const fresh = await freshPostgresDatabase(url);
  const database = openPostgres(fresh.url);
  await database.migrate();
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    await fresh.drop();
  };
  return database;
}

/** An empty database on the server of `url`, and a way to drop it. */
export async function freshPostgresDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `fx_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const guizhouAndGansu = regionsDownToTowns(['52', '62']);

/** Country, provinces ... towns of Guizhou (52) and Gansu (62): enough for every scope test, loaded in a blink. */
export async function seedTestRegions(database: Database): Promise<void> {
  for (let i = 0; i < guizhouAndGansu.length; i += 1_000) {
    await database.db.insert(regions).values(guizhouAndGansu.slice(i, i + 1_000)).onConflictDoNothing();
  }
}

export function ctxFor(
  database: Database,
  actor?: { id: string; username: string; name?: string; role: Role; regionCode: string; institutionId?: string | null } | null,
): Ctx {
  return {
    db: database.db,
    secrets: testSecrets,
    actor: actor ? actorOf({ name: actor.username, ...actor }) : null,
    ip: '127.0.0.1',
    requestId: 'test',
    now: () => new Date(),
  };
}

export const SYSTEM = { id: '00000000-0000-0000-0000-000000000000', username: 'system', role: 'system_admin' as Role, regionCode: COUNTRY_CODE };
