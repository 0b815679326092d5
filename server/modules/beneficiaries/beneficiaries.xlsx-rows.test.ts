import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { firstSheetRows } from './beneficiaries.xlsx-reader';
import { sheetRows, type SheetRowText } from './beneficiaries.xlsx-rows';

const dir = mkdtempSync(join(tmpdir(), 'fx-xlsx-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(chunks: string[], shared: string[] = []): Promise<SheetRowText[]> {
  const out: SheetRowText[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const rows of sheetRows(source(), (i) => shared[i] ?? '')) out.push(...rows);
  return out;
}

const SHEET =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetPr/><dimension ref="A1:D4"/><cols><col min="1" max="1"/></cols><sheetData>' +
  '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> 姓名 </t></is></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><r><t>王</t></r><r><rPr><b/></rPr><t>小&amp;明</t></r><rPh><t>ワン</t></rPh></is></c>' +
  '<c r="C2"><v>13800000001</v></c><c r="D2" t="str"><f>A1</f><v>&lt;公式&gt;</v></c></row>' +
  '<row r="3" ht="20" customHeight="1"/>' +
  '<row r="5"><c r="B5"><v>6.20503195001011E+17</v></c><c r="AA5" t="b"><v>1</v></c><c r="C5" t="e"><v>#N/A</v></c></row>' +
  '<row><c><v>7</v></c><c t="inlineStr"><is><t>&#x4E2D;&#22269;</t></is></c></row>' +
  '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><row r="99"><c r="A99"><v>1</v></c></row></worksheet>';

/** A sparse row as the scanner builds it: text by column number. */
const cols = (byColumn: Record<number, string>): string[] =>
  Object.assign<string[], Record<number, string>>([], byColumn);

const EXPECTED: SheetRowText[] = [
  { number: 1, values: cols({ 1: '户编号', 2: '姓名' }) },
  { number: 2, values: cols({ 1: '王小&明', 3: '13800000001', 4: '<公式>' }) },
  { number: 3, values: [] },
  { number: 5, values: cols({ 2: '6.20503195001011E+17', 27: 'true', 3: '#N/A' }) },
  { number: 6, values: cols({ 1: '7', 2: '中国' }) },
];

describe('worksheet row scanner', () => {
  it('reads shared, inline, rich, formula, number, boolean and error cells; stops at </sheetData>', async () => {
    expect(await collect([SHEET], ['户编号'])).toEqual(EXPECTED);
  });

  it('gives the same rows however the XML is cut into chunks (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: SHEET.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), SHEET.length];
          const chunks = at.slice(1).map((end, i) => SHEET.slice(at[i], end));
          expect(await collect(chunks, ['户编号'])).toEqual(EXPECTED);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a row that never ends instead of holding it all', async () => {
    const huge = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' + 'x'.repeat(1 << 20);
    await expect(collect(['<worksheet>', ...Array<string>(9).fill(huge)])).rejects.toMatchObject({
      code: 'SPREADSHEET_INVALID',
    });
  });

  it('reads a workbook saved with shared strings and rich text (as Excel saves it), first sheet only', async () => {
    const path = join(dir, 'shared.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('救助对象');
    ws.addRow(['户编号', '姓名', '身份证号']);
    ws.addRow([
      'H1',
      { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
      '620503195001011234',
    ]);
    ws.addRow(['H1', '张三', Number('620503195001011234')]); // an ID number typed as a number
    wb.addWorksheet('说明').addRow(['不读']);
    await wb.xlsx.writeFile(path);
    const rows: SheetRowText[] = [];
    for await (const batch of firstSheetRows(createReadStream(path))) rows.push(...batch);
    expect(rows.map((r) => [r.number, r.values.slice(1)])).toEqual([
      [1, ['户编号', '姓名', '身份证号']],
      [2, ['H1', '张三', '620503195001011234']],
      [3, ['H1', '张三', expect.stringMatching(/^6\.\d+E\+17$/)]],
    ]);
  });
});
