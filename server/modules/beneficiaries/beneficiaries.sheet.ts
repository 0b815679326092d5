import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { idNumberFor, lcg, personName } from '../../db/seed/beneficiaries.demo';
import { IMPORT_HEADERS, type ImportField } from './beneficiaries.rows';

export type SheetRow = Partial<Record<ImportField, string>>;

/** Writes an import sheet with the streamed writer (rows are never all in memory). */
export async function writeImportSheet(path: string, rows: Iterable<SheetRow>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(path),
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('救助对象');
  const fields = Object.keys(IMPORT_HEADERS) as ImportField[];
  ws.addRow(fields.map((f) => IMPORT_HEADERS[f])).commit();
  for (const r of rows) ws.addRow(fields.map((f) => r[f] ?? '')).commit();
  ws.commit();
  await wb.commit();
}

/**
 * `households` generated households (1–4 members, about 2.2 on average) in the given villages, with
 * valid, unique ID numbers (area code of the village's county, a distinct birth date and sequence per person).
 */
export function* generatedHouseholds(
  households: number,
  villageCodes: string[],
  seed = 1,
  firstPerson = 0,
): Generator<SheetRow> {
  const rand = lcg(seed);
  let person = firstPerson;
  for (let h = 0; h < households; h++) {
    const village = villageCodes[h % villageCodes.length]!;
    const size = [1, 1, 2, 2, 2, 3, 3, 4][Math.floor(rand() * 8)]!;
    for (let m = 0; m < size; m++) {
      // Person n: birth day n / 1000 days after 1930-01-01 (unique with its sequence n % 1000).
      const day = new Date(Date.UTC(1930, 0, 1) + Math.floor(person / 1000) * 86_400_000)
        .toISOString()
        .slice(0, 10)
        .replace(/-/g, '');
      const id = idNumberFor(village.slice(0, 6), day, person);
      person++;
      yield {
        key: `H${seed}-${h}`,
        ...(m === 0
          ? {
              regionCode: village,
              address: `第 ${h % 9} 组 ${h} 号`,
              programme: h % 3 === 0 ? '城市低保' : 'rural_dibao',
            }
          : {}),
        relation: m === 0 ? '户主' : m === 1 ? '配偶' : '子女',
        name: personName(rand),
        idNumber: id,
        phone: m === 0 ? `139${String(person).padStart(8, '0')}` : '',
        disability: rand() < 0.1 ? '是' : '否',
      };
    }
  }
}
