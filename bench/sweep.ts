/**
 * `sweep`: worklists for a registry of 8,000,000 beneficiaries (BENCH_MEMBERS), set-based — one statement
 * for every village in the country — against one query per town (the same statement with the town's
 * filter, what a per-town loop would run), measured in the same run on a fresh PostgreSQL database.
 * The per-town peer runs a random sample of towns (BENCH_TOWN_SAMPLE) and is extrapolated to all towns.
 */
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { BENEFICIARY_PROGRAMMES } from '../common/enums';
import { openPostgres } from '../server/db/client';
import { regions } from '../server/db/schema/regions';
import { freshPostgresDatabase } from '../server/test/db';
import { regionsDownToTowns } from '../server/modules/regions/regions.source';
import { worklistSql } from '../server/modules/sweeps/sweeps.worklist';
import { machineFacts } from './machine';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 8_000_000);
const SAMPLE = Number(process.env.BENCH_TOWN_SAMPLE ?? 400);
const URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dialect = new PgDialect();
const seconds = (t: number) => (performance.now() - t) / 1000;

async function q(c: pg.Client, s: SQL | string) {
  if (typeof s === 'string') return c.query(s);
  const { sql: text, params } = dialect.sqlToQuery(s);
  return c.query(text, params);
}

const spec = (region: string) => ({
  sweepId: null,
  programmes: BENEFICIARY_PROGRAMMES,
  sweepRegion: '000000000000',
  region,
  scope: '',
  asOf: new Date(),
  noContactDays: 30,
  hotlineDays: 30,
});

async function generate(c: pg.Client): Promise<{ households: number; members: number; towns: number }> {
  // Members per household: 1 + g % 4 (2.5 on average).
  const households = Math.round(MEMBERS / 2.5);
  await q(c, `create temp table t as select (row_number() over (order by code))::int - 1 as i, code from regions where level = 'town'`);
  const towns = Number((await q(c, 'select count(*)::int n from t')).rows[0].n);
  // Bulk load without the secondary indexes, then build them (as a restore would).
  for (const ix of ['beneficiary_households_region_idx', 'beneficiary_households_town_idx', 'beneficiary_members_id_idx', 'beneficiary_members_household_idx', 'beneficiary_members_phone_idx']) await q(c, `drop index ${ix}`);
  await q(c, 'alter table beneficiary_members drop constraint beneficiary_members_household_id_beneficiary_households_id_fk');
  await q(c, 'set maintenance_work_mem = \'512MB\'');
  await q(c, `insert into beneficiary_households (id, region_code, town_code, address_enc, programme, status, member_count, living_alone, last_contact_at, created_by_name, created_at, updated_at)
    select md5('h' || g)::uuid, left(t.code, 9) || (201 + (g / ${towns}) % 5)::text, t.code, 'v1:enc-address',
           (enum_range(null::beneficiary_programme))[1 + g % 7], case when g % 20 = 0 then 'exited'::household_status else 'active' end,
           1 + g % 4, g % 4 = 0 and g % 3 = 0, case when g % 11 = 0 then null else now() - ((g * 7) % 120) * interval '1 day' end, 'bench', now(), now()
      from generate_series(0, ${households - 1}) g join t on t.i = g % ${towns}`);
  await q(c, `insert into beneficiary_members (id, household_id, region_code, name_enc, id_number_enc, id_number_index, phone_enc, phone_index, relation, birth_date, disability, created_at)
    select md5('m' || g || '-' || k)::uuid, md5('h' || g)::uuid, left(t.code, 9) || (201 + (g / ${towns}) % 5)::text, 'v1:enc-name', 'v1:enc-id', md5('i' || g || '-' || k),
           case when (g + k) % 3 = 0 then null else 'v1:enc-phone' end, case when (g + k) % 3 = 0 then null else md5('p' || ((g * 4 + k) % 5000000)) end,
           case when k = 1 then 'head'::member_relation else 'other' end, date '1925-01-01' + ((g * 37 + k * 101) % 32000), (g + k) % 13 = 0, now()
      from generate_series(0, ${households - 1}) g join t on t.i = g % ${towns} cross join lateral generate_series(1, 1 + g % 4) k`);
  await q(c, `insert into hotline_calls (id, region_code, town_code, caller_name_enc, caller_phone_enc, caller_phone_index, address_enc, category, urgency, content, taken_by_id, taken_by_name, verify_due_at, created_at)
    select md5('c' || g)::uuid, t.code, t.code, 'x', 'x', md5('p' || ((g * 7919) % 5000000)), 'x', 'economic', 'normal', '基准', md5('u')::uuid, 'bench', now(), now() - (g % 60) * interval '1 day'
      from generate_series(0, 19999) g join t on t.i = (g * 31) % ${towns}`);
  await q(c, `insert into institutions (id, name, name_key, type, region_code, address, beds, residents, houses_tekun, staff, responsible_person, responsible_phone, registered_on, created_at, updated_at)
    select md5('inst' || g)::uuid, '机构' || g, '机构' || g, 'elderly_care', t.code, '地址', 50, 40, true, 10, '张三', '13800000000', '2020-01-01', now(), now()
      from generate_series(0, 299) g join t on t.i = (g * 127) % ${towns}`);
  await q(c, `insert into closure_orders (id, region_code, issuing_bureau, issued_by_name, starts_on, measures, reason, created_at)
    select md5('o' || g)::uuid, case when g % 3 = 0 then left(t.code, 6) || '000000' else t.code end, '民政局', 'bench', current_date - 3, '[]', '基准', now()
      from generate_series(0, 299) g join t on t.i = (g * 127) % ${towns}`);
  await q(c, `insert into closure_order_institutions (order_id, institution_id, lifted_at) select md5('o' || g)::uuid, md5('inst' || g)::uuid, case when g % 4 = 0 then now() end from generate_series(0, 299) g`);
  await q(c, `insert into emergency_responses (id, region_code, level, previous_level, set_by_name, effective_at)
    select md5('e' || g)::uuid, left(t.code, 6) || '000000', (array['II','III','I','IV'])[1 + g % 4]::response_level, 'none', 'bench', now()
      from generate_series(0, 99) g join t on t.i = (g * 373) % ${towns}`);
  await q(c, 'create index beneficiary_households_region_idx on beneficiary_households (region_code, programme, status)');
  await q(c, 'create index beneficiary_households_town_idx on beneficiary_households (town_code)');
  await q(c, 'create unique index beneficiary_members_id_idx on beneficiary_members (id_number_index)');
  await q(c, 'create index beneficiary_members_household_idx on beneficiary_members (household_id)');
  await q(c, 'create index beneficiary_members_phone_idx on beneficiary_members (phone_index)');
  await q(c, 'alter table beneficiary_members add constraint beneficiary_members_household_id_beneficiary_households_id_fk foreign key (household_id) references beneficiary_households (id)');
  await q(c, 'vacuum analyze');
  const n = (await q(c, 'select (select count(*) from beneficiary_members)::int m, (select count(*) from beneficiary_households)::int h')).rows[0];
  return { households: n.h, members: n.m, towns };
}

