/** `npm run bench -- NAME`: runs one benchmark by name. */
import { completenessBench } from './completeness';
import { embedded } from './embedded';
import { beneficiaryImport } from './beneficiary-import';
import { rollupCost } from './rollup-cost';
import { trendBench } from './trend';
import { ingestBench } from './ingest';
import { sweep } from './sweep';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  ingest: ingestBench,
  completeness: completenessBench,
  'rollup-cost': rollupCost,
  trend: trendBench,
  embedded,
  sweep,
  'beneficiary-import': beneficiaryImport,
};

const name = process.argv[2];
const bench = name ? BENCHMARKS[name] : undefined;
if (!bench) {
  console.log(`usage: npm run bench -- <name>\nbenchmarks: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(name ? 2 : 0);
}
const started = Date.now();
await bench();
console.log(`\n${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(0);
