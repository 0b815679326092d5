import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../common/enums';
import { isRegionCode } from '../common/region-code';
import { buildApp, DEFAULT_WEB_ROOT } from './app';
import { verifyAuditChain } from './core/audit';
import { AppError } from './core/errors';
import { DataDirLockedError, type Database } from './db/client';
import { existingDemoAccounts, formatAccounts, isSeeded, seedDemo } from './db/seed/demo';
import { loadEnv, type Env } from './env';
import { importRegions } from './modules/regions/regions.service';
import { createUser } from './modules/users/users.service';
import { embeddedSizeWarning, openFromEnv, resolveSecret, systemCtx } from './runtime';
import { startScheduler, type Scheduler } from './jobs/scheduler';

const ROOT = resolve(import.meta.dirname, '..');

const USAGE = `用法 (usage): fangxian <command>
  start                       构建网页(如需)、迁移、首次启动时写入演示数据、启动服务
  serve                       迁移并启动服务 (不写演示数据)
  migrate                     执行数据库迁移
  seed                        在空数据库中写入演示数据
  regions import [--villages] [--province 52]
                              导入统计用区划代码 (默认到乡镇级)
  users create --username U --password P --role ROLE --region CODE [--name 姓名]
  audit verify                校验审计日志哈希链`;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when dist/web is missing or older than its sources. */
function buildWebIfNeeded(): void {
  const index = join(DEFAULT_WEB_ROOT, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'web')), newestMtime(join(ROOT, 'common')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('正在构建网页 (building the web app) ...');
  const res = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('网页构建失败 (web build failed)');
}

async function withDatabase<T>(env: Env, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openFromEnv(env);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function serve(env: Env, seed: boolean): Promise<void> {
  const secrets = resolveSecret(env);
  const database = await openFromEnv(env, (err) => console.error(`数据库连接错误 (database connection error): ${err.message}`));
  await database.migrate();
  const ctx = systemCtx(database, secrets);
  if (seed && !(await isSeeded(ctx))) {
    console.log('首次启动，正在写入演示数据 (seeding the demo) ...');
    await seedDemo(ctx);
  }
  const tooBig = await embeddedSizeWarning(database);
  if (tooBig) console.warn(tooBig);
  const app = await buildApp({
    database,
    secrets,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    cookieSecure: env.COOKIE_SECURE,
    logLevel: env.LOG_LEVEL,
  });
  let closing = false;
  let scheduler: Scheduler | null = null;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await scheduler?.stop();
    await app.close();
    await database.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: env.PORT, host: env.HOST });
  scheduler = startScheduler(database, secrets, app.log);
  const url = `http://${env.HOST}:${(app.server.address() as { port: number }).port}`;
  console.log(`\nFangxian 防线 已启动 (running): ${url}`);
  console.log(`数据库 (database): ${database.kind === 'pglite' ? `PGlite ${resolve(env.FANGXIAN_DATA_DIR)}` : 'PostgreSQL'}`);
  const demo = await existingDemoAccounts(ctx);
  if (demo.length > 0) console.log(formatAccounts(demo));
  console.log(`接口文档 (API docs): ${url}/api/docs\n`);
}

async function main(argv: string[]): Promise<void> {
  const env = loadEnv();
  const [command, sub] = argv;
  switch (command) {
    case 'start':
      buildWebIfNeeded();
      return serve(env, true);
    case 'serve':
      return serve(env, false);
    case 'migrate':
      return withDatabase(env, async (db) => {
        await db.migrate();
        console.log('迁移完成 (migrations applied)');
      });
    case 'seed':
      return withDatabase(env, async (db) => {
        await db.migrate();
        const ctx = systemCtx(db, resolveSecret(env));
        if (await isSeeded(ctx)) return console.log('数据库已有数据，未写入演示数据 (not empty; nothing seeded)');
        await seedDemo(ctx);
        console.log(formatAccounts(await existingDemoAccounts(ctx)));
      });
    case 'regions': {
      if (sub !== 'import') break;
      const { values } = parseArgs({ args: argv.slice(2), options: { villages: { type: 'boolean' }, province: { type: 'string', multiple: true } } });
      return withDatabase(env, async (db) => {
        await db.migrate();
        const provinces = values.province?.flatMap((p) => p.split(','));
        if (provinces?.some((p) => !/^\d{2,9}$/.test(p))) throw new Error('--province 须为区划代码前缀，例如 52');
        const started = Date.now();
        const counts = await importRegions(systemCtx(db, resolveSecret(env)), { villages: values.villages ?? false, ...(provinces ? { provinces } : {}) });
        console.log('行政区划导入完成 (regions imported):');
        for (const [level, n] of Object.entries(counts)) console.log(`  ${level.padEnd(9)} ${n}`);
        console.log(`  用时 ${((Date.now() - started) / 1000).toFixed(1)} s`);
      });
    }
    case 'users': {
      if (sub !== 'create') break;
      const { values } = parseArgs({
        args: argv.slice(2),
        options: { username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' }, name: { type: 'string' } },
      });
      const { username, password, role, region } = values;
      if (!username || !password || !role || !region) throw new Error('须提供 --username --password --role --region');
      if (!ROLES.includes(role as Role)) throw new Error(`未知角色 ${role}; 可选: ${ROLES.join(', ')}`);
      if (!isRegionCode(region)) throw new Error('--region 须为 12 位区划代码');
      return withDatabase(env, async (db) => {
        await db.migrate();
        const user = await createUser(systemCtx(db, resolveSecret(env)), { username, password, role: role as Role, regionCode: region, name: values.name ?? username });
        console.log(`已创建用户 (created) ${user.username} ${user.role} ${user.regionName}; 首次登录须修改密码`);
      });
    }
    case 'audit': {
      if (sub !== 'verify') break;
      return withDatabase(env, async (db) => {
        const started = Date.now();
        const res = await verifyAuditChain(db.db, resolveSecret(env).auditKey);
        const secs = (Date.now() - started) / 1000;
        if (res.ok) {
          console.log(`审计链完整 (audit chain intact): ${res.checked} 行, ${secs.toFixed(2)} s`);
        } else {
          console.log(`审计链断裂 (audit chain BROKEN) 于第 ${res.firstBrokenSeq} 行: ${res.reason} (已校验 ${res.checked} 行)`);
          process.exitCode = 1;
        }
      });
    }
    default:
      break;
  }
  console.log(USAGE);
  if (command && command !== 'help') process.exitCode = 2;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof DataDirLockedError) console.error(err.message);
  else if (err instanceof AppError) console.error(`${err.code}: ${err.message}${err.details ? ' ' + JSON.stringify(err.details) : ''}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
