import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { CreateInstitutionInput, ImportPreview, ImportResult, ImportRow } from '../../../common/contracts/institutions';
import { CreateInstitutionInput as InputSchema } from '../../../common/contracts/institutions';
import { regionLevel, isWithin } from '../../../common/region-code';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, badRequest, notFound } from '../../core/errors';
import { readSheet } from '../../core/excel';
import type { Db } from '../../db/client';
import { institutionImports, institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { FIELD_HEADERS, parseType, parseYesNo, type ImportField } from './institutions.columns';
import { nameKey } from './institutions.rules';
import { createInstitution } from './institutions.service';

interface StoredRow extends ImportRow {
  data: CreateInstitutionInput | null;
}

const MAX_ROWS = 5_000;

function toNumber(text: string): number | string {
  if (text === '') return text;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** Turns a sheet row into input for the contract, noting what cannot even be read. */
function readRow(cells: Record<string, string>): { raw: Record<string, unknown>; errors: ImportRow['errors'] } {
  const get = (f: ImportField) => cells[FIELD_HEADERS[f]] ?? '';
  const errors: ImportRow['errors'] = [];
  const type = parseType(get('type'));
  if (get('type') && !type) errors.push({ field: FIELD_HEADERS.type, message: `机构类型「${get('type')}」未知` });
  const tekun = parseYesNo(get('housesTekun'));
  if (tekun === null) errors.push({ field: FIELD_HEADERS.housesTekun, message: '须填写「是」或「否」' });
  const regionText = get('regionCode').replace(/\D/g, '');
  const raw: Record<string, unknown> = {
    name: get('name'),
    type: type ?? (get('type') ? '__bad__' : ''),
    regionCode: regionText.length >= 9 ? regionText.padEnd(12, '0') : get('regionCode'),
    address: get('address'),
    beds: toNumber(get('beds')),
    residents: toNumber(get('residents')),
    housesTekun: tekun ?? false,
    staff: toNumber(get('staff')),
    responsiblePerson: get('responsiblePerson'),
    responsiblePhone: get('responsiblePhone'),
    dutyPhone: get('dutyPhone') || null,
    lat: get('lat') ? toNumber(get('lat')) : null,
    lng: get('lng') ? toNumber(get('lng')) : null,
  };
  return { raw, errors };
}

const label = (path: PropertyKey | undefined) => FIELD_HEADERS[String(path) as ImportField] ?? String(path);

async function validateRows(db: Db, actor: Actor, sheetRows: Array<{ row: number; cells: Record<string, string> }>): Promise<StoredRow[]> {
  const codes = [...new Set(sheetRows.map((r) => (r.cells[FIELD_HEADERS.regionCode] ?? '').replace(/\D/g, '').padEnd(12, '0')))];
  const known = new Set(
    codes.length ? (await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes))).map((r) => r.code) : [],
  );
  const seen = new Map<string, number>();
  const out: StoredRow[] = [];
  for (const { row, cells } of sheetRows) {
    const { raw, errors } = readRow(cells);
    const parsed = InputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = label(issue.path[0]);
        if (issue.path[0] === 'type' && raw.type === '__bad__') continue;
        if (issue.path[0] === 'name' && !raw.name) errors.push({ field, message: '缺少机构名称' });
        else if (issue.path[0] === 'type' && !raw.type) errors.push({ field, message: '缺少机构类型' });
        else errors.push({ field, message: issue.message });
      }
    }
    const code = String(raw.regionCode);
    if (/^\d{12}$/.test(code)) {
      if (!known.has(code)) errors.push({ field: FIELD_HEADERS.regionCode, message: `区划代码 ${code} 不存在` });
      else if (!isWithin(code, actor.regionCode)) errors.push({ field: FIELD_HEADERS.regionCode, message: `区划 ${code} 不在您的管辖范围内` });
      else if (!['town', 'village'].includes(regionLevel(code))) errors.push({ field: FIELD_HEADERS.regionCode, message: '须为乡镇(街道)或村(社区)代码' });
    }
    const name = typeof raw.name === 'string' && raw.name ? raw.name : null;
    if (name && /^\d{12}$/.test(code)) {
      const key = `${code}|${nameKey(name)}`;
      const first = seen.get(key);
      if (first !== undefined) errors.push({ field: FIELD_HEADERS.name, message: `与第 ${first} 行重复` });
      else seen.set(key, row);
    }
    out.push({ row, name, errors, data: errors.length === 0 && parsed.success ? parsed.data : null });
  }
  await markRegistryDuplicates(db, out);
  return out;
}

