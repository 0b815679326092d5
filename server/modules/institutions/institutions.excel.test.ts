import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { count, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { institutions } from '../../db/schema/institutions';
import { seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, multipart, testApp, type Session } from '../../test/http';
import { FIELD_HEADERS } from './institutions.columns';

let database: Database;
let app: FastifyInstance;
let hhg: Session;

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  await makeUser(database, { username: 'hhg_off', role: 'officer', regionCode: '520302000000' });
  app = await testApp(database);
  hhg = await login(app, 'hhg_off');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const H = FIELD_HEADERS;
const HEADERS = Object.values(H);

async function workbook(rows: Array<Record<string, string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('机构');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(HEADERS.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (file: Buffer, name = 'institutions.xlsx') => {
  const m = multipart(file, name);
  return app.inject({ method: 'POST', url: '/api/institutions/imports', payload: m.payload, headers: { ...m.headers, cookie: hhg.cookie, 'x-csrf-token': hhg.csrf } });
};

const good = (over: Record<string, string | number> = {}) => ({
  [H.name]: '老城街道养老院',
  [H.type]: '养老机构',
  [H.regionCode]: '520302001000',
  [H.address]: '老城街道中华路 1 号',
  [H.beds]: 60,
  [H.residents]: 40,
  [H.housesTekun]: '是',
  [H.staff]: 10,
  [H.responsiblePerson]: '王建国',
  [H.responsiblePhone]: '13908512345',
  [H.dutyPhone]: '0851-28221234',
  ...over,
});

describe('import', () => {
  it('explains every bad row in a dry run, stores nothing, then stores exactly the valid rows', async () => {
    await call(app, hhg, 'POST', '/api/institutions', {
      name: '已登记敬老院', type: 'elderly_care', regionCode: '520302002000', address: '某路 2 号', beds: 30, residents: 20,
      housesTekun: true, staff: 5, responsiblePerson: '李四', responsiblePhone: '13800000001',
    });
    const file = await workbook([
      good(), // 2 ok
      good({ [H.name]: '' }), // 3 missing name
      good({ [H.name]: '类型错的', [H.type]: '游乐场' }), // 4 unknown type
      good({ [H.name]: '区划不存在', [H.regionCode]: '520302999000' }), // 5 unknown region
      good({ [H.name]: '凤冈的', [H.regionCode]: '520327001000' }), // 6 outside scope
      good({ [H.name]: ' 老城街道 养老院' }), // 7 duplicate in file (of row 2)
      good({ [H.name]: '已登记敬老院', [H.regionCode]: '520302002000' }), // 8 duplicate of registry
      good({ [H.name]: '床位负数', [H.beds]: -3 }), // 9 out of range
      good({ [H.name]: '人数过大', [H.residents]: 10_000_000 }), // 10 out of range
      good({ [H.name]: '电话错的', [H.responsiblePhone]: '12345' }), // 11 bad phone
      good({ [H.name]: '第二家养老院', [H.regionCode]: '520302003000', [H.housesTekun]: '否' }), // 12 ok
    ]);
    const res = await upload(file);
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview).toMatchObject({ total: 11, valid: 2, invalid: 9 });
    const errorsOf = (row: number) => preview.rows.find((r: { row: number }) => r.row === row).errors.map((e: { message: string }) => e.message).join(' ');
    expect(errorsOf(2)).toBe('');
    expect(errorsOf(3)).toContain('缺少机构名称');
    expect(errorsOf(4)).toContain('游乐场');
    expect(errorsOf(5)).toContain('不存在');
    expect(errorsOf(6)).toContain('管辖范围');
    expect(errorsOf(7)).toContain('与第 2 行重复');
    expect(errorsOf(8)).toContain('已登记');
    expect(errorsOf(9)).not.toBe('');
    expect(errorsOf(10)).not.toBe('');
    expect(errorsOf(11)).toContain('手机号');
    const [{ n }] = (await database.db.select({ n: count() }).from(institutions)) as [{ n: number }];
    expect(Number(n)).toBe(1);

    const done = (await call(app, hhg, 'POST', `/api/institutions/imports/${preview.importId}/confirm`)).json();
    expect(done.created).toBe(2);
    expect(done.skipped.map((r: { row: number }) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(Number((await database.db.select({ n: count() }).from(institutions))[0]!.n)).toBe(3);
    expect((await call(app, hhg, 'POST', `/api/institutions/imports/${preview.importId}/confirm`)).statusCode).toBe(404);
  });

  it('checks the file by content: a renamed text file is 415, a non-multipart body 415, over 5 MB 413', async () => {
    expect((await upload(Buffer.from('name,type\n'), 'fake.xlsx')).statusCode).toBe(415);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100)]);
    expect((await upload(pdf, 'x.xlsx')).statusCode).toBe(415);
    expect((await call(app, hhg, 'POST', '/api/institutions/imports', { a: 1 })).statusCode).toBe(415);
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(6 * 1024 * 1024)]);
    expect((await upload(big)).statusCode).toBe(413);
  });

  it('refuses a zip bomb before parsing it', async () => {
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', 'A'.repeat(60 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await upload(bomb);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('解压后过大');
  });

  it('tells a sheet without the template headers apart', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['foo', 'bar']);
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('缺少表头');
  });
});

describe('export', () => {
  it('writes the filtered list with Chinese headers, and never a formula', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${['=', '+', '-', '@'][s.length % 4]}${s}`), async (evil) => {
        const name = `${evil}`.slice(0, 90).padEnd(2, 'x');
        const [inst] = await database.db.select().from(institutions).where(eq(institutions.regionCode, '520302001000'));
        await database.db.update(institutions).set({ name, address: `=HYPERLINK("http://x","${evil}")` }).where(eq(institutions.id, inst!.id));
        const res = await call(app, hhg, 'GET', '/api/institutions/export?region=520302001000');
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const ws = wb.worksheets[0]!;
        expect(ws.getRow(1).getCell(1).value).toBe('机构名称');
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          }),
        );
        expect(ws.getRow(2).getCell(1).value).toBe(`'${name}`);
      }),
      { numRuns: 15 },
    );
  });

  it('exports only the scope: another county gets an empty file, a region outside it 404', async () => {
    await makeUser(database, { username: 'fg_off', role: 'officer', regionCode: '520327000000' });
    const fg = await login(app, 'fg_off');
    const res = await call(app, fg, 'GET', '/api/institutions/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(1);
    expect((await call(app, fg, 'GET', '/api/institutions/export?region=520302000000')).statusCode).toBe(404);
  });
});
