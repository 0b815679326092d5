/**
 * Bulk data for the roll-up benchmarks, generated in SQL (`INSERT … SELECT generate_series`), never
 * through the service: institutions spread over the towns of the seeded provinces (Guizhou, Gansu)
 * with a skew (every fifth town holds three times as many), a fraction closed, and report history.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openPostgres, rows, type Database } from '../server/db/client';
import { FIGURE_KEYS } from '../common/contracts/daily-reports';
import { figureColumn } from '../server/db/schema/daily-reports';
import { ctxFor, freshPostgresDatabase, seedTestRegions } from '../server/test/db';
import { makeUser, type TestUser } from '../server/test/http';
import { setDeadline } from '../server/modules/daily-reports/daily-reports.service';
import type { Ctx } from '../server/core/context';

export const PG_URL =
  process.env.TEST_DATABASE_URL ??
  process.env.BENCH_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDb {
  database: Database;
  url: string;
  officer: TestUser;
  ctx: Ctx;
  towns: string[];
  drop: () => Promise<void>;
}

/** A fresh PostgreSQL database with the regions, a national officer and the deadline at 23:59. */
export async function freshBenchDb(): Promise<BenchDb> {
  const fresh = await freshPostgresDatabase(PG_URL);
  const database = openPostgres(fresh.url);
  await database.migrate();
  await seedTestRegions(database);
  const officer = await makeUser(database, {
    username: `bench_${randomUUID().slice(0, 8)}`,
    role: 'officer',
    regionCode: '000000000000',
  });
  const ctx = ctxFor(database, officer);
  await setDeadline(ctx, '000000000000', '23:59');
  const towns = (
    await rows<{ code: string }>(
      database.db,
      sql`select code from regions where level = 'town' order by code`,
    )
  ).map((r) => r.code);
  return {
    database,
    url: fresh.url,
    officer,
    ctx,
    towns,
    drop: async () => {
      await database.close();
      await fresh.drop();
    },
  };
}

/** n institutions registered long ago; about 1 in 50 closed a year ago (submissions there are 'unexpected'). */
export async function seedInstitutions(b: BenchDb, n: number): Promise<void> {
  const towns = sql.raw(`array[${b.towns.map((t) => `'${t}'`).join(',')}]`);
  const every5 = Math.max(1, Math.floor(b.towns.length / 5));
  await b.database.db
    .execute(sql`insert into institutions (id, name, name_key, type, region_code, address, beds, residents, houses_tekun, staff,
      responsible_person, responsible_phone, registered_on, created_at, updated_at)
    select gen_random_uuid(), '基准机构' || g, '基准机构' || g, 'elderly_care',
      (${towns})[1 + case when g % 3 = 0 then (g / 3 % ${every5}) * 5 else g % ${b.towns.length} end],
      '测试地址', 50, 40, true, 10, '张三', '13800000000', date '2020-01-01', now(), now()
    from generate_series(1, ${n}) g`);
  await b.database.db
    .execute(sql`insert into institution_status_events (id, institution_id, status, effective_from, reason, ordered_by_id, ordered_by_name, ordered_by_region, created_at)
    select gen_random_uuid(), id, 'closed', current_date - 365, '停业', ${b.officer.id}, 'bench', '000000000000', now()
    from institutions where abs(hashtext(id::text)) % 50 = 0`);
  await b.database.db.execute(sql`analyze institutions`);
  await b.database.db.execute(sql`analyze institution_status_events`);
}

/**
 * Report history for the days from..from+n-1 in ONE set-based statement: each institution reports on
 * about 90% of the days (report, zero or not applicable, some late), with figures. Returns ms.
 */
