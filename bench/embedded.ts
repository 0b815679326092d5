/**
 * `embedded`: the same workload on the embedded PGlite and on PostgreSQL, measured in one run.
 * Ingest: one day's authenticated-as-officer, validated, audited submissions of N institutions through
 * the service verb (8 in flight; the verb coalesces concurrent submissions and maintains the town
 * roll-ups in the same transaction). Completeness: province-level reads through the service verb, which
 * sum the day's town roll-up rows, first one at a time (the reference design's serial reads), then 4 at once. Prints both engines' figures and the PGlite / PostgreSQL ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { businessDay } from '../common/business-day';
import { openPglite, openPostgres, rows, type Database } from '../server/db/client';
import { institutions } from '../server/db/schema/institutions';
import { ctxFor, freshPostgresDatabase, seedTestRegions } from '../server/test/db';
import { makeUser } from '../server/test/http';
import { submitReport } from '../server/modules/daily-reports/daily-reports.service';
import { completeness } from '../server/modules/daily-reports/completeness.service';
import { setDeadline } from '../server/modules/daily-reports/daily-reports.service';
import { machineFacts, percentile, pool } from './machine';
import { pgSettings } from './rollup-data';

const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 3_000);
const READS = Number(process.env.BENCH_READS ?? 1_000);

interface Figures {
  ingestPerSecond: number;
  ingestP99: number;
  readsPerSecond: number;
  readP99: number;
  serialReadsPerSecond: number;
  serialReadP99: number;
}

async function run(database: Database): Promise<Figures> {
  await database.migrate();
  await seedTestRegions(database);
  const towns = await rows<{ code: string }>(database.db, sql`select code from regions where level = 'town' and code like '52%' order by code`);
  const now = new Date();
  const values = Array.from({ length: INSTITUTIONS }, (_, i) => ({
    id: randomUUID(),
    name: `基准测试机构${i}`,
    nameKey: `基准测试机构${i}`,
    type: 'elderly_care' as const,
    regionCode: towns[i % towns.length]!.code,
    address: '测试地址',
    beds: 50,
    residents: 40,
    housesTekun: true,
    staff: 10,
    responsiblePerson: '张三',
    responsiblePhone: '13800000000',
    registeredOn: '2020-01-01',
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < values.length; i += 1_000) await database.db.insert(institutions).values(values.slice(i, i + 1_000));
  const officer = await makeUser(database, { username: `bench_${randomUUID().slice(0, 8)}`, role: 'officer', regionCode: '000000000000' });
  const ctx = ctxFor(database, officer);
  await setDeadline(ctx, '000000000000', '23:59');
  const day = businessDay(new Date());
  const started = performance.now();
  const ingest = await pool(values, 8, (inst) =>
    submitReport(ctx, { institutionId: inst.id, date: day, kind: 'zero', signer: '值班员', checklist: { closedManagement: true, noFever: true, noNewAdmissions: true } }),
  );
  const ingestSeconds = (performance.now() - started) / 1000;
  const read = async () => {
    const c = await completeness(ctx, { region: '520000000000', date: day, view: 'live' });
    if (c.submitted !== INSTITUTIONS) throw new Error(`completeness saw ${c.submitted} of ${INSTITUTIONS}`);
  };
  await read(); // the day's first read computes the expected counts; not counted
  // Serial (one reader, as the reference design B6 states it), then 4 readers at once.
  const serialStarted = performance.now();
  const serial = await pool(Array.from({ length: READS }), 1, read);
  const serialSeconds = (performance.now() - serialStarted) / 1000;
  const readStarted = performance.now();
  const reads = await pool(Array.from({ length: READS }), 4, read);
  const readSeconds = (performance.now() - readStarted) / 1000;
  return {
    ingestPerSecond: INSTITUTIONS / ingestSeconds,
    ingestP99: percentile(ingest, 99),
    readsPerSecond: READS / readSeconds,
    readP99: percentile(reads, 99),
    serialReadsPerSecond: READS / serialSeconds,
    serialReadP99: percentile(serial, 99),
  };
}

function show(name: string, f: Figures) {
  console.log(
    `${name.padEnd(10)} ingest ${f.ingestPerSecond.toFixed(0).padStart(6)} submissions/s (p99 ${f.ingestP99.toFixed(1)} ms)   completeness (roll-ups) serial ${f.serialReadsPerSecond.toFixed(1).padStart(7)} reads/s (p99 ${f.serialReadP99.toFixed(1)} ms), 4 readers ${f.readsPerSecond.toFixed(1).padStart(7)} reads/s (p99 ${f.readP99.toFixed(1)} ms)`,
  );
}

export async function embedded(): Promise<void> {
  console.log(machineFacts());
  const url = process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  console.log(`workload: ${INSTITUTIONS} institutions of Guizhou, one zero report each (8 in flight), then ${READS} province completeness reads one at a time and ${READS} with 4 in flight\n`);
  const dir = mkdtempSync(join(tmpdir(), 'fx-bench-'));
  const lite = await openPglite(dir);
  let pgliteFigures: Figures;
  try {
    pgliteFigures = await run(lite);
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const fresh = await freshPostgresDatabase(url);
  const pg = openPostgres(fresh.url);
  let pgFigures: Figures;
  try {
    pgFigures = await run(pg);
  } finally {
    await pg.close();
    await fresh.drop();
  }
  const probe = openPostgres(url);
  try {
    console.log(`${await pgSettings(probe)}; PGlite on disk in a temp dir\n`);
  } finally {
    await probe.close();
  }
  show('PGlite', pgliteFigures);
  show('PostgreSQL', pgFigures);
  console.log(
    `\nratio PGlite / PostgreSQL: ingest ${(pgliteFigures.ingestPerSecond / pgFigures.ingestPerSecond).toFixed(2)}x, completeness serial ${(pgliteFigures.serialReadsPerSecond / pgFigures.serialReadsPerSecond).toFixed(2)}x (target: within 2x, i.e. >= 0.50), completeness with 4 readers ${(pgliteFigures.readsPerSecond / pgFigures.readsPerSecond).toFixed(2)}x (PGlite has one connection)`,
  );
}
