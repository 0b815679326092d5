/**
 * Writes the `beneficiary-import` workload sheet in a process of its own, so that the memory the
 * writer leaves behind is not counted as the import's:
 * `tsx bench/beneficiary-sheet.ts <path> <rows> <town codes, comma-separated>`.
 */
import { generatedHouseholds, writeImportSheet } from '../server/modules/beneficiaries/beneficiaries.sheet';

const [path, rowsText, townList] = process.argv.slice(2);
const rows = Number(rowsText);
const towns = townList!.split(',');
let written = 0;
await writeImportSheet(
  path!,
  (function* () {
    for (const r of generatedHouseholds(rows, towns, 1)) {
      if (written++ >= rows) return;
      yield r;
    }
  })(),
);