/** All worklists in one statement, read through a cursor 50,000 rows at a time. */
async function setBased(c: pg.Client): Promise<{ rows: number; seconds: number }> {
  const t = performance.now();
  const { sql: text, params } = dialect.sqlToQuery(worklistSql(spec('000000000000')));
  await c.query('begin');
  // The whole result is read: plan for all rows, not for the first 10 % (the cursor default).
  await c.query('set local cursor_tuple_fraction = 1.0');
  await c.query(`declare wl no scroll cursor for ${text}`, params);
  let rows = 0;
  for (;;) {
    const r = await c.query('fetch 50000 from wl');
    rows += r.rowCount ?? 0;
    if (!r.rowCount) break;
  }
  await c.query('commit');
  return { rows, seconds: seconds(t) };
}

/** One query per town, for a random sample of towns. */
async function perTown(c: pg.Client, towns: string[]): Promise<{ rows: number; seconds: number }> {
  const t = performance.now();
  let rows = 0;
  for (const town of towns) rows += (await q(c, worklistSql(spec(town)))).rowCount ?? 0;
  return { rows, seconds: seconds(t) };
}

export async function sweep(): Promise<void> {
  console.log(machineFacts());
  const fresh = await freshPostgresDatabase(URL);
  const database = openPostgres(fresh.url);
  const c = new pg.Client({ connectionString: fresh.url });
  try {
    await database.migrate();
    const all = regionsDownToTowns();
    for (let i = 0; i < all.length; i += 5_000) await database.db.insert(regions).values(all.slice(i, i + 5_000)).onConflictDoNothing();
    await c.connect();
    const settings = await q(c, `select name, setting, unit from pg_settings where name in ('server_version', 'shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit', 'effective_cache_size') order by name`);
    console.log(`PostgreSQL: ${settings.rows.map((r: { name: string; setting: string; unit: string | null }) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ')}`);
    let t = performance.now();
    const n = await generate(c);
    console.log(`generated ${n.members.toLocaleString()} beneficiaries in ${n.households.toLocaleString()} households over ${n.towns.toLocaleString()} towns, 20,000 hotline calls, 300 closure orders, 100 responses in ${seconds(t).toFixed(1)} s`);
    const active = Number((await q(c, `select count(*)::int n from beneficiary_households where status = 'active'`)).rows[0].n);
    const members = Number((await q(c, `select count(*)::int n from beneficiary_members m join beneficiary_households h on h.id = m.household_id where h.status = 'active'`)).rows[0].n);
    const set = await setBased(c);
    if (set.rows !== active) throw new Error(`set-based returned ${set.rows} of ${active} households`);
    const sample = (await q(c, `select code from regions where level = 'town' order by md5(code) limit ${SAMPLE}`)).rows.map((r: { code: string }) => r.code);
    t = performance.now();
    await perTown(c, sample.slice(0, 20)); // warm-up, not counted
    const loop = await perTown(c, sample);
    const perTownSeconds = loop.seconds / sample.length;
    const extrapolated = perTownSeconds * n.towns;
    const setRate = members / set.seconds;
    const loopRate = members / extrapolated;
    console.log(`set-based : ${set.rows.toLocaleString()} households (${members.toLocaleString()} beneficiaries in active households) in ${set.seconds.toFixed(1)} s = ${Math.round(setRate).toLocaleString()} beneficiaries/s`);
    console.log(`per town  : ${sample.length} towns (${loop.rows.toLocaleString()} households) in ${loop.seconds.toFixed(1)} s, ${(perTownSeconds * 1000).toFixed(2)} ms per town; all ${n.towns.toLocaleString()} towns extrapolated: ${extrapolated.toFixed(0)} s = ${Math.round(loopRate).toLocaleString()} beneficiaries/s`);
    console.log(`ratio     : set-based is ${(setRate / loopRate).toFixed(1)}x the per-town loop`);
  } finally {
    await c.end().catch(() => undefined);
    await database.close();
    await fresh.drop();
  }
}
