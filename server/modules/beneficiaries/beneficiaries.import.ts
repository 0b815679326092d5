import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { ImportEvent, ImportRowError, ImportTotals } from '../../../common/contracts/beneficiaries';
import { isWithin, regionLevel } from '../../../common/region-code';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError } from '../../core/errors';
import { regions } from '../../db/schema/regions';
import {
  IMPORT_HEADERS,
  REQUIRED_HEADERS,
  validateRow,
  type ImportField,
  type ParsedRow,
} from './beneficiaries.rows';
import { idIndex } from './beneficiaries.rules';
import { firstSheetRows } from './beneficiaries.xlsx-reader';
import { SeenRows } from './beneficiaries.import-seen';
import { IMPORT_BATCH_ROWS, ImportStore, type PendingHousehold } from './beneficiaries.import-store';

/**
 * Streams an .xlsx of households (one row per member, grouped by 户编号 on consecutive rows) into the
 * registry: rows are read one by one and never all held, households are stored in batches of about
 * IMPORT_BATCH_ROWS rows (one transaction with its audit row each, a few batches at once; see
 * beneficiaries.import-store.ts), and every bad row is reported with its
 * column and a Chinese message. A household with a bad row is not stored; its valid rows count as skipped.
 * Yields progress after each batch, each row error as found, and the totals at the end.
 */
