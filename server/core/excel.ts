import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';

/** Text that a spreadsheet would take for a formula is written with a leading apostrophe (OWASP CSV injection). */
const RISKY = /^[=+\-@\t\r\0]/;

export function escapeCell(v: unknown): unknown {
  return typeof v === 'string' && RISKY.test(v) ? `'${v}` : v;
}

export interface Column<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | boolean | null;
}

/**
 * Streams an .xlsx of one sheet: rows come page by page from `pages`, so a big export never sits in
 * memory and never holds the (single) embedded connection for long.
 */
export function streamWorkbook<T>(sheetName: string, columns: Column<T>[], pages: AsyncIterable<T[]>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const page of pages) {
        for (const row of page) ws.addRow(columns.map((c) => escapeCell(c.value(row)))).commit();
      }
      ws.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** Content-Disposition for a download with a Chinese file name. */
export function attachmentHeader(fileName: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reads the first sheet of an .xlsx into rows of cell texts keyed by header text. */
export async function readSheet(buf: Buffer): Promise<{ headers: string[]; rows: Array<{ row: number; cells: Record<string, string> }> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell).trim();
  });
  const rows: Array<{ row: number; cells: Record<string, string> }> = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    headers.forEach((h, i) => {
      const text = cellText(r.getCell(i + 1)).trim();
      if (text) any = true;
      if (h) cells[h] = text;
    });
    if (any) rows.push({ row: n, cells });
  });
  return { headers, rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result as string | number);
    if ('text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v as string | number | boolean);
}
