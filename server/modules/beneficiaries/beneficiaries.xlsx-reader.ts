import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sheetRows, type SheetRowText } from './beneficiaries.xlsx-rows';

/** Decodes UTF-8 across chunk boundaries (a character split between two chunks stays whole). */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.write(c);
    if (s) yield s;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): unknown;
  _parseSharedStrings(entry: Readable): unknown;
}

/**
 * exceljs's streamed reader decodes each 16 KiB zip chunk on its own, so a Chinese character split
 * between two chunks becomes U+FFFD (exceljs issues #2063, #2084, about one row in a few thousand).
 * This reader hands the worksheet and shared-string parsers already-decoded text instead.
 */
export function workbookReader(input: Readable): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8(iterator), sheetNo);
  internals._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return parseSharedStrings(entry);
  };
  return reader;
}

/** A cached shared string of exceljs: plain text, or rich text in runs. */
type Shared = string | null | undefined | { richText?: Array<{ text?: string | null }> };

const sharedText = (v: Shared): string =>
  (typeof v === 'string' ? v : (v?.richText?.map((r) => r.text ?? '').join('') ?? '')).trim();

/**
 * The rows of the first worksheet of an .xlsx stream (later sheets are read past), as text by column
 * number: exceljs unzips and caches the shared strings, the rows are read by `sheetRows`.
 */
export async function* firstSheetRows(input: Readable): AsyncGenerator<SheetRowText[]> {
  const reader = workbookReader(input);
  let sheetNo = 0;
  for await (const ws of reader) {
    const chunks = (ws as unknown as { iterator: AsyncIterable<string> }).iterator;
    if (sheetNo++ > 0) {
      // Read a later sheet past, to its end: exceljs deletes the temporary file it may have written for the
      // sheet as soon as we move on, and a file stream left unread then fails to open with an uncaught error.
      for await (const chunk of chunks) void chunk;
      continue;
    }
    const strings = (reader as unknown as { sharedStrings?: Shared[] }).sharedStrings ?? [];
    yield* sheetRows(chunks, (i) => sharedText(strings[i]));
  }
}
