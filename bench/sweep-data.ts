/**
 * The registry for the `sweep` benchmark, generated inside PostgreSQL with INSERT … SELECT generate_series:
 * households over every town of the country (5 villages per town), 1–4 members each (2.5 on average),
 * hotline calls matching some members' phones, closure orders and emergency responses.
 *
 * Fast enough for 8,000,000 beneficiaries: the two big tables are loaded without any index or constraint
 * (their definitions are read from the catalog, dropped, and rebuilt afterwards, as a restore would), in
 * chunks on several connections; every value is a cheap deterministic expression of the row number (no
 * md5, no random(), no per-row catalog lookup). Encrypted columns hold one placeholder ciphertext and the
 * blind indexes are short unique strings: the benchmark measures worklists, which never decrypt.
 */
import pg from 'pg';

export interface Generated {
  households: number;
  members: number;
  towns: number;
  calls: number;
  seconds: Record<string, number>;
}

const TABLES = ['beneficiary_households', 'beneficiary_members'];
const PROGRAMMES = `'{urban_dibao,rural_dibao,tekun_centralised,tekun_dispersed,disabled_in_difficulty,child_in_difficulty,orphan}'::beneficiary_programme[]`;
// Ids from the row number: the household's number in the last group, the member's number in the first.
const householdId = (g: string) => `('00000000-0000-4000-8000-' || lpad(to_hex(${g}), 12, '0'))::uuid`;

