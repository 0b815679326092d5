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
import { worklistSql, type WorklistSpec } from '../server/modules/sweeps/sweeps.worklist';
import { generateRegistry } from './sweep-data';
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

// Worklist rows reach Node as arrays of text, in both modes: the client's cost per row is the transfer, not
// building objects and parsing dates (id is column 0, region_code column 1).
const raw = { getTypeParser: () => (v: string) => v };
type Row = [string, string, ...unknown[]];
async function rowsOf(c: pg.Client, text: string, params: unknown[] = []): Promise<Row[]> {
  return (await c.query<Row>({ text, values: params, rowMode: 'array', types: raw })).rows;
}

const AS_OF = new Date();
const spec = (region: string): WorklistSpec => ({
  sweepId: null,
  programmes: BENEFICIARY_PROGRAMMES,
  sweepRegion: '000000000000',
  region,
  scope: '',
  asOf: AS_OF,
  noContactDays: 30,
  hotlineDays: 30,
  // The worklist itself: households in order with their flags (a page adds the head's masked name and phone).
  display: false,
});

const townOf = (code: string) => `${code.slice(0, 9)}000`;

/**
 * All worklists, set-based: the country in PARTS statements of whole provinces (about equal numbers of
 * towns), each on its own connection and core, at the same time; parts in code order are the whole list in
 * order. Each statement is read through a cursor 50,000 rows at a time, with its own sort memory (work_mem,
 * local to its transaction); the rows of the sampled towns are kept to check the per-town answers against.
 */
async function setBased(clients: pg.Client[], parts: Array<readonly [string, string]>, keep: Set<string>): Promise<{ rows: number; seconds: number; kept: Map<string, string[]> }> {
  const t = performance.now();
  const kept = new Map<string, string[]>();
  const counts = await Promise.all(
    parts.map(async (codeRange, i) => {
      const c = clients[i]!;
      const { sql: text, params } = dialect.sqlToQuery(worklistSql({ ...spec('000000000000'), codeRange }));
      await c.query('begin');
      await c.query(`set local work_mem = '${WORK_MEM}'`);
      // The whole result is read: plan for all rows, not for the first 10 % (the cursor default).
      await c.query('set local cursor_tuple_fraction = 1.0');
      await c.query(`declare wl no scroll cursor for ${text}`, params);
      let rows = 0;
      for (;;) {
        const r = await rowsOf(c, 'fetch 50000 from wl');
        rows += r.length;
        if (r.length === 0) break;
        for (const row of r) {
          const town = townOf(row[1]);
          if (!keep.has(town)) continue;
          const list = kept.get(town) ?? [];
          list.push(row[0]);
          kept.set(town, list);
        }
      }
      await c.query('commit');
      return rows;
    }),
  );
  return { rows: counts.reduce((a, b) => a + b, 0), seconds: seconds(t), kept };
}

/** Whole provinces in PARTS code ranges with about the same number of towns each. */
async function provinceParts(c: pg.Client, n: number): Promise<Array<readonly [string, string]>> {
  const provinces = (await q(c, `select left(code, 2) as p, count(*)::int as towns from regions where level = 'town' group by 1 order by 1`)).rows as Array<{ p: string; towns: number }>;
  const total = provinces.reduce((a, r) => a + r.towns, 0);
  const parts: Array<readonly [string, string]> = [];
  let first = 0;
  let sum = 0;
  provinces.forEach((r, i) => {
    sum += r.towns;
    const last = i === provinces.length - 1;
    if (last || (sum >= (total * (parts.length + 1)) / n && parts.length < n - 1)) {
      parts.push([provinces[first]!.p.padEnd(12, '0'), r.p.padEnd(12, '9')]);
      first = i + 1;
    }
  });
  return parts;
}

/** One query per town, for a sample of towns; each answer must equal the towns' part of the set-based one. */
async function perTown(c: pg.Client, towns: string[], expected?: Map<string, string[]>): Promise<{ rows: number; seconds: number }> {
  const t = performance.now();
  let rows = 0;
  for (const town of towns) {
    const { sql: text, params } = dialect.sqlToQuery(worklistSql(spec(town)));
    const r = await rowsOf(c, text, params);
    rows += r.length;
    if (expected && JSON.stringify(r.map((x) => x[0])) !== JSON.stringify(expected.get(town) ?? [])) throw new Error(`town ${town}: per-town worklist differs from the set-based one`);
  }
  return { rows, seconds: seconds(t) };
}

