/**
 * `rollup-cost`: submissions per second through the service verb (validated, audited, coalesced) with
 * roll-up maintenance in the transaction against the same path with it switched off
 * (setRollupMaintenance(false)), same concurrency, alternating rounds so that drift on a shared
 * machine hits both sides alike. Each round writes a different business day.
 */
import { sql } from 'drizzle-orm';
import { addDays, businessDay } from '../common/business-day';
import { rows } from '../server/db/client';
import { submitReport } from '../server/modules/daily-reports/daily-reports.service';
import { setRollupMaintenance } from '../server/modules/daily-reports/rollups';
import { machineFacts, percentile } from './machine';
import { freshBenchDb, pgSettings, seedInstitutions } from './rollup-data';

const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 50_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const checklist = { closedManagement: true, noFever: true, noNewAdmissions: true };

export async function rollupCost(): Promise<void> {
  console.log(machineFacts());
  const b = await freshBenchDb();
  try {
    console.log(await pgSettings(b.database));
    console.log(
      `workload: ${INSTITUTIONS.toLocaleString()} institutions; zero reports through submitReport, ${CONCURRENCY} in flight, ${SECONDS} s per round, rounds alternate with / without roll-ups\n`,
    );
    await seedInstitutions(b, INSTITUTIONS);
    const ids = (
      await rows<{ id: string }>(b.database.db, sql`select id from institutions order by hashtext(id::text)`)
    ).map((r) => r.id);
    const today = businessDay(new Date());
    const result: Record<'with' | 'without', { n: number; s: number; lat: number[] }> = {
      with: { n: 0, s: 0, lat: [] },
      without: { n: 0, s: 0, lat: [] },
    };
    const plan: ('with' | 'without')[] = ['without', 'with', 'with', 'without'];
    for (const [round, variant] of plan.entries()) {
      setRollupMaintenance(variant === 'with');
      const day = addDays(today, -round);
      let next = 0;
      const end = performance.now() + SECONDS * 1000;
      const started = performance.now();
      const lat: number[] = [];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < end && next < ids.length) {
            const id = ids[next++]!;
            const t = performance.now();
            await submitReport(b.ctx, {
              institutionId: id,
              date: day,
              kind: 'zero',
              signer: '值班员',
              checklist,
            });
            lat.push(performance.now() - t);
          }
        }),
      );
      const s = (performance.now() - started) / 1000;
      result[variant].n += lat.length;
      result[variant].s += s;
      result[variant].lat.push(...lat);
      console.log(
        `round ${round + 1} ${variant.padEnd(7)} roll-ups: ${(lat.length / s).toFixed(0).padStart(6)} submissions/s`,
      );
    }
    setRollupMaintenance(true);
    const [check] = await rows<{ reports: number; rolled: number }>(
      b.database.db,
      sql`select (select count(*)::int from daily_reports where day between ${addDays(today, -3)}::date and ${today}::date) as reports,
        (select coalesce(sum(submitted), 0)::int from daily_report_rollups) as rolled`,
    );
    console.log(
      `\nrows: ${check!.reports} reports, ${check!.rolled} counted in the roll-ups (only the 'with' rounds are counted)`,
    );
    for (const v of ['without', 'with'] as const) {
      const lat = result[v].lat.sort((x, y) => x - y);
      console.log(
        `${v.padEnd(7)} roll-ups: ${(result[v].n / result[v].s).toFixed(0).padStart(6)} submissions/s, p50 ${percentile(lat, 50).toFixed(1)} ms, p99 ${percentile(lat, 99).toFixed(1)} ms`,
      );
    }
    const ratio = result.with.n / result.with.s / (result.without.n / result.without.s);
    console.log(`\nratio with / without roll-up maintenance: ${(ratio * 100).toFixed(1)}% (target >= 85%)`);
  } finally {
    await b.drop();
  }
}
