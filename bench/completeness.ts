/**
 * `completeness`: province- and country-level completeness reads through the service verb while
 * submissions arrive open-loop at 2,000/s through the service verb, from the town roll-ups against the
 * same answer computed on the fly from the raw rows (completenessFromRaw), both under the same write
 * load in the same run. A freshness probe submits a uniquely valued report and polls every level
 * until it shows; at the end every node (country, provinces, cities, counties, towns) is compared.
 */
import { sql } from 'drizzle-orm';
import { businessDay } from '../common/business-day';
import type { Figures } from '../common/contracts/daily-reports';
import { toRegionCode } from '../common/region-code';
import { openPostgres, rows } from '../server/db/client';
import type { Ctx } from '../server/core/context';
import { completeness, completenessFromRaw } from '../server/modules/daily-reports/completeness.service';
import { submitReport } from '../server/modules/daily-reports/daily-reports.service';
import { ensureRoster, rollupMismatches } from '../server/modules/daily-reports/rollups';
import { machineFacts, percentile } from './machine';
import { forSeconds, freshBenchDb, pgSettings, seedInstitutions, type BenchDb } from './rollup-data';

const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 100_000);
const WRITE_RATE = Number(process.env.BENCH_WRITE_RATE ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const READERS = 4;
/**
 * Reads due per second (open loop, at most READERS in flight). Default 110: the county-and-above leaders
 * polling every 30 s (docs/performance.md, B2). 0: the readers read back to back (the read capacity, which
 * leaves the writers less than 2,000/s on 2 cores).
 */
const READ_RATE = Number(process.env.BENCH_READ_RATE ?? 110);

const figures = (visitorsRefused: number): Figures => ({
  residentsPresent: 40,
  staffOnSite: 10,
  staffLivingIn: 4,
  admissions: 0,
  discharges: 0,
  temperatureChecks: 50,
  feverCount: 0,
  suspectedCases: 0,
  confirmedCases: 0,
  isolatedCount: 0,
  testsDone: 10,
  positives: 0,
  disinfectionDone: true,
  visitorsRefused,
});
const checklist = { closedManagement: true, noFever: true, noNewAdmissions: true };

interface Load {
  stop: () => Promise<{ accepted: number; failed: number; seconds: number }>;
}

/** Open-loop submissions at `rate` per second (at most 400 waiting: beyond that the arrivals are dropped, and the accepted rate says so) from a pool of institution ids. */
function writeLoad(b: BenchDb, pool: string[], day: string, rate: number): Load {
  let accepted = 0;
  let failed = 0;
  let issued = 0;
  let waiting = 0;
  let running = true;
  const started = performance.now();
  const pending = new Set<Promise<unknown>>();
  const loop = (async () => {
    while (running && issued < pool.length) {
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      while (issued < due && issued < pool.length && waiting < 400) {
        const n = issued++;
        const input =
          n % 3 === 0
            ? { institutionId: pool[n]!, date: day, kind: 'report' as const, figures: figures(0) }
            : { institutionId: pool[n]!, date: day, kind: 'zero' as const, signer: '值班员', checklist };
        waiting++;
        const p = submitReport(b.ctx, input).then(
          () => accepted++,
          () => failed++,
        );
        pending.add(p);
        void p.finally(() => {
          waiting--;
          pending.delete(p);
        });
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const seconds = (performance.now() - started) / 1000;
      const acceptedBy = accepted;
      await Promise.all([...pending]);
      return { accepted: acceptedBy, failed, seconds };
    },
  };
}

/** Submits a report with a unique visitorsRefused value and polls each level until the sum includes it. */
async function probe(
  b: BenchDb,
  reader: Ctx,
  inst: { id: string; regionCode: string },
  day: string,
  value: number,
  view: typeof completeness,
): Promise<number> {
  const county = toRegionCode(inst.regionCode.slice(0, 6));
  const levels = [
    '000000000000',
    toRegionCode(inst.regionCode.slice(0, 2)),
    toRegionCode(inst.regionCode.slice(0, 4)),
    county,
  ];
  const before = await Promise.all(levels.map((region) => view(reader, { region, date: day, view: 'live' })));
  const town = toRegionCode(inst.regionCode.slice(0, 9));
  const townBefore = before[3]!.children.find((c) => c.regionCode === town)?.figures.visitorsRefused ?? 0;
  const t = performance.now();
  await submitReport(b.ctx, { institutionId: inst.id, date: day, kind: 'report', figures: figures(value) });
  for (const [n, region] of levels.entries()) {
    for (;;) {
      const c = await view(reader, { region, date: day, view: 'live' });
      const seen = c.figures.visitorsRefused - before[n]!.figures.visitorsRefused >= value;
      const townSeen =
        n < 3 ||
        (c.children.find((x) => x.regionCode === town)?.figures.visitorsRefused ?? 0) - townBefore >= value;
      if (seen && townSeen) break;
      if (performance.now() - t > 10_000) return Infinity;
    }
  }
  return performance.now() - t;
}

async function readPhase(
  b: BenchDb,
  reader: Ctx,
  pool: string[],
  probes: { id: string; regionCode: string }[],
  day: string,
  read: typeof completeness,
  label: string,
) {
  const load = writeLoad(b, pool, day, WRITE_RATE);
  let i = 0;
  const freshness: number[] = [];
  const probing = (async () => {
    for (const [n, inst] of probes.entries()) {
      await new Promise((r) => setTimeout(r, (SECONDS * 1000) / (probes.length + 1)));
      freshness.push(await probe(b, reader, inst, day, 100_000 * (n + 1), read));
    }
  })();
  const lat = await forSeconds(
    SECONDS,
    READERS,
    () => read(reader, { region: i++ % 2 ? '000000000000' : '520000000000', date: day, view: 'live' }),
    READ_RATE || undefined,
  );
  await probing;
  const w = await load.stop();
  const r = {
    label,
    reads: lat.length / SECONDS,
    p95: percentile(lat, 95),
    writes: w.accepted / w.seconds,
    failed: w.failed,
    freshness: Math.max(...freshness),
  };
  console.log(
    `${label.padEnd(22)} ${r.reads.toFixed(1).padStart(8)} reads/s (p95 ${r.p95.toFixed(1)} ms) while ${r.writes.toFixed(0)} submissions/s were accepted (${w.failed} failed); freshness (submit → visible at country, province, city, county and town) max ${r.freshness.toFixed(0)} ms over ${freshness.length} probes`,
  );
  return r;
}

/**
 * Every node, live and official: the service answers (roll-ups against raw) for the country and the
 * provinces with their children (provinces, cities), and every town row of the day (all 12 columns and
 * 26 sums, live and official) against a recomputation from the raw rows in one set-based EXCEPT; a
 * county's answer is the sum of its town rows by the same code that sums cities and provinces.
 */
async function mismatches(b: BenchDb, day: string): Promise<{ nodes: number; bad: number }> {
  const parents = await rows<{ code: string }>(
    b.database.db,
    sql`select code from regions where level in ('country', 'province') order by code`,
  );
  let nodes = 0;
  let bad = 0;
  for (const { code } of parents)
    for (const view of ['live', 'official'] as const) {
      const got = await completeness(b.ctx, { region: code, date: day, view });
      const want = await completenessFromRaw(b.ctx, { region: code, date: day, view });
      nodes += 1 + got.children.length;
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        bad++;
        if (bad <= 3)
          console.log(
            `MISMATCH ${code} ${view}\n  roll-up ${JSON.stringify(got).slice(0, 400)}\n  raw     ${JSON.stringify(want).slice(0, 400)}`,
          );
      }
    }
  const [towns] = await rows<{ n: number }>(
    b.database.db,
    sql`select count(*)::int as n from daily_report_rollups where day = ${day}::date`,
  );
  const townBad = await rollupMismatches(b.ctx, day);
  return { nodes: nodes + towns!.n, bad: bad + townBad };
}

export async function completenessBench(): Promise<void> {
  console.log(machineFacts());
  const b = await freshBenchDb();
  try {
    console.log(await pgSettings(b.database));
    console.log(
      `workload: ${INSTITUTIONS.toLocaleString()} institutions over ${b.towns.length} towns of Guizhou and Gansu; submissions through the service verb (coalesced path, roll-ups in the same transaction) open-loop at ${WRITE_RATE}/s; ${READERS} readers alternating country and province (520000) completeness through the service verb, ${READ_RATE ? `${READ_RATE} reads due per second (open loop)` : 'back to back'}, ${SECONDS} s per side\n`,
    );
    let t = performance.now();
    await seedInstitutions(b, INSTITUTIONS);
    const day = businessDay(new Date());
    console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await ensureRoster(b.ctx, [day]);
    console.log(
      `first read of the day (expected count of every town): ${(performance.now() - t).toFixed(0)} ms`,
    );
    const ids = await rows<{ id: string; region_code: string }>(
      b.database.db,
      sql`select id, region_code from institutions order by hashtext(id::text)`,
    );
    const perPhase = WRITE_RATE * (SECONDS + 5);
    const probes = ids.slice(-12).map((r) => ({ id: r.id, regionCode: r.region_code }));
    const readerDb = openPostgres(b.url);
    const reader = { ...b.ctx, db: readerDb.db };
    const rollup = await readPhase(
      b,
      reader,
      ids.slice(0, perPhase).map((r) => r.id),
      probes.slice(0, 6),
      day,
      completeness,
      'roll-ups',
    );
    const raw = await readPhase(
      b,
      reader,
      ids.slice(perPhase, 2 * perPhase).map((r) => r.id),
      probes.slice(6),
      day,
      completenessFromRaw,
      'raw (completenessFromRaw)',
    );
    await readerDb.close();
    t = performance.now();
    const check = await mismatches(b, day);
    console.log(
      `\ncompared ${check.nodes} nodes (live and official) in ${((performance.now() - t) / 1000).toFixed(1)} s: ${check.bad} mismatching answers`,
    );
    console.log(
      `ratio roll-up / raw: ${(rollup.reads / raw.reads).toFixed(1)}x reads per second (target >= 50x); freshness max ${rollup.freshness.toFixed(0)} ms (target <= 1000 ms); mismatches ${check.bad} (target 0)`,
    );
  } finally {
    await b.drop();
  }
}
