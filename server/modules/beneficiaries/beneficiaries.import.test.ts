import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { count, eq } from 'drizzle-orm';
import { idCheckChar } from '../../../common/id-card';
import type { ImportEvent } from '../../../common/contracts/beneficiaries';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { householdMembers, households } from '../../db/schema/beneficiaries';
import { regions } from '../../db/schema/regions';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, multipart, testApp, type Session, type TestUser } from '../../test/http';
import { villages } from '../regions/regions.source';
import { idNumberFor } from '../../db/seed/beneficiaries.demo';
import { importHouseholds } from './beneficiaries.import';
import { IMPORT_HEADERS, validateRow, type ImportField } from './beneficiaries.rows';
import { generatedHouseholds, writeImportSheet, type SheetRow } from './beneficiaries.sheet';

let database: Database;
let app: FastifyInstance;
let officer: Session;
let cadre: Session;
let officerUser: TestUser;
let dir: string;
const V1 = '620503100001';
const V2 = '620503100002';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fx-bimport-'));
  database = await testDatabase();
  await seedTestRegions(database);
  for await (const batch of villages(['620503']))
    await database.db.insert(regions).values(batch).onConflictDoNothing();
  officerUser = await makeUser(database, { username: 'mj_off', role: 'officer', regionCode: '620503000000' });
  await makeUser(database, { username: 'mj_cadre', role: 'village_cadre', regionCode: V1 });
  app = await testApp(database);
  officer = await login(app, 'mj_off');
  cadre = await login(app, 'mj_cadre');
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const id = (seq: number, birth = '19500101') => idNumberFor('620503', birth, seq);
const wrongCheck = (good: string) => good.slice(0, 17) + (good[17] === '0' ? '1' : '0');

