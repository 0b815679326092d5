/**
 * `ingest` (issue 4, benchmark B1): one day's submissions of every institution on top of 30 days of
 * history, each authenticated (a real officer's actor), validated (the route's zod contract, then the
 * service's own checks), audited and idempotent (an Idempotency-Key each), through the service verb
 * submitReport with OPEN-LOOP arrival: a fixed schedule of arrivals independent of completions, latency
 * measured from each scheduled arrival. Peer in the same run: pgbench single-row upserts of the same row
 * shape into the same table at BENCH_CLIENTS concurrency. Prints the machine, PostgreSQL settings, both
 * figures and the ratio; counts the rows afterwards (lost, duplicated).
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { addDays, businessDay } from '../common/business-day';
import { SubmitReportInput } from '../common/contracts/daily-reports';
import { verifyAuditChain } from '../server/core/audit';
import type { Ctx } from '../server/core/context';
import { MIGRATIONS_DIR, openPostgres, rows, type Database } from '../server/db/client';
import { setDeadline, submitReport } from '../server/modules/daily-reports/daily-reports.service';
import { ctxFor, seedTestRegions } from '../server/test/db';
import { makeUser } from '../server/test/http';
import { machineFacts, percentile } from './machine';

const N = Number(process.env.BENCH_INSTITUTIONS ?? 450_000);
const HISTORY_DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 20);
/** Arrivals per second; by default the target, 1.5 times what pgbench measured in this run. */
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : null;
const VERIFY_CHAIN = process.env.BENCH_VERIFY_CHAIN !== '0';
const CHECKLIST = { closedManagement: true, noFever: true, noNewAdmissions: true };

