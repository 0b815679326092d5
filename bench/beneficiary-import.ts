/**
 * `beneficiary-import`: a generated .xlsx of BENCH_ROWS member rows (default 1,000,000; about 2.2 per
 * household, in the towns of Gansu) written with the streamed writer, then imported through the service
 * verb (`importHouseholds`: streamed read, validation, encryption, blind indexes, batches of ~4,000 rows,
 * each one insert statement and one audit row, up to 3 stored at once) into a fresh PostgreSQL database.
 * The sheet is written by a child process (bench/beneficiary-sheet.ts) so that the peak RSS is the import's.
 * Peer, measured in the same run: a naive import of a sample of BENCH_NAIVE_ROWS rows of the same kind,
 * already parsed (no spreadsheet, which favours the peer), stored one household at a time (its household,
 * members and event statements, autocommit, no audit), extrapolated to rows/s. The ratio is streamed
 * import / naive (higher is better).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rows, openPostgres, type Database } from '../server/db/client';
import { ctxFor, freshPostgresDatabase, seedTestRegions } from '../server/test/db';
import { makeUser } from '../server/test/http';
import { importHouseholds } from '../server/modules/beneficiaries/beneficiaries.import';
import { generatedHouseholds, type SheetRow } from '../server/modules/beneficiaries/beneficiaries.sheet';
import { validateRow } from '../server/modules/beneficiaries/beneficiaries.rows';
import { insertHouseholds } from '../server/modules/beneficiaries/beneficiaries.write';
import type { ImportEvent } from '../common/contracts/beneficiaries';
import { machineFacts } from './machine';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const NAIVE_ROWS = Number(process.env.BENCH_NAIVE_ROWS ?? 5_000);
const MiB = 2 ** 20;

function* limited(source: Iterable<SheetRow>, n: number): Generator<SheetRow> {
  let i = 0;
  for (const r of source) {
    if (i++ >= n) return;
    yield r;
  }
}

/** The same rows, already parsed and validated, stored one household at a time (3 statements each, autocommit). */
async function naive(database: Database, towns: string[], officerId: string): Promise<number> {
  const ctx = ctxFor(database, {
    id: officerId,
    username: 'bench',
    role: 'officer',
    regionCode: '000000000000',
  });
  const sample = [...limited(generatedHouseholds(NAIVE_ROWS, towns, 99, 5_000_000), NAIVE_ROWS)];
  const started = performance.now();
  let household: Parameters<typeof insertHouseholds>[1][number] | null = null;
  const flush = async () => {
    // One household at a time: its own three statements (household, members, event), autocommit, no batching.
    if (household) await insertHouseholds(ctx, [household], 'active', 'naive');
  };
  let n = 0;
  for (const cells of sample) {
    const row = validateRow(++n, (f) => cells[f] ?? '');
    if (cells.regionCode) {
      await flush();
      household = {
        regionCode: cells.regionCode,
        address: cells.address ?? '',
        programme: 'rural_dibao',
        members: [],
      };
    }
    household!.members.push(row.member!);
  }
  await flush();
  return sample.length / ((performance.now() - started) / 1000);
}

export async function beneficiaryImport(): Promise<void> {
  console.log(machineFacts());
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dir = mkdtempSync(join(tmpdir(), 'fx-bench-import-'));
  const fresh = await freshPostgresDatabase(url);
  const database = openPostgres(fresh.url);
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 100);
  try {
    await database.migrate();
    await seedTestRegions(database);
    const towns = (
      await rows<{ code: string }>(
        database.db,
        sql`select code from regions where level = 'town' and code like '62%' order by code`,
      )
    ).map((r) => r.code);
    const officer = await makeUser(database, {
      username: 'bench_officer',
      role: 'officer',
      regionCode: '620000000000',
    });
    const path = join(dir, 'beneficiaries.xlsx');
    let t = performance.now();
    // Written by a child process (same node, same tsx loader): its memory is not the import's.
    execFileSync(
      process.execPath,
      [...process.execArgv, join(import.meta.dirname, 'beneficiary-sheet.ts'), path, String(ROWS), towns.join(',')],
      { stdio: 'inherit' },
    );
    const writeSeconds = (performance.now() - t) / 1000;
    console.log(
      `workload: ${ROWS.toLocaleString('en')} member rows in ${towns.length} towns of Gansu; xlsx ${(statSync(path).size / MiB).toFixed(0)} MiB written in ${writeSeconds.toFixed(1)} s (streamed writer, child process)`,
    );
    const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
    peakRss = rssBefore;
    peakHeap = heapBefore;
    const ctx = ctxFor(database, officer);
    t = performance.now();
    let done: Extract<ImportEvent, { type: 'done' }> | undefined;
    let lastShown = 0;
    for await (const e of importHouseholds(ctx, async () => ({
      fileName: 'beneficiaries.xlsx',
      stream: createReadStream(path),
    }))) {
      if (e.type === 'done') done = e;
      if (e.type === 'progress' && e.processed - lastShown >= 200_000) {
        lastShown = e.processed;
        console.log(
          `  ${e.processed.toLocaleString('en')} rows, ${((performance.now() - t) / 1000).toFixed(0)} s, rss ${(process.memoryUsage().rss / MiB).toFixed(0)} MiB`,
        );
      }
      if (e.type === 'error' || e.type === 'failed') throw new Error(`unexpected ${JSON.stringify(e)}`);
    }
    const importSeconds = (performance.now() - t) / 1000;
    const importRate = done!.ok / importSeconds;
    const importPeak = peakRss;
    const importPeakHeap = peakHeap;
    const naiveRate = await naive(database, towns, officer.id);
    console.log(
      `\nstreamed import: ${done!.ok.toLocaleString('en')} rows, ${done!.households.toLocaleString('en')} households in ${importSeconds.toFixed(1)} s = ${importRate.toFixed(0)} rows/s`,
    );
    console.log(
      `peak RSS during the import: ${(importPeak / MiB).toFixed(0)} MiB (${(rssBefore / MiB).toFixed(0)} MiB before it); peak JS heap ${(importPeakHeap / MiB).toFixed(0)} MiB (${(heapBefore / MiB).toFixed(0)} MiB before)`,
    );
    console.log(
      `naive peer (one household at a time, ${NAIVE_ROWS.toLocaleString('en')} rows already parsed, extrapolated): ${naiveRate.toFixed(0)} rows/s, 1,000,000 rows in ~${(1_000_000 / naiveRate / 60).toFixed(0)} min`,
    );
    console.log(`ratio streamed import / naive household-at-a-time: ${(importRate / naiveRate).toFixed(1)}x`);
  } finally {
    clearInterval(sampler);
    await database.close();
    await fresh.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
