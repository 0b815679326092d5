import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DataDirLockedError, openPglite, openPostgres, preparedRows, rows } from './client';
import { testApp } from '../test/http';
import { freshPostgresDatabase } from '../test/db';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'fx-client-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('embedded PGlite data dir', () => {
  it('is refused to a second opener at once, and reopens with its data after close', async () => {
    const dir = tempDir();
    const first = await openPglite(dir);
    await first.db.execute(sql`create table kept (v int)`);
    await first.db.execute(sql`insert into kept values (42)`);
    const started = Date.now();
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await first.close();
    const again = await openPglite(dir);
    expect(await rows<{ v: number }>(again.db, sql`select v from kept`)).toEqual([{ v: 42 }]);
    await again.close();
  });

  it('refuses a second process with a clear message', async () => {
    const dir = tempDir();
    const holder = await openPglite(dir);
    try {
      const res = await run(process.execPath, [join(ROOT, 'bin', 'fangxian.mjs'), 'migrate'], {
        env: { ...process.env, FANGXIAN_DATA_DIR: dir, DATABASE_URL: '' },
        timeout: 30_000,
      }).catch((e: { code: number; stderr: string }) => e);
      expect((res as { code: number }).code).toBe(1);
      expect((res as { stderr: string }).stderr).toContain('正被另一个 Fangxian 进程使用');
    } finally {
      await holder.close();
    }
  });

  it('seeds the demo once: a second seed changes nothing', async () => {
    const dir = tempDir();
    const env = { ...process.env, FANGXIAN_DATA_DIR: dir, DATABASE_URL: '', FANGXIAN_SECRET_KEY: '' };
    const cli = (...args: string[]) => run(process.execPath, [join(ROOT, 'bin', 'fangxian.mjs'), ...args], { env, timeout: 120_000 });
    const first = await cli('seed');
    expect(first.stdout).toContain('hhg_officer');
    expect(first.stdout).toMatch(/town 41351/);
    const second = await cli('seed');
    expect(second.stdout).toContain('未写入演示数据');
    const verify = await cli('audit', 'verify');
    expect(verify.stdout).toContain('audit chain intact');
  });
});

/** A loopback TCP proxy that can drop every connection, standing in for a PostgreSQL restart. */
function proxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const start = (port = 0) =>
    new Promise<number>((ok) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => ok((server!.address() as { port: number }).port));
    });
  const stop = () =>
    new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      if (server) server.close(() => ok());
      else ok();
    });
  return { start, stop };
}

describe.runIf(!!process.env.TEST_DATABASE_URL)('PostgreSQL connection loss', () => {
  it('does not crash: /readyz reports the outage, API calls get 503, and it recovers', async () => {
    const fresh = await freshPostgresDatabase(process.env.TEST_DATABASE_URL!);
    const target = new URL(fresh.url);
    const p = proxy(Number(target.port || 5432));
    const port = await p.start();
    const via = new URL(target);
    via.host = `127.0.0.1:${port}`;
    const database = openPostgres(via.toString());
    await database.migrate();
    const app = await testApp(database);
    try {
      expect((await app.inject('/readyz')).statusCode).toBe(200);
      await p.stop();
      const down = await app.inject('/readyz');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ database: 'down' });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
      expect(login.statusCode).toBe(503);
      expect(login.json().code).toBe('DB_UNAVAILABLE');
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      await p.start(port);
      let ready = 0;
      for (let i = 0; i < 50 && ready !== 200; i++) {
        ready = (await app.inject('/readyz')).statusCode;
        if (ready !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toBe(200);
    } finally {
      await app.close();
      await database.close();
      await p.stop();
      await fresh.drop();
    }
  });
});

describe('preparedRows', () => {
  it('answers like rows on PGlite (no named statements there)', async () => {
    const database = await openPglite(tempDir());
    try {
      const query = (n: number) => sql`select ${n}::int + 1 as v`;
      expect(await preparedRows<{ v: number }>(database.db, query(1))).toEqual([{ v: 2 }]);
      expect(await preparedRows<{ v: number }>(database.db, query(41))).toEqual(await rows<{ v: number }>(database.db, query(41)));
    } finally {
      await database.close();
    }
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('prepares the text once per PostgreSQL connection and binds new values each time', async () => {
    const fresh = await freshPostgresDatabase(process.env.TEST_DATABASE_URL!);
    const database = openPostgres(fresh.url);
    try {
      const names = await database.db.transaction(async (tx) => {
        for (const n of [1, 2, 3]) expect(await preparedRows<{ v: number }>(tx, sql`select ${n}::int * 10 as v`)).toEqual([{ v: n * 10 }]);
        return rows<{ name: string; statement: string }>(tx, sql`select name, statement from pg_prepared_statements where name like 'fx_%'`);
      });
      expect(names).toHaveLength(1);
      expect(names[0]!.statement).toBe('select $1::int * 10 as v');
    } finally {
      await database.close();
      await fresh.drop();
    }
  });
});
