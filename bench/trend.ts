/**
 * `trend`: a 60-day province trend (per-day expected, submitted by kind, late, missing, figure sums)
 * from the town roll-ups against the same computed from the raw rows (trendFromRaw, one grouped query),
 * both through their service functions, warm cache: each is run twice and the second run is timed,
 * then repeated. Also prints the time of the full roll-up rebuild from the raw rows.
 */
import { addDays, businessDay } from '../common/business-day';
import { trend, trendFromRaw } from '../server/modules/daily-reports/trend.service';
import { machineFacts } from './machine';
import { freshBenchDb, pgSettings, seedHistory, seedInstitutions } from './rollup-data';

const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 20_000);
const DAYS = 60;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

export async function trendBench(): Promise<void> {
  console.log(machineFacts());
  const b = await freshBenchDb();
  try {
    console.log(await pgSettings(b.database));
    const to = addDays(businessDay(new Date()), -1);
    const from = addDays(to, -(DAYS - 1));
    const days = Array.from({ length: DAYS }, (_, n) => addDays(from, n));
    console.log(
      `workload: ${INSTITUTIONS.toLocaleString()} institutions over ${b.towns.length} towns of Guizhou and Gansu, ${DAYS} days of reports (~90% submit each day)`,
    );
    let t = performance.now();
    await seedInstitutions(b, INSTITUTIONS);
    const rebuild = await seedHistory(b, days);
    console.log(
      `seeded ${(INSTITUTIONS * DAYS * 0.9).toLocaleString()} report rows in ${((performance.now() - t) / 1000).toFixed(1)} s; full roll-up rebuild from raw rows (all towns, ${DAYS} days): ${(rebuild / 1000).toFixed(2)} s\n`,
    );
    const q = { region: '520000000000', from, to, view: 'live' as const };
    const time = async (fn: typeof trend) => {
      const out: number[] = [];
      for (let n = 0; n < REPEATS; n++) {
        await fn(b.ctx, q);
        t = performance.now();
        await fn(b.ctx, q);
        out.push(performance.now() - t);
      }
      return out.sort((x, y) => x - y)[Math.floor(out.length / 2)]!;
    };
    const a = await trend(b.ctx, q);
    const c = await trendFromRaw(b.ctx, q);
    const same = JSON.stringify(a) === JSON.stringify(c);
    const rollup = await time(trend);
    const raw = await time(trendFromRaw);
    console.log(
      `roll-ups  ${rollup.toFixed(1).padStart(8)} ms per 60-day province trend (median of ${REPEATS} second runs)`,
    );
    console.log(
      `raw rows  ${raw.toFixed(1).padStart(8)} ms per 60-day province trend (median of ${REPEATS} second runs)`,
    );
    console.log(`answers equal: ${same}`);
    console.log(
      `\nratio raw / roll-up: ${(raw / rollup).toFixed(1)}x faster from the roll-ups (target >= 50x)`,
    );
  } finally {
    await b.drop();
  }
}