/** Rows whose name already exists in the same town or village of the registry. */
async function markRegistryDuplicates(db: Db, rows: StoredRow[]): Promise<void> {
  const candidates = rows.filter((r) => r.data);
  if (candidates.length === 0) return;
  const existing = await db
    .select({ regionCode: institutions.regionCode, nameKey: institutions.nameKey })
    .from(institutions)
    .where(inArray(institutions.regionCode, [...new Set(candidates.map((r) => r.data!.regionCode))]));
  const keys = new Set(existing.map((e) => `${e.regionCode}|${e.nameKey}`));
  for (const r of candidates) {
    if (keys.has(`${r.data!.regionCode}|${nameKey(r.data!.name)}`)) {
      r.errors.push({ field: FIELD_HEADERS.name, message: '与已登记机构重复' });
      r.data = null;
    }
  }
}

const publicRows = (rows: StoredRow[]): ImportRow[] => rows.map(({ row, name, errors }) => ({ row, name, errors }));

/** Dry run: every row checked, nothing stored but the pending batch. */
export async function previewImport(ctx: Ctx, file: { fileName: string; buffer: Buffer }): Promise<ImportPreview> {
  const actor = requirePermission(ctx, 'institutions:manage');
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(file.buffer);
  } catch {
    throw badRequest('SPREADSHEET_INVALID');
  }
  const missing = (['name', 'type', 'regionCode'] as const).filter((f) => !sheet.headers.includes(FIELD_HEADERS[f]));
  if (missing.length) {
    throw new AppError(400, 'SPREADSHEET_INVALID', `缺少表头：${missing.map((f) => FIELD_HEADERS[f]).join('、')}（请使用导入模板）`);
  }
  if (sheet.rows.length > MAX_ROWS) throw new AppError(400, 'SPREADSHEET_INVALID', `一次最多导入 ${MAX_ROWS} 行`);
  const rows = await validateRows(ctx.db, actor, sheet.rows);
  const id = randomUUID();
  await withTx(ctx, async (tx) => {
    await tx.db.insert(institutionImports).values({ id, userId: actor.userId, fileName: file.fileName, rows, createdAt: tx.now() });
    await recordAudit(tx, { action: 'institution.import.preview', entityType: 'institution_import', entityId: id, details: { fileName: file.fileName, total: rows.length } });
  });
  const valid = rows.filter((r) => r.data).length;
  return { importId: id, fileName: file.fileName, total: rows.length, valid, invalid: rows.length - valid, rows: publicRows(rows) };
}

/** Confirmation: stores exactly the rows that are still valid, reports every skipped one. */
export async function confirmImport(ctx: Ctx, importId: string): Promise<ImportResult> {
  const actor = requirePermission(ctx, 'institutions:manage');
  const [batch] = await ctx.db
    .select()
    .from(institutionImports)
    .where(and(eq(institutionImports.id, importId), eq(institutionImports.userId, actor.userId), isNull(institutionImports.confirmedAt)));
  if (!batch) throw notFound('IMPORT_NOT_FOUND');
  const rows = batch.rows as StoredRow[];
  await markRegistryDuplicates(ctx.db, rows);
  return withTx(ctx, async (tx) => {
    let created = 0;
    for (const r of rows) {
      if (!r.data) continue;
      await createInstitution(tx, r.data);
      created++;
    }
    await tx.db.update(institutionImports).set({ confirmedAt: tx.now() }).where(eq(institutionImports.id, importId));
    const skipped = publicRows(rows.filter((r) => !r.data));
    await recordAudit(tx, { action: 'institution.import.confirm', entityType: 'institution_import', entityId: importId, details: { created, skipped: skipped.length } });
    return { created, skipped };
  });
}