const WORK_MEM = process.env.BENCH_WORK_MEM ?? '256MB';
/** Parts of the set-based pass run at once, one connection each (the machine's 2 cores). */
const PARTS = Number(process.env.BENCH_PARTS ?? 2);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function sweep(): Promise<void> {
  console.log(machineFacts());
  // BENCH_REUSE=<url>: measure on a database kept by an earlier run (BENCH_KEEP=1) instead of generating.
  const reuse = process.env.BENCH_REUSE;
  const fresh = reuse ? { url: reuse, drop: async () => undefined } : await freshPostgresDatabase(URL);
  const c = new pg.Client({ connectionString: fresh.url });
  const extra = Array.from({ length: PARTS - 1 }, () => new pg.Client({ connectionString: fresh.url }));
  try {
    let t = performance.now();
    if (!reuse) {
      const database = openPostgres(fresh.url);
      await database.migrate();
      const all = regionsDownToTowns();
      for (let i = 0; i < all.length; i += 5_000) await database.db.insert(regions).values(all.slice(i, i + 5_000)).onConflictDoNothing();
      await database.close();
      const n = await generateRegistry(fresh.url, MEMBERS, Number(process.env.BENCH_CONNECTIONS ?? 2), process.env.BENCH_VERBOSE === '1' ? console.log : undefined);
      const parts = Object.entries(n.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
      console.log(`generated ${fmt(n.members)} beneficiaries in ${fmt(n.households)} households over ${fmt(n.towns)} towns, ${fmt(n.calls)} hotline calls, 300 closure orders, 100 responses in ${seconds(t).toFixed(1)} s (with migrations and regions; ${parts})`);
    }
    await c.connect();
    const settings = await q(c, `select name, setting, unit from pg_settings where name in ('server_version', 'shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit', 'effective_cache_size', 'fsync', 'synchronous_commit', 'random_page_cost') order by name`);
    console.log(`PostgreSQL: ${settings.rows.map((r: { name: string; setting: string; unit: string | null }) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ')}; the set-based statement runs with work_mem=${WORK_MEM}`);
    const towns = Number((await q(c, `select count(*)::int n from regions where level = 'town'`)).rows[0].n);
    const active = Number((await q(c, `select count(*)::int n from beneficiary_households where status = 'active'`)).rows[0].n);
    const members = Number((await q(c, `select count(*)::int n from beneficiary_members m join beneficiary_households h on h.id = m.household_id where h.status = 'active'`)).rows[0].n);
    // A fixed sample (by hash of the code): the same towns in every run.
    const sample = (await q(c, `select code from regions where level = 'town' order by md5(code) limit ${SAMPLE}`)).rows.map((r: { code: string }) => r.code);
    const parts = await provinceParts(c, PARTS);
    for (const x of extra) await x.connect();
    const clients = [c, ...extra];
    console.log(`set-based in ${parts.length} parts at once, one connection each: ${parts.map(([a, b]) => `${a.slice(0, 2)}–${b.slice(0, 2)}`).join(', ')}`);
    const runs = [await setBased(clients, parts, new Set(sample)), await setBased(clients, parts, new Set(sample))];
    for (const r of runs) if (r.rows !== active) throw new Error(`set-based returned ${r.rows} of ${active} households`);
    const set = runs[1]!;
    t = performance.now();
    await perTown(c, sample.slice(0, 20)); // warm-up, not counted
    const loop = await perTown(c, sample, set.kept);
    const perTownSeconds = loop.seconds / sample.length;
    const extrapolated = perTownSeconds * towns;
    const setRate = members / set.seconds;
    const loopRate = members / extrapolated;
    console.log(`set-based : ${fmt(set.rows)} households (${fmt(members)} beneficiaries in active households) in ${runs[0]!.seconds.toFixed(1)} s (first run) / ${set.seconds.toFixed(1)} s (second) = ${fmt(setRate)} beneficiaries/s (second run)`);
    console.log(`per town  : ${sample.length} towns (${fmt(loop.rows)} households, each list equal to the set-based one) in ${loop.seconds.toFixed(1)} s, ${(perTownSeconds * 1000).toFixed(2)} ms per town; all ${fmt(towns)} towns extrapolated: ${extrapolated.toFixed(0)} s = ${fmt(loopRate)} beneficiaries/s`);
    console.log(`ratio     : set-based is ${(setRate / loopRate).toFixed(1)}x the per-town loop`);
  } finally {
    for (const x of [c, ...extra]) await x.end().catch(() => undefined);
    if (process.env.BENCH_KEEP === '1' || reuse) console.log(`kept ${fresh.url}`);
    else await fresh.drop();
  }
}
