import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Env } from './env';
import { openDatabase, type Database } from './db/client';
import { deriveSecrets, type Secrets } from './core/crypto';
import { COUNTRY_CODE } from '../common/region-code';
import type { Ctx } from './core/context';

/**
 * The master secret: FANGXIAN_SECRET_KEY, or for the embedded database a key generated once into the
 * data dir. PostgreSQL deployments must set it (every process must share it).
 */
export function resolveSecret(env: Env, log: (line: string) => void = console.log): Secrets {
  if (env.FANGXIAN_SECRET_KEY) return deriveSecrets(env.FANGXIAN_SECRET_KEY);
  if (env.DATABASE_URL) {
    throw new Error('使用 PostgreSQL 时必须设置 FANGXIAN_SECRET_KEY (至少 16 个字符)。FANGXIAN_SECRET_KEY is required with DATABASE_URL.');
  }
  const dir = resolve(env.FANGXIAN_DATA_DIR);
  const file = join(dir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    log(`已生成密钥 ${file} (generated the secret key; back it up with the data dir, set FANGXIAN_SECRET_KEY to override)`);
  }
  return deriveSecrets(readFileSync(file, 'utf8').trim());
}

export async function openFromEnv(env: Env, onError?: (err: Error) => void): Promise<Database> {
  return openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.FANGXIAN_DATA_DIR, ...(onError ? { onError } : {}) });
}

/** The actor of commands run on the server machine itself (CLI, jobs, seeding). */
export function systemCtx(database: Database, secrets: Secrets): Ctx {
  return {
    db: database.db,
    secrets,
    actor: {
      userId: '00000000-0000-0000-0000-000000000000',
      username: 'cli',
      name: '命令行',
      role: 'system_admin',
      regionCode: COUNTRY_CODE,
      scope: '',
      institutionId: null,
    },
    ip: null,
    requestId: null,
    now: () => new Date(),
  };
}

/** Institutions up to which the embedded database is recommended (docs/performance.md, `embedded`). */
export const EMBEDDED_RECOMMENDED_INSTITUTIONS = 2_000;

/**
 * On PGlite, the warning to print at start when the registry has outgrown the embedded database
 * (one process, one query at a time); null when it has not, or on PostgreSQL.
 */
export async function embeddedSizeWarning(database: Database): Promise<string | null> {
  if (database.kind !== 'pglite') return null;
  const res = (await database.db.execute(sql`select count(*)::int as n from institutions`)) as unknown as { rows: { n: number }[] };
  const n = Number(res.rows[0]?.n ?? 0);
  if (n <= EMBEDDED_RECOMMENDED_INSTITUTIONS) return null;
  return (
    `注意：嵌入式数据库 (PGlite) 中已有 ${n} 家机构，超过建议的 ${EMBEDDED_RECOMMENDED_INSTITUTIONS} 家；` +
    `请设置 DATABASE_URL 改用 PostgreSQL (见 docs/operations.md)。` +
    `\nWarning: ${n} institutions in the embedded database, above the recommended ${EMBEDDED_RECOMMENDED_INSTITUTIONS}; use PostgreSQL (DATABASE_URL).`
  );
}
