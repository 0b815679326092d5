import { AppError } from '../../core/errors';

/** The text of a shared string by its index ('' when there is none). */
export type SharedString = (index: number) => string;

/** One sheet row: its number and the text of each cell by column number (1 = A), trimmed. */
export interface SheetRowText {
  number: number;
  values: string[];
}

/** A row (or what precedes it) longer than this is not a spreadsheet row but a broken or hostile file. */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ROW_NUMBER = /(?:^|\s)r="(\d+)"/;
const CELL_REF = /(?:^|\s)r="([A-Z]+)\d*"/;
const CELL_TYPE = /(?:^|\s)t="(\w+)"/;
const VALUE = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/;
/** Text runs of an inline string; phonetic guides (<rPh>) are left out. */
const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>/g;
const TEXT_RUN = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function xmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
    name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
  );
}

/** Column number of the letters of a cell reference (A = 1, Z = 26, AA = 27). */
function columnOf(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/**
 * A number cell as the import has always read it: a whole number in full, anything else in exponent
 * form (an ID number Excel turned into 6.20503195001011E+17 stays recognisable as such).
 */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return '';
  return Number.isSafeInteger(n) ? String(n) : n.toExponential().toUpperCase();
}

function cellValue(attrs: string, body: string | undefined, shared: SharedString): string {
  if (!body) return '';
  const type = CELL_TYPE.exec(attrs)?.[1] ?? 'n';
  if (type === 'inlineStr') {
    let text = '';
    for (const m of body.replace(PHONETIC, '').matchAll(TEXT_RUN)) text += m[1] ?? '';
    return xmlText(text).trim();
  }
  const v = VALUE.exec(body)?.[1];
  if (v === undefined) return '';
  switch (type) {
    case 's':
      return shared(Number(v));
    case 'str':
    case 'e':
      return xmlText(v).trim();
    case 'b':
      return String(Number(v) !== 0);
    case 'd':
      return v.trim().slice(0, 10);
    default:
      return numberText(parseFloat(v));
  }
}

/** The rows of a run of complete <row> elements. */
function rowsOf(xml: string, shared: SharedString, previous: number): SheetRowText[] {
  const out: SheetRowText[] = [];
  for (const row of xml.matchAll(ROW)) {
    const n = ROW_NUMBER.exec(row[1]!);
    const number = n ? Number(n[1]) : previous + 1;
    previous = number;
    const values: string[] = [];
    let col = 0;
    if (row[2])
      for (const c of row[2].matchAll(CELL)) {
        const ref = CELL_REF.exec(c[1]!);
        col = ref ? columnOf(ref[1]!) : col + 1;
        values[col] = cellValue(c[1]!, c[2], shared);
      }
    out.push({ number, values });
  }
  return out;
}

/**
 * Reads the rows of a worksheet's XML as it streams in (already decoded text), without building cell
 * objects: a lean replacement for exceljs's per-cell worksheet parser, which spent more time and
 * garbage per row than the rest of the import. Shared strings are looked up with `shared` (exceljs
 * caches them before it hands over the sheet). Yields the rows completed by each chunk.
 */
export async function* sheetRows(
  chunks: AsyncIterable<string>,
  shared: SharedString,
): AsyncGenerator<SheetRowText[]> {
  let pending = '';
  let previous = 0;
  let done = false;
  for await (const chunk of chunks) {
    if (done) continue; // what follows the rows (merged cells, page setup) is read past
    pending += chunk;
    const dataEnd = pending.indexOf('</sheetData>');
    if (dataEnd >= 0) {
      pending = pending.slice(0, dataEnd);
      done = true;
    }
    const end = done ? pending.length : pending.lastIndexOf('</row>') + 6;
    if (end < 6) {
      if (pending.length > MAX_PENDING_CHARS)
        throw new AppError(400, 'SPREADSHEET_INVALID', '表格中有一行过大，无法读取');
      continue;
    }
    const rows = rowsOf(pending.slice(0, end), shared, previous);
    pending = pending.slice(end);
    if (rows.length === 0) continue;
    previous = rows.at(-1)!.number;
    yield rows;
  }
  const rest = rowsOf(pending, shared, previous);
  if (rest.length) yield rest;
}