export async function* importHouseholds(
  ctx: Ctx,
  receive: () => Promise<{ fileName: string; stream: Readable }>,
): AsyncGenerator<ImportEvent> {
  const actor = requirePermission(ctx, 'beneficiaries:manage');
  const { fileName, stream } = await receive();
  const started = performance.now();
  const importId = randomUUID();
  const totals: ImportTotals = { processed: 0, ok: 0, failed: 0, skipped: 0, households: 0 };
  const regionProblems = new Map<string, string | null>();
  /** First row of each household key, and of each ID number (a 16-hex-digit prefix of its blind index). */
  const keyRows = new SeenRows();
  const idRows = new SeenRows();
  let pending: PendingHousehold[] = [];
  let pendingRows = 0;
  let group: ParsedRow[] = [];
  const out: ImportEvent[] = [];
  const store = new ImportStore(ctx, importId, fileName, totals, out);

  const fail = (errors: ImportRowError[]) => {
    for (const e of errors) out.push({ type: 'error', ...e });
  };

  const regionProblem = async (code: string): Promise<string | null> => {
    if (!regionProblems.has(code)) regionProblems.set(code, await checkRegion(ctx, actor, code));
    return regionProblems.get(code)!;
  };

  /** Household-level checks of a finished group; a valid household joins the pending batch. */
  const closeGroup = async () => {
    if (group.length === 0) return;
    const rows = group;
    group = [];
    const first = rows[0]!;
    const bad = new Set<number>();
    const err = (r: ParsedRow, f: ImportField, message: string) => {
      bad.add(r.row);
      out.push({ type: 'error', row: r.row, field: IMPORT_HEADERS[f], message });
    };
    for (const r of rows) {
      if (r.errors.length) {
        bad.add(r.row);
        fail(r.errors);
      }
    }
    if (!first.regionCode && !first.errors.some((e) => e.field === IMPORT_HEADERS.regionCode))
      err(first, 'regionCode', '户的第一行须填写区划代码');
    if (!first.programme && !first.programmeText) err(first, 'programme', '户的第一行须填写救助类别');
    if (!first.address) err(first, 'address', '户的第一行须填写家庭住址');
    if (first.regionCode) {
      const problem = await regionProblem(first.regionCode);
      if (problem) err(first, 'regionCode', problem);
    }
    for (const r of rows.slice(1)) {
      if (r.regionCode && r.regionCode !== first.regionCode)
        err(r, 'regionCode', `与同户第 ${first.row} 行的区划代码不一致`);
      if (r.programmeText && r.programme !== first.programme)
        err(r, 'programme', `与同户第 ${first.row} 行的救助类别不一致`);
      if (r.address && r.address !== first.address)
        err(r, 'address', `与同户第 ${first.row} 行的家庭住址不一致`);
    }
    const heads = rows.filter((r) => r.member?.relation === 'head');
    if (heads.length === 0 && rows.every((r) => r.member))
      err(first, 'relation', `户编号 ${first.key} 没有户主`);
    for (const extra of heads.slice(1))
      err(extra, 'relation', `户编号 ${first.key} 已有户主（第 ${heads[0]!.row} 行）`);
    const indexes: string[] = [];
    for (const r of rows) {
      if (!r.member) continue;
      const ix = idIndex(ctx.secrets, r.member.idNumber);
      indexes.push(ix);
      const seen = idRows.firstOrAddHex(ix, r.row);
      if (seen !== undefined) err(r, 'idNumber', `身份证号与第 ${seen} 行重复`);
    }
    if (bad.size > 0) {
      totals.failed += bad.size;
      totals.skipped += rows.length - bad.size;
      return;
    }
    pending.push({
      household: {
        regionCode: first.regionCode,
        address: first.address,
        programme: first.programme!,
        members: rows.map((r) => r.member!),
        indexes,
      },
      rows: rows.map((r) => r.row),
    });
    pendingRows += rows.length;
  };

  const flush = async () => {
    const batch = pending;
    pending = [];
    pendingRows = 0;
    await store.add(batch);
  };

  let columns: Partial<Record<ImportField, number>> | null = null;
  try {
    for await (const sheetRows of firstSheetRows(stream)) {
      for (const row of sheetRows) {
        const values = row.values;
        if (!columns) {
          columns = headerColumns(values);
          continue;
        }
        const get = (f: ImportField) => (columns![f] === undefined ? '' : (values[columns![f]!] ?? ''));
        if (!values.some((v) => v)) continue;
        totals.processed++;
        const parsed = validateRow(row.number, get);
        if (group.length > 0 && parsed.key !== group[0]!.key) {
          await closeGroup();
          if (pendingRows >= IMPORT_BATCH_ROWS) {
            await flush();
            out.push({ type: 'progress', ...totals });
          }
        }
        // The first row of a group (a key other than the last row's) records its key; a key seen before is an error.
        const firstRow =
          parsed.key && group.length === 0 ? keyRows.firstOrAddText(parsed.key, row.number) : undefined;
        if (firstRow !== undefined) {
          parsed.errors.push({
            row: row.number,
            field: IMPORT_HEADERS.key,
            message: `户编号 ${parsed.key} 已在第 ${firstRow} 行出现，同户成员须排在相邻的行`,
          });
          parsed.member = null;
        }
        group.push(parsed);
      }
      if (out.length) yield* out.splice(0);
    }
  } catch (err) {
    if (err instanceof AppError || store.isStoreFailure(err)) throw err;
    throw new AppError(
      400,
      'SPREADSHEET_INVALID',
      `无法读取该 Excel 文件（已导入 ${totals.households} 户 ${totals.ok} 人）`,
    );
  }
  if (!columns) throw new AppError(400, 'SPREADSHEET_INVALID', '表格为空（请使用导入模板）');
  await closeGroup();
  await flush();
  await store.drain();
  yield* out.splice(0);
  const seconds = (performance.now() - started) / 1000;
  await withTx(ctx, (tx) =>
    recordAudit(tx, {
      action: 'beneficiary.import',
      entityType: 'beneficiary_import',
      entityId: importId,
      details: { fileName, done: true, batches: store.batches, ...totals },
    }),
  );
  yield { type: 'done', fileName, seconds, ...totals };
}

function headerColumns(values: string[]): Partial<Record<ImportField, number>> {
  const byText = new Map<string, number>();
  values.forEach((v, i) => byText.set(v.replace(/\s|\*/g, ''), i));
  const cols: Partial<Record<ImportField, number>> = {};
  for (const [f, h] of Object.entries(IMPORT_HEADERS) as Array<[ImportField, string]>)
    if (byText.has(h)) cols[f] = byText.get(h)!;
  const missing = REQUIRED_HEADERS.filter((f) => cols[f] === undefined);
  if (missing.length)
    throw new AppError(
      400,
      'SPREADSHEET_INVALID',
      `缺少表头：${missing.map((f) => IMPORT_HEADERS[f]).join('、')}（请使用导入模板）`,
    );
  return cols;
}

/** Why a household may not be registered in this region by this actor; null when it may. */
async function checkRegion(ctx: Ctx, actor: Actor, code: string): Promise<string | null> {
  if (!isWithin(code, actor.regionCode)) return `区划 ${code} 不在您的管辖范围内`;
  const [r] = await ctx.db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  if (!r) return `区划代码 ${code} 不存在`;
  const level = regionLevel(code);
  if (level !== 'town' && level !== 'village') return '须为乡镇(街道)或村(社区)代码';
  return null;
}