/** The deterministic (version 4 shaped) id of benchmark institution n; ID_SQL is the same in SQL. */
function institutionId(n: number): string {
  const h = createHash('md5').update(`fx-inst-${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}
const ID_SQL = (n: string) => `overlay(overlay(md5('fx-inst-' || ${n}) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;

const seconds = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

async function pgSettings(database: Database): Promise<string> {
  const names = ['server_version', 'shared_buffers', 'max_parallel_workers_per_gather', 'fsync', 'synchronous_commit', 'wal_level', 'max_wal_size', 'work_mem'];
  const got = await rows<{ name: string; setting: string }>(
    database.db,
    sql`select name, current_setting(name) as setting from pg_settings where name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)}) order by name`,
  );
  return got.map((g) => `${g.name}=${g.setting}`).join(', ');
}

/** Institutions and history with INSERT … SELECT generate_series (not through the service). */
async function setUp(database: Database, day: string, officerId: string): Promise<void> {
  const db = database.db;
  let t = performance.now();
  await db.execute(sql`insert into institutions (id, name, name_key, type, region_code, address, beds, residents, houses_tekun, staff,
      responsible_person, responsible_phone, registered_on, created_at, updated_at)
    select ${sql.raw(ID_SQL('n'))}, '基准机构' || n, '基准机构' || n, 'elderly_care', t.a[1 + n % array_length(t.a, 1)], '测试地址', 50, 40, true, 10,
      '张三', '13800000000', '2020-01-01', now(), now()
    from generate_series(1, ${N}) n, (select array_agg(code order by code) a from regions where level = 'town') t`);
  console.log(`setup: ${N} institutions in ${seconds(t)} s`);
  t = performance.now();
  // The history is loaded without the table's indexes, which are then built once (sorted), as a restore would.
  const indexes = await rows<{ def: string }>(db, sql`select indexdef as def from pg_indexes where tablename = 'daily_reports' and indexname <> 'daily_reports_pkey'`);
  const fks = await rows<{ tbl: string; name: string; def: string }>(
    db,
    sql`select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint where confrelid = 'daily_reports'::regclass`,
  );
  await db.execute(sql`alter table daily_reports drop constraint daily_reports_pkey cascade`);
  for (const i of indexes) await db.execute(sql.raw(`drop index ${/ INDEX (\S+) ON /.exec(i.def)![1]}`));
  const days = Array.from({ length: HISTORY_DAYS }, (_, k) => addDays(day, -HISTORY_DAYS + k));
  const load = async (part: string[]) => {
    for (const d of part)
      await db.execute(sql`insert into daily_reports (id, institution_id, region_code, day, kind, figures, checklist, signer, submitted_at, submitted_by_id,
          submitted_by_name, on_behalf, deadline, on_time, official_kind, official_figures)
        select gen_random_uuid(), i.id, i.region_code, ${d}::date, k.kind::report_kind, k.figures, k.checklist, '值班员', (${d}::date + time '10:00') at time zone 'Asia/Shanghai',
          ${officerId}::uuid, '基准测试', true, (${d}::date + time '17:30') at time zone 'Asia/Shanghai', true, k.kind::report_kind, k.figures
        from institutions i cross join lateral (select case when hashtext(i.id::text) % 3 = 0 then 'report' else 'zero' end as kind) p
        cross join lateral (select p.kind, case when p.kind = 'report' then ${JSON.stringify(figures(0))}::jsonb end as figures,
          case when p.kind = 'zero' then ${JSON.stringify(CHECKLIST)}::jsonb end as checklist) k`);
  };
  await Promise.all([load(days.filter((_, k) => k % 2 === 0)), load(days.filter((_, k) => k % 2 === 1))]);
  const loaded = performance.now();
  await db.execute(sql`alter table daily_reports add constraint daily_reports_pkey primary key (id)`);
  await Promise.all(indexes.map((i) => db.execute(sql.raw(i.def))));
  for (const f of fks) await db.execute(sql.raw(`alter table ${f.tbl} add constraint ${f.name} ${f.def}`));
  const indexed = performance.now();
  await db.execute(sql`vacuum analyze daily_reports`);
  await db.execute(sql`vacuum analyze institutions`);
  await db.execute(sql`checkpoint`);
  console.log(
    `setup: ${N * HISTORY_DAYS} history rows (${HISTORY_DAYS} days) loaded in ${((loaded - t) / 1000).toFixed(1)} s, indexed in ${((indexed - loaded) / 1000).toFixed(1)} s, vacuumed and checkpointed in ${seconds(indexed)} s`,
  );
}

function figures(n: number) {
  return { residentsPresent: 40 + (n % 7), staffOnSite: 10, staffLivingIn: 8, admissions: 0, discharges: 0, temperatureChecks: 50, feverCount: n % 11 === 0 ? 1 : 0, suspectedCases: 0, confirmedCases: 0, isolatedCount: 0, testsDone: 50, positives: 0, disinfectionDone: true, visitorsRefused: n % 3 };
}

/** pgbench, single-row upserts of the same row shape (a day of its own), CLIENTS clients. */
function pgbench(url: string, day: string, officerId: string): { tps: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fx-pgbench-'));
  try {
    const script = join(dir, 'upsert.sql');
    writeFileSync(
      script,
      `\\set i random(1, ${N})
insert into daily_reports (id, institution_id, region_code, day, kind, figures, checklist, signer, submitted_at, submitted_by_id, submitted_by_name, on_behalf, deadline, on_time, official_kind, official_figures)
values (gen_random_uuid(), ${ID_SQL(':i')}, '520102001000', '${day}', 'zero', null, '${JSON.stringify(CHECKLIST)}', '值班员', now(), '${officerId}', '基准测试', true, now() + interval '1 day', true, 'zero', null)
on conflict (institution_id, day) do update set submitted_at = excluded.submitted_at, signer = excluded.signer;
`,
    );
    const u = new URL(url);
    const output = execFileSync(
      '/usr/bin/pgbench',
      ['-h', u.searchParams.get('host') ?? u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), '-n', '-c', String(CLIENTS), '-j', '2', '-T', String(PGBENCH_SECONDS), '-r', '-f', script, u.pathname.slice(1)],
      { encoding: 'utf8', cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN);
    return { tps, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface IngestFigures {
  rate: number;
  accepted: number;
  refused: Map<string, number>;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  meanInFlight: number;
  ids: string[];
}

/** Open loop: submission i is due at start + i / rate, whatever happened to the ones before it. */
async function ingest(day: string, rate: number, ctxOf: (i: number) => Ctx): Promise<IngestFigures> {
  const latency = new Float64Array(N);
  const ids: string[] = [];
  const refused = new Map<string, number>();
  let next = 0;
  let done = 0;
  let inFlightArea = 0;
  const start = performance.now() + 20;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < N && start + (next * 1000) / rate <= now) {
        const i = next++;
        const due = start + (i * 1000) / rate;
        const n = i + 1;
        const body = n % 3 === 0 ? { institutionId: institutionId(n), date: day, kind: 'report', figures: figures(n) } : { institutionId: institutionId(n), date: day, kind: 'zero', signer: '值班员', checklist: CHECKLIST };
        Promise.resolve()
          .then(() => submitReport(ctxOf(n), SubmitReportInput.parse(body), `bench-${day}-${n}`))
          .then(
            (a) => ids.push(a.body.id),
            (err: { code?: string; name?: string }) => {
              const why = err.code ?? err.name ?? 'error';
              refused.set(why, (refused.get(why) ?? 0) + 1);
            },
          )
          .finally(() => {
            const end = performance.now();
            latency[i] = end - due;
            inFlightArea += end - due;
            if (++done === N) resolve();
          });
      }
      if (next < N) setTimeout(tick, 1);
    };
    tick();
  });
  const elapsed = (performance.now() - start) / 1000;
  const sorted = Array.from(latency).sort((a, b) => a - b);
  return {
    rate,
    accepted: ids.length,
    refused,
    perSecond: ids.length / elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
    meanInFlight: inFlightArea / 1000 / elapsed,
    ids,
  };
}

/** Runs one statement on the server's maintenance connection (create / drop database). */
async function admin(url: string, statement: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(statement)).rows as unknown[];
  } finally {
    await c.end();
  }
}

const withDb = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

/**
 * The history is built once per (schema, size, day) into a template database; every run measures a
 * fresh database cloned from it (CREATE DATABASE … TEMPLATE). BENCH_REBUILD=1 builds it again.
 */
async function templateFor(url: string, day: string): Promise<{ name: string; built: boolean }> {
  const journal = readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8');
  // One template per size is kept (a 50,000 one for quick runs next to the full one); a stale one of the same size is dropped.
  const name = `fx_bench_ingest_${N}_${createHash('sha256').update(`${journal}|${N}|${HISTORY_DAYS}|${day}`).digest('hex').slice(0, 12)}`;
  const existing = (await admin(url, `select datname from pg_database where datname like 'fx_bench_ingest_${N}_%'`)) as Array<{ datname: string }>;
  for (const e of existing) if (e.datname !== name || process.env.BENCH_REBUILD === '1') await admin(url, `drop database ${e.datname} with (force)`);
  if (existing.some((e) => e.datname === name) && process.env.BENCH_REBUILD !== '1') return { name, built: false };
  await admin(url, `create database ${name}`);
  const database = openPostgres(withDb(url, name));
  try {
    await database.migrate();
    await seedTestRegions(database);
    const national = await makeUser(database, { username: 'bench_national', role: 'officer', regionCode: '000000000000' });
    await setDeadline(ctxFor(database, national), '000000000000', '23:59');
    await setUp(database, day, national.id);
  } catch (err) {
    await database.close();
    await admin(url, `drop database if exists ${name} with (force)`);
    throw err;
  }
  await database.close();
  return { name, built: true };
}

export async function ingestBench(): Promise<void> {
  console.log(machineFacts());
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const day = businessDay(new Date());
  const started = performance.now();
  const template = await templateFor(url, day);
  const fresh = `fx_test_${randomBytes(6).toString('hex')}`;
  // FILE_COPY copies the template's files (after a checkpoint) instead of writing all 4.5 GB to the WAL.
  await admin(url, `create database ${fresh} template ${template.name} strategy file_copy`);
  const freshUrl = withDb(url, fresh);
  const database = openPostgres(freshUrl);
  try {
    console.log(`PostgreSQL at ${new URL(url).searchParams.get("host") ?? new URL(url).host}: ${await pgSettings(database)}`);
    console.log(`workload: ${N} institutions, ${HISTORY_DAYS} days of history, then one submission per institution for today (1/3 reports with figures, 2/3 zero reports), open loop; pgbench peer with ${CLIENTS} clients for ${PGBENCH_SECONDS} s`);
    console.log(`database: fresh ${fresh}, cloned from ${template.name} (${template.built ? 'built in this run' : 'built by an earlier run'}) in ${seconds(started)} s\n`);
    await database.db.execute(sql`checkpoint`);
    const [national] = await rows<{ id: string; username: string; role: 'officer'; regionCode: string }>(
      database.db,
      sql`select id, username, role, region_code as "regionCode" from users where username = 'bench_national'`,
    );
    if (!national) throw new Error('the template has no bench_national user');
    // A real officer of each city submits on behalf of (代报) the institutions of that city.
    const cities = await rows<{ code: string }>(database.db, sql`select code from regions where level = 'city' order by code`);
    const officers = new Map<string, Ctx>();
    for (const c of cities) officers.set(c.code.slice(0, 4), ctxFor(database, await makeUser(database, { username: `bench_${c.code.slice(0, 4)}_${randomUUID().slice(0, 6)}`, role: 'officer', regionCode: c.code })));
    const regionOf = await rows<{ n: number; region: string }>(database.db, sql`select n, region_code as region from institutions i join generate_series(1, ${N}) n on i.id = ${sql.raw(ID_SQL('n'))}`);
    const cityOf = new Array<string>(N + 1);
    for (const r of regionOf) cityOf[r.n] = r.region.slice(0, 4);
    let requestNo = 0;
    const ctxOf = (n: number): Ctx => ({ ...officers.get(cityOf[n]!)!, requestId: `bench-${++requestNo}`, now: () => new Date() });

    const peer = pgbench(freshUrl, addDays(day, 1), national.id);
    console.log(`pgbench: ${peer.tps.toFixed(0)} single-row upserts/s (-n -c ${CLIENTS} -j 2 -T ${PGBENCH_SECONDS})`);
    await database.db.execute(sql`checkpoint`);
    const rate = RATE ?? Math.ceil(peer.tps * 1.5);
    console.log(`ingest: ${N} submissions arriving at ${rate}/s (${(N / rate).toFixed(1)} s of arrivals)`);
    const t = performance.now();
    const f = await ingest(day, rate, ctxOf);
    console.log(`ingest: finished in ${seconds(t)} s`);

    const [counts] = await rows<{ total: number; distinct: number; matched: number; audited: number }>(
      database.db,
      sql`select (select count(*)::int from daily_reports where day = ${day}) as total,
        (select count(distinct institution_id)::int from daily_reports where day = ${day}) as distinct,
        (select count(*)::int from daily_reports r join jsonb_array_elements_text(${JSON.stringify(f.ids)}::jsonb) j on r.id = j::uuid) as matched,
        (select count(*)::int from audit_log where action = 'daily_report.submit') as audited`,
    );
    const lost = f.accepted - counts!.matched;
    const duplicated = counts!.total - counts!.distinct;
    let chain = 'not verified (BENCH_VERIFY_CHAIN=0)';
    if (VERIFY_CHAIN) {
      const v = performance.now();
      const res = await verifyAuditChain(database.db, ctxFor(database, national).secrets.auditKey);
      chain = `${res.ok ? 'verifies' : `BROKEN at ${res.firstBrokenSeq}`} (${res.checked} rows, ${seconds(v)} s)`;
    }
    const ratio = f.perSecond / peer.tps;
    console.log(`
                     accepted/s   p50 ms   p95 ms   p99 ms   max ms
Fangxian submitReport ${f.perSecond.toFixed(0).padStart(9)} ${f.p50.toFixed(1).padStart(8)} ${f.p95.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ${f.max.toFixed(0).padStart(8)}
pgbench upsert        ${peer.tps.toFixed(0).padStart(9)}

accepted ${f.accepted} of ${N}; refused ${[...f.refused].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'}; mean in flight ${f.meanInFlight.toFixed(1)}
rows for the day ${counts!.total}, lost ${lost}, duplicated ${duplicated}; audit rows daily_report.submit ${counts!.audited}; audit chain ${chain}
ratio Fangxian / pgbench: ${ratio.toFixed(2)}x (target >= 1.5x): ${ratio >= 1.5 ? 'met' : 'NOT met'}; p99 ${f.p99.toFixed(1)} ms (target < 50 ms): ${f.p99 < 50 ? 'met' : 'NOT met'}; lost 0 and duplicated 0: ${lost === 0 && duplicated === 0 ? 'met' : 'NOT met'}`);
  } finally {
    await database.close();
    await admin(url, `drop database if exists ${fresh} with (force)`);
  }
}
