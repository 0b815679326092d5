// Import sheets for the institutions browser test: rows by the import's Chinese headers, written as .xlsx.
import ExcelJS from 'exceljs';
import { FIELD_HEADERS } from '../server/modules/institutions/institutions.columns';

/** The import's Chinese column headers by field. */
export const H = FIELD_HEADERS;
const HEADERS = Object.values(H);

/** One institution row of an import sheet, by Chinese header, with the fields given changed. */
export function row(over: Partial<Record<string, string | number>> = {}): Record<string, string | number> {
  return {
    [H.name]: '长征街道康养中心',
    [H.type]: '养老机构',
    [H.regionCode]: '520302009000',
    [H.address]: '红花岗区长征街道长征路 18 号',
    [H.beds]: 80,
    [H.residents]: 52,
    [H.housesTekun]: '否',
    [H.staff]: 16,
    [H.responsiblePerson]: '王建国',
    [H.responsiblePhone]: '13985212345',
    [H.dutyPhone]: '0851-28221234',
    ...over,
  };
}

/** An .xlsx import sheet of the rows, the headers the import expects first. */
export async function workbook(rows: Array<Record<string, string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('机构');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(HEADERS.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