async function pool<T>(clients: pg.Client[], items: T[], task: (c: pg.Client, item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(clients.map(async (c) => { while (next < items.length) await task(c, items[next++]!); }));
}

/** Generates `members` beneficiaries into the (migrated, region-loaded) database at `url`. */
export async function generateRegistry(url: string, members: number, concurrency = 2, log: (s: string) => void = () => undefined): Promise<Generated> {
  const clients = Array.from({ length: concurrency }, () => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  const c = clients[0]!;
  const seconds: Record<string, number> = {};
  const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await f();
    seconds[label] = (performance.now() - t) / 1000;
    log(`  ${seconds[label]!.toFixed(1)} s  ${label}`);
    return r;
  };
  try {
    for (const k of clients) await k.query(`set maintenance_work_mem = '512MB'; set synchronous_commit = off; set jit = off`);
    const households = Math.round(members / 2.5);
    await c.query(`create unlogged table bench_towns as select (row_number() over (order by code))::int - 1 as i, code::text from regions where level = 'town'`);
    await c.query('alter table bench_towns add primary key (i); analyze bench_towns');
    const towns = Number((await c.query('select count(*)::int n from bench_towns')).rows[0].n);

    // The indexes and constraints of the big tables, as the migrations made them; dropped for the load.
    const { rows: cons } = await c.query(
      `select conname, conrelid::regclass::text rel, contype, pg_get_constraintdef(oid) def from pg_constraint
        where conrelid = any($1::regclass[]) and contype in ('p', 'u', 'f') or confrelid = any($1::regclass[])`,
      [TABLES],
    );
    const { rows: idx } = await c.query(
      `select i.indexrelid::regclass::text name, pg_get_indexdef(i.indexrelid) def from pg_index i
        where i.indrelid = any($1::regclass[]) and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
      [TABLES],
    );
    for (const k of cons.filter((k) => k.contype === 'f')) await c.query(`alter table ${k.rel} drop constraint ${k.conname}`);
    for (const k of cons.filter((k) => k.contype !== 'f')) await c.query(`alter table ${k.rel} drop constraint ${k.conname}`);
    for (const i of idx) await c.query(`drop index ${i.name}`);

    const chunk = 200_000;
    const ranges: Array<[number, number]> = [];
    for (let a = 0; a < households; a += chunk) ranges.push([a, Math.min(households, a + chunk) - 1]);
    const village = `left(t.code, 9) || (201 + (g / ${towns}) % 5)::text`;
    await timed('households and members', () =>
      pool(clients, ranges, async (k, [a, b]) => {
        await k.query(`insert into beneficiary_households (id, region_code, town_code, address_enc, programme, status, member_count, living_alone, last_contact_at, created_by_name, created_at, updated_at)
          select ${householdId('g')}, ${village}, t.code, 'v1:enc-address', (${PROGRAMMES})[1 + g % 7],
                 case when g % 20 = 0 then 'exited'::household_status else 'active' end, 1 + g % 4, g % 12 = 0,
                 case when g % 11 = 0 then null else now() - ((g * 7) % 120) * interval '1 day' end, 'bench', now(), now()
            from generate_series(${a}, ${b}) g join bench_towns t on t.i = g % ${towns}`);
        await k.query(`insert into beneficiary_members (id, household_id, region_code, name_enc, id_number_enc, id_number_index, phone_enc, phone_index, relation, birth_date, disability, created_at)
          select (lpad(to_hex(k), 8, '0') || substr(s.hid::text, 9))::uuid, s.hid, s.village, 'v1:enc-name', 'v1:enc-id', s.g || '-' || k,
                 case when (s.g + k) % 3 = 0 then null else 'v1:enc-phone' end, case when (s.g + k) % 3 = 0 then null else 'p' || ((s.g * 4 + k) % 5000000) end,
                 case when k = 1 then 'head'::member_relation else 'other' end, date '1925-01-01' + ((s.g * 37 + k * 101) % 32000), (s.g + k) % 13 = 0, now()
            from (select g, ${householdId('g')} hid, ${village} village from generate_series(${a}, ${b}) g join bench_towns t on t.i = g % ${towns} offset 0) s
           cross join lateral generate_series(1, 1 + s.g % 4) k`);
      }),
    );
    const calls = 20_000;
    await timed('calls, closures, responses', async () => {
      await c.query(`insert into hotline_calls (id, region_code, town_code, caller_name_enc, caller_phone_enc, caller_phone_index, address_enc, category, urgency, content, taken_by_id, taken_by_name, verify_due_at, created_at)
        select md5('c' || g)::uuid, t.code, t.code, 'x', 'x', 'p' || ((g * 7919) % 5000000), 'x', 'economic', 'normal', '基准', md5('u')::uuid, 'bench', now(), now() - (g % 60) * interval '1 day'
          from generate_series(0, ${calls - 1}) g join bench_towns t on t.i = (g * 31) % ${towns}`);
      await c.query(`insert into institutions (id, name, name_key, type, region_code, address, beds, residents, houses_tekun, staff, responsible_person, responsible_phone, registered_on, created_at, updated_at)
        select md5('inst' || g)::uuid, '机构' || g, '机构' || g, 'elderly_care', t.code, '地址', 50, 40, true, 10, '张三', '13800000000', '2020-01-01', now(), now()
          from generate_series(0, 299) g join bench_towns t on t.i = (g * 127) % ${towns}`);
      await c.query(`insert into closure_orders (id, region_code, issuing_bureau, issued_by_name, starts_on, measures, reason, created_at)
        select md5('o' || g)::uuid, case when g % 3 = 0 then left(t.code, 6) || '000000' else t.code end, '民政局', 'bench', current_date - 3, '[]', '基准', now()
          from generate_series(0, 299) g join bench_towns t on t.i = (g * 127) % ${towns}`);
      await c.query(`insert into closure_order_institutions (order_id, institution_id, lifted_at) select md5('o' || g)::uuid, md5('inst' || g)::uuid, case when g % 4 = 0 then now() end from generate_series(0, 299) g`);
      await c.query(`insert into emergency_responses (id, region_code, level, previous_level, set_by_name, effective_at)
        select md5('e' || g)::uuid, left(t.code, 6) || '000000', (array['II','III','I','IV'])[1 + g % 4]::response_level, 'none', 'bench', now()
          from generate_series(0, 99) g join bench_towns t on t.i = (g * 373) % ${towns}`);
    });
    // Rebuild: keys and indexes spread over the connections, then the foreign keys (validated), then statistics.
    await timed('keys and indexes', () =>
      pool(clients, [...cons.filter((k) => k.contype !== 'f').map((k) => `alter table ${k.rel} add constraint ${k.conname} ${k.def}`), ...idx.map((i) => i.def)], (k, s) => k.query(s)),
    );
    await timed('foreign keys', () => pool(clients, cons.filter((k) => k.contype === 'f').map((k) => `alter table ${k.rel} add constraint ${k.conname} ${k.def}`), (k, s) => k.query(s)));
    await timed('vacuum analyze', () => pool(clients, TABLES, (k, t) => k.query(`vacuum analyze ${t}`)));
    await c.query('drop table bench_towns; analyze');
    const n = (await c.query('select (select count(*) from beneficiary_members)::int m, (select count(*) from beneficiary_households)::int h')).rows[0];
    return { households: n.h, members: n.m, towns, calls, seconds };
  } finally {
    await Promise.all(clients.map((k) => k.end().catch(() => undefined)));
  }
}
