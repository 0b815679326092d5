import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** One Drizzle API over both drivers; a transaction handle has the same type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** For PGlite: the raw handle (backups, benchmarks). */
  pglite?: PGlite;
}

export const MIGRATIONS_DIR = resolve(import.meta.dirname, 'migrations');

export class DataDirLockedError extends Error {
  constructor(dir: string) {
    super(
      `数据目录 ${dir} 正被另一个 Fangxian 进程使用 (PGlite 只允许一个进程打开)。请先停止该进程，` +
        `或设置 DATABASE_URL 使用 PostgreSQL。\nThe data dir ${dir} is in use by another Fangxian process.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** PGlite in `<dataDir>/pg`, locked against a second process; or in memory when dataDir is null. */
export async function openPglite(dataDir: string | null): Promise<Database> {
  let release: (() => Promise<void>) | null = null;
  let client: PGlite;
  if (dataDir) {
    const dir = resolve(dataDir);
    mkdirSync(join(dir, 'pg'), { recursive: true });
    try {
      release = await lockfile.lock(join(dir, 'pg'), {
        lockfilePath: join(dir, 'pg.lock'),
        stale: 10_000,
        retries: 0,
        onCompromised: (err) => console.error('PGlite data dir lock compromised:', err.message),
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dir);
      throw err;
    }
    client = await PGlite.create({ dataDir: join(dir, 'pg') });
  } else {
    client = await PGlite.create();
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    ping: async () => {
      await client.query('select 1');
    },
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder: MIGRATIONS_DIR }),
    close: async () => {
      if (!client.closed) await client.close();
      if (release) await release().catch(() => undefined);
    },
  };
}

export function openPostgres(url: string, onError: (err: Error) => void = () => undefined): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // Without this listener a restarted server kills the process (node-postgres emits 'error' on idle clients).
  pool.on('error', onError);
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    migrate: () => migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder: MIGRATIONS_DIR }),
    close: () => pool.end(),
  };
}

export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string | null;
  onError?: (err: Error) => void;
}): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.onError) : openPglite(opts.dataDir);
}

/** Rows of a raw query, whichever driver answered. */
export async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** The parts of a Drizzle database handle that `preparedRows` uses (public on the object, internal in the types). */
interface Internals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: false): { execute(): Promise<unknown> } };
}

/**
 * `rows` as a named prepared statement: on PostgreSQL each connection parses and plans the text once
 * and then only binds and runs it (PGlite runs it as usual). For the statements of the hot write path,
 * whose text never changes (the data travel as parameters). The name is a hash of the text, so two texts
 * never share one. Needs direct connections, or a pooler that keeps prepared statements (PgBouncer ≥ 1.21
 * with max_prepared_statements).
 */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as Internals;
  const built = dialect.sqlToQuery(query);
  const name = `fx_${createHash('sha1').update(built.sql).digest('hex').slice(0, 24)}`;
  const res = (await session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return res.rows;
}