export async function seedHistory(b: BenchDb, from: string, n: number): Promise<number> {
  const t = performance.now();
  // Secondary indexes are built once after the load (far cheaper than a million random index inserts).
  const indexes = await rows<{ name: string; def: string }>(
    b.database.db,
    sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'daily_reports' and indexname <> 'daily_reports_pkey'`,
  );
  for (const ix of indexes) await b.database.db.execute(sql.raw(`drop index ${ix.name}`));
  await b.database.db
    .execute(sql`insert into daily_reports (id, institution_id, region_code, day, kind, figures, submitted_at, submitted_by_id, submitted_by_name,
      on_behalf, deadline, on_time, official_kind, official_figures)
    select gen_random_uuid(), i.id, i.region_code, g.day, k.kind::report_kind, f.figures, now(), ${b.officer.id}, 'bench', true,
      g.day + time '23:59', k.on_time, case when k.on_time then k.kind::report_kind end, case when k.on_time then f.figures end
    from (select (${from}::date + s)::date as day from generate_series(0, ${n - 1}) s) g
    cross join institutions i
    cross join lateral (select abs(hashtext(i.id::text || g.day::text)) as h) x
    cross join lateral (select case when x.h % 10 < 6 then 'report' when x.h % 10 < 8 then 'zero' else 'not_applicable' end as kind, x.h % 7 <> 0 as on_time) k
    cross join lateral (select case when k.kind = 'report' then jsonb_build_object('residentsPresent', 30 + x.h % 20, 'staffOnSite', 10, 'staffLivingIn', 4,
      'admissions', x.h % 3, 'discharges', x.h % 2, 'temperatureChecks', 44, 'feverCount', x.h % 5 / 4, 'suspectedCases', 0, 'confirmedCases', 0,
      'isolatedCount', x.h % 4, 'testsDone', 20, 'positives', 0, 'visitorsRefused', x.h % 6, 'disinfectionDone', true) end as figures) f
    where x.h % 10 <> 9
    order by g.day, i.region_code`);
  for (const ix of indexes) await b.database.db.execute(sql.raw(ix.def));
  await b.database.db.execute(sql`analyze daily_reports`);
  return performance.now() - t;
}

/**
 * The full roll-up rebuild for the days from..from+n-1: ONE `INSERT … SELECT … GROUP BY` over
 * days × institutions (with the status in force, from status-event intervals) left-joined to the raw
 * rows, plus the roster days. Returns ms.
 */
export async function rebuildRollups(b: BenchDb, from: string, n: number): Promise<number> {
  const t = performance.now();
  const present = 'r.id is not null';
  const onTime = 'coalesce(r.on_time, false)';
  const fig = (col: string, k: string, when: string) =>
    `coalesce(sum((r.${col}->>'${k}')::numeric) filter (where ${when}), 0)::bigint`;
  // Unexpected: day d strictly inside the interval of a 'closed' event (effective_from < d < next event).
  await b.database.db.execute(sql`insert into daily_report_rollups (day, town_code, expected, submitted, submitted_expected, reports, zero,
      not_applicable, on_time, late, o_submitted_expected, o_reports, o_zero, o_not_applicable,
      ${sql.raw([...FIGURE_KEYS.map((k) => figureColumn('live', k)), ...FIGURE_KEYS.map((k) => figureColumn('official', k))].join(', '))})
    with closed as (
      select institution_id, effective_from as f, next_from as u from (
        select institution_id, status, effective_from,
          lead(effective_from) over (partition by institution_id order by effective_from, seq) as next_from
        from institution_status_events) e where status = 'closed'),
    x as (
      select d.day, rpad(substr(i.region_code, 1, 9), 12, '0') as town, i.id,
        not exists (select 1 from closed c where c.institution_id = i.id and c.f < d.day and (c.u is null or d.day < c.u)) as expected
      from (select (${from}::date + s)::date as day from generate_series(0, ${n - 1}) s) d
      join institutions i on i.registered_on <= d.day)
    select x.day, x.town,
      count(*) filter (where x.expected)::int,
      count(*) filter (where ${sql.raw(present)})::int,
      count(*) filter (where ${sql.raw(present)} and x.expected)::int,
      count(*) filter (where r.kind = 'report')::int,
      count(*) filter (where r.kind = 'zero')::int,
      count(*) filter (where r.kind = 'not_applicable')::int,
      count(*) filter (where r.on_time)::int,
      count(*) filter (where ${sql.raw(present)} and not r.on_time)::int,
      count(*) filter (where ${sql.raw(onTime)} and x.expected)::int,
      count(*) filter (where r.on_time and r.official_kind = 'report')::int,
      count(*) filter (where r.on_time and r.official_kind = 'zero')::int,
      count(*) filter (where r.on_time and r.official_kind = 'not_applicable')::int,
      ${sql.raw([...FIGURE_KEYS.map((k) => fig('figures', k, present)), ...FIGURE_KEYS.map((k) => fig('official_figures', k, onTime))].join(', '))}
    from x left join daily_reports r on r.institution_id = x.id and r.day = x.day
    group by x.day, x.town
    order by x.day, x.town`);
  await b.database.db.execute(sql`insert into daily_report_roster_days (day, computed_at)
    select (${from}::date + s)::date, now() from generate_series(0, ${n - 1}) s on conflict (day) do nothing`);
  await b.database.db.execute(sql`analyze daily_report_rollups`);
  return performance.now() - t;
}

/** PostgreSQL settings every benchmark prints beside the machine facts. */
export async function pgSettings(database: Database): Promise<string> {
  const [s] = await rows<Record<string, string>>(
    database.db,
    sql`select current_setting('server_version') as version, current_setting('shared_buffers') as shared_buffers,
      current_setting('max_parallel_workers_per_gather') as max_parallel_workers_per_gather, current_setting('fsync') as fsync,
      current_setting('synchronous_commit') as synchronous_commit`,
  );
  return `PostgreSQL ${s!.version} at ${new URL(PG_URL).host}: shared_buffers=${s!.shared_buffers}, max_parallel_workers_per_gather=${s!.max_parallel_workers_per_gather}, fsync=${s!.fsync}, synchronous_commit=${s!.synchronous_commit}`;
}

/**
 * Runs fn repeatedly with at most `concurrency` in flight for `seconds`; returns sorted latencies (ms).
 * With `rate`, calls are due at `rate` per second (open loop: a call waits for its slot, and its latency
 * counts from the slot, so a side that falls behind shows it); without, each worker calls back to back.
 */
export async function forSeconds(
  seconds: number,
  concurrency: number,
  fn: () => Promise<unknown>,
  rate?: number,
): Promise<number[]> {
  const start = performance.now();
  const end = start + seconds * 1000;
  const lat: number[] = [];
  let slot = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        let due = performance.now();
        if (rate) {
          due = start + (slot++ * 1000) / rate;
          if (due >= end) break;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        await fn();
        lat.push(performance.now() - due);
      }
    }),
  );
  return lat.sort((a, b) => a - b);
}