async function upload(session: Session, rows: SheetRow[]) {
  const path = join(dir, `${Math.random()}.xlsx`);
  await writeImportSheet(path, rows);
  const { payload, headers } = multipart(readFileSync(path), '救助对象.xlsx');
  const res = await call(session, 'POST', '/api/beneficiaries/import', payload, headers);
  return res;
  function call(s: Session, method: 'POST', url: string, body: Buffer, h: Record<string, string>) {
    return app.inject({
      method,
      url,
      payload: body,
      headers: { ...h, cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  }
}

const events = (body: string) =>
  body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ImportEvent);

describe('streamed .xlsx import', () => {
  it('reports exactly the bad rows (row, column, Chinese message) and keeps the good households', async () => {
    const h = (key: string, region: string, programme: string) => ({
      key,
      regionCode: region,
      address: '星火社区 1 组',
      programme,
    });
    const rows: SheetRow[] = [
      { ...h('A', V1, '农村低保'), relation: '户主', name: '王一', idNumber: id(1), phone: '13800000001' }, // row 2 ok
      { key: 'A', relation: '配偶', name: '李一', idNumber: id(2) }, // 3 ok
      { ...h('B', V1, '特困（分散供养）'), relation: '户主', name: '赵二', idNumber: wrongCheck(id(3)) }, // 4 bad check digit
      { ...h('C', V2, '低保户'), relation: '户主', name: '孙三', idNumber: id(4) }, // 5 unknown programme
      { ...h('D', '620503199999', 'urban_dibao'), relation: '户主', name: '周四', idNumber: id(5) }, // 6 unknown region
      { ...h('E', '520302001000', 'urban_dibao'), relation: '户主', name: '吴五', idNumber: id(6) }, // 7 out of scope
      { ...h('F', V2, '孤儿'), relation: '孙子', name: '郑六', idNumber: id(7) }, // 8 unknown relation
      { ...h('G', V2, '城市低保'), relation: '户主', name: '冯七', idNumber: id(1) }, // 9 duplicate of row 2
      { ...h('H', V2, '城市低保'), relation: 'head', name: '陈八', idNumber: id(8) }, // 10 ok (keys accepted)
      { key: 'H', relation: '子女', name: '陈九', idNumber: id(9), disability: '是' }, // 11 ok
      { ...h('I', V2, '农村低保'), relation: '户主', name: '褚十', idNumber: id(10) }, // 12 skipped (household has a bad row)
      { key: 'I', relation: '子女', name: '褚十一', idNumber: '12345' }, // 13 bad format
    ];
    const res = await upload(officer, rows);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const ev = events(res.body);
    const errors = ev
      .filter((e) => e.type === 'error')
      .map((e) => ({ row: e.row, field: e.field, message: e.message }));
    expect(errors.map((e) => e.row).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 13]);
    const byRow = new Map(errors.map((e) => [e.row, e]));
    expect(byRow.get(4)).toEqual({ row: 4, field: '身份证号', message: '身份证号校验码错误' });
    expect(byRow.get(5)!.field).toBe('救助类别');
    expect(byRow.get(5)!.message).toContain('「低保户」未知');
    expect(byRow.get(6)!.message).toBe('区划代码 620503199999 不存在');
    expect(byRow.get(7)!.message).toContain('不在您的管辖范围内');
    expect(byRow.get(8)!.field).toBe('与户主关系');
    expect(byRow.get(9)!.message).toBe('身份证号与第 2 行重复');
    const done = ev.at(-1)!;
    expect(done).toMatchObject({ type: 'done', processed: 12, ok: 4, failed: 7, skipped: 1, households: 2 });
    const [n] = await database.db.select({ n: count() }).from(householdMembers);
    expect(n!.n).toBe(4);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'beneficiary.import'));
    expect(audit.map((a) => a.details)).toEqual([
      expect.objectContaining({ batch: 1, households: 2, rows: 4, firstRow: 2, lastRow: 11 }),
      expect.objectContaining({ done: true, processed: 12, ok: 4, failed: 7 }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(id(1));
    // A second upload of the same good rows: every one is already in the registry.
    const again = events((await upload(officer, [rows[0]!, rows[1]!])).body);
    expect(again.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.message)).toEqual([
      '该身份证号已在救助对象库中登记',
      '该身份证号已在救助对象库中登记',
    ]);
  });

  it('refuses the import without beneficiaries:manage, a non-xlsx file and a sheet without the headers', async () => {
    expect((await upload(cadre, [])).statusCode).toBe(403);
    const { payload, headers } = multipart(Buffer.from('%PDF-1.4 not a sheet'), 'x.xlsx');
    const pdf = await app.inject({
      method: 'POST',
      url: '/api/beneficiaries/import',
      payload,
      headers: { ...headers, cookie: officer.cookie, 'x-csrf-token': officer.csrf },
    });
    expect(pdf.statusCode).toBe(415);
    const path = join(dir, 'noheaders.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '电话']);
    await wb.xlsx.writeFile(path);
    const ctx = ctxFor(database, {
      id: officerUser.id,
      username: 'mj_off',
      role: 'officer',
      regionCode: '620503000000',
    });
    const run = importHouseholds(ctx, async () => ({ fileName: 'x.xlsx', stream: createReadStream(path) }));
    await expect(run.next()).rejects.toMatchObject({ code: 'SPREADSHEET_INVALID' });
  });

  it('offers the template for download', async () => {
    const res = await call(app, officer, 'GET', '/api/beneficiaries/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the row validator accepts exactly the ID numbers whose check character is right (property)', () => {
    const digits = (n: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
    const birth = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
    fc.assert(
      fc.property(
        fc.integer({ min: 110000, max: 659999 }),
        birth,
        digits(3),
        fc.constantFrom(...'0123456789X'),
        (area, b, seq, check) => {
          const body = `${area}${b}${seq}`;
          const cells: Partial<Record<ImportField, string>> = {
            key: 'K',
            relation: '户主',
            name: '张三',
            idNumber: body + check,
          };
          const r = validateRow(2, (f) => cells[f] ?? '');
          const idErrors = r.errors.filter((e) => e.field === IMPORT_HEADERS.idNumber);
          if (check === idCheckChar(body)) expect(idErrors).toEqual([]);
          else expect(idErrors).toEqual([{ row: 2, field: '身份证号', message: '身份证号校验码错误' }]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('streams 50,000 rows in bounded memory', async () => {
    const path = join(dir, 'big.xlsx');
    const villageCodes = (
      await database.db
        .select({ code: regions.code })
        .from(regions)
        .where(eq(regions.parentCode, '620503101000'))
    ).map((r) => r.code);
    let rowsWritten = 0;
    await writeImportSheet(
      path,
      (function* () {
        for (const r of generatedHouseholds(50_000, villageCodes, 7)) {
          if (rowsWritten++ >= 50_000) return;
          yield r;
        }
      })(),
    );
    const ctx = ctxFor(database, {
      id: officerUser.id,
      username: 'mj_off',
      role: 'officer',
      regionCode: '620503000000',
    });
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let last: ImportEvent | undefined;
    for await (const e of importHouseholds(ctx, async () => ({
      fileName: 'big.xlsx',
      stream: createReadStream(path),
    }))) {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      last = e;
    }
    expect(last).toMatchObject({ type: 'done', processed: 50_000, failed: 0 });
    // The last household may have been cut by the 50,000-row limit; it is still a whole (smaller) household.
    expect(last!.type === 'done' && last!.ok).toBe(50_000);
    const [n] = await database.db
      .select({ n: count() })
      .from(households)
      .where(eq(households.townCode, '620503101000'));
    expect(Number(n!.n)).toBeGreaterThan(20_000);
    // Generous: the whole file parsed at once would take several hundred MB.
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
    console.log(`50k-row import: heap +${((peak - before) / 2 ** 20).toFixed(0)} MiB at peak`);
  }, 300_000);
});
