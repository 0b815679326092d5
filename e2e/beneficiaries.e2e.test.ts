import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { idNumberProblem } from '../common/contracts/beneficiaries';
import { regions } from '../server/db/schema/regions';
import { idNumberFor, seedBeneficiaries } from '../server/db/seed/beneficiaries.demo';
import { villages } from '../server/modules/regions/regions.source';
import { ctxFor } from '../server/test/db';
import { makeUser, TEST_PASSWORD } from '../server/test/http';
import { DESKTOP, launchBrowser, login, openPage, PHONE, screenshot, scrollWidth, startServer, type TestServer } from './support';

const POLL = { timeout: 15_000 };
const COUNTY = '620503000000';
const TOWN = '620503100000';
/** Any 18-character ID number or mobile number in the page text is plaintext personal data. */
const PLAIN_ID = /\d{17}[\dX]/;
const PLAIN_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

const settle = (page: Page) => page.waitForTimeout(500);
const bodyText = (page: Page) => page.locator('body').innerText();

/** A full-page screenshot from the top (a sticky header scrolled along would cover the page). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  await screenshot(page, name);
}

async function signIn(page: Page, baseUrl: string, username: string) {
  await login(page, baseUrl, username, TEST_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/', POLL);
}

/** No plaintext ID or phone number in the page, and nothing wider than the viewport. */
async function checkPage(page: Page, width: number) {
  const text = await bodyText(page);
  expect(text).not.toMatch(PLAIN_ID);
  expect(text).not.toMatch(PLAIN_PHONE);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
}

/** Picks an antd Select option by its label (the select is found by its form label). */
async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click(POLL);
}

async function pickRegion(page: Page, label: string, typed: string, option: string) {
  await page.getByLabel(label).fill(typed);
  await page.locator('.ant-select-item-option', { hasText: option }).first().click(POLL);
}

describe('救助对象 on a phone: 麦积区 registry, reveal, registration, import, enrolment', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    for await (const batch of villages(['620503']))
      await server.database.db.insert(regions).values(batch).onConflictDoNothing();
    const seeder = await makeUser(server.database, { username: 'seeder', role: 'officer', regionCode: '000000000000' });
    await seedBeneficiaries(ctxFor(server.database, { ...seeder, username: 'demo-seed', name: '演示数据' }));
    await makeUser(server.database, { username: 'maiji_officer', name: '麦积区民政局干部', role: 'officer', regionCode: COUNTY });
    await makeUser(server.database, { username: 'maiji_town', name: '社棠镇干部', role: 'town_officer', regionCode: TOWN });
    await makeUser(server.database, { username: 'maiji_leader', name: '麦积区民政局领导', role: 'leader', regionCode: COUNTY });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the registry shows the seeded households masked; a member is revealed only with a reason', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const tag = viewport === PHONE ? 'phone' : 'desktop';
      const { context, page, errors } = await openPage(browser, viewport);
      await signIn(page, server.baseUrl, 'maiji_officer');
      await page.goto(`${server.baseUrl}/beneficiaries`);
      const rows = viewport === PHONE ? page.locator('.fx-row-card') : page.locator('.ant-table-row');
      await expect.poll(() => rows.count(), POLL).toBe(20);
      await expect.poll(() => bodyText(page), POLL).toContain('218');
      const text = await bodyText(page);
      expect(text).toContain('97');
      expect(text).toMatch(/\d{3}\*{11}[\dX]{4}/);
      await checkPage(page, viewport.width);
      await shot(page, `beneficiaries-registry-${tag}`);

      await rows.first().locator('a').first().click();
      await page.getByText('家庭成员').waitFor(POLL);
      await page.getByText('状态历史').waitFor(POLL);
      await checkPage(page, viewport.width);
      await shot(page, `beneficiaries-household-${tag}`);
      if (viewport === PHONE) {
        await page.getByRole('button', { name: /查看完整信息/ }).click();
        // The dialog's own button (the page's 查看完整信息 matches /查看/ too, and lies under the dialog).
        const dialog = page.getByRole('dialog');
        const submit = dialog.getByRole('button', { name: /^查\s*看$/ });
        await submit.waitFor(POLL);
        await submit.click();
        await dialog.getByText('请说明查看原因（至少 5 个字）').waitFor(POLL);
        await dialog.getByLabel('原因').fill('核实家庭成员身份，准备入户走访');
        await submit.click();
        await expect.poll(() => bodyText(page), POLL).toMatch(PLAIN_ID);
        const id = (await bodyText(page)).match(PLAIN_ID)![0];
        expect(idNumberProblem(id)).toBeNull();
        expect(await page.getByText(/ 户$/).first().innerText()).not.toContain('*');
        await page.getByText('正在显示完整个人信息，本次查看已记入审计日志').waitFor(POLL);
        expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
        await shot(page, 'beneficiaries-household-revealed-phone');
        await page.getByRole('button', { name: /隐\s*藏/ }).click();
        await expect.poll(() => bodyText(page), POLL).not.toMatch(PLAIN_ID);
        await checkPage(page, viewport.width);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('registers a new household: a wrong check digit is refused in Chinese, a valid number saves', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'maiji_officer');
    await page.goto(`${server.baseUrl}/beneficiaries`);
    await page.getByRole('button', { name: /登记家庭/ }).click();
    await page.waitForURL((u) => u.pathname === '/beneficiaries/new', POLL);
    await pickRegion(page, '所在村(社区)或乡镇(街道)', '星火', '星火社区');
    await page.getByLabel('家庭住址').fill('社棠镇星火社区 5 组 8 号');
    await choose(page, '救助类别', '困难残疾人');
    await page.getByLabel('姓名').fill('马永福');
    const good = idNumberFor('620503', '19620914', 77);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    await page.getByLabel('身份证号').fill(bad);
    await page.getByLabel('联系电话').fill('13893807788');
    await page.getByRole('button', { name: /登\s*记/ }).last().click();
    await page.getByText('身份证号校验码错误').waitFor(POLL);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'beneficiaries-form-error-phone');
    await page.getByLabel('身份证号').fill(good);
    await page.getByRole('button', { name: /登\s*记/ }).last().click();
    await page.waitForURL((u) => /^\/beneficiaries\/[0-9a-f-]{36}$/.test(u.pathname), POLL);
    await page.getByText('马* 户').waitFor(POLL);
    await checkPage(page, PHONE.width);
    expect(await bodyText(page)).not.toContain('马永福');
    await shot(page, 'beneficiaries-registered-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports an .xlsx built from the template: good rows stored, bad rows listed with their row numbers', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const tag = viewport === PHONE ? 'phone' : 'desktop';
      const { context, page, errors } = await openPage(browser, viewport);
      await signIn(page, server.baseUrl, 'maiji_officer');
      await page.goto(`${server.baseUrl}/beneficiaries/import`);
      const link = page.getByRole('link', { name: '下载导入模板' });
      await link.waitFor(POLL);
      const template = await page.request.get(new URL((await link.getAttribute('href'))!, server.baseUrl).toString());
      expect(template.status()).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await template.body()) as unknown as ArrayBuffer);
      const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
      const col = (name: string) => headers.findIndex((h) => h.replace('*', '') === name);
      const row = (v: Record<string, string>) => {
        const out = headers.map(() => '');
        for (const [k, x] of Object.entries(v)) {
          expect(col(k), `template column ${k}`).toBeGreaterThanOrEqual(0);
          out[col(k)] = x;
        }
        return out;
      };
      const seq = viewport === PHONE ? 100 : 200;
      const out = new ExcelJS.Workbook();
      const ws = out.addWorksheet('救助对象');
      ws.addRow(headers);
      // Row 2-3: a good household of two; row 4: a bad check digit; row 5: an unknown programme.
      ws.addRow(row({ 户编号: 'A1', 区划代码: '620503100001', 家庭住址: '星火社区 7 组 1 号', 救助类别: '农村低保', 与户主关系: '户主', 姓名: '张桂兰', 身份证号: idNumberFor('620503', '19480102', seq + 1), 联系电话: '13893801111', 是否残疾: '否' }));
      ws.addRow(row({ 户编号: 'A1', 与户主关系: '配偶', 姓名: '李长林', 身份证号: idNumberFor('620503', '19460305', seq + 2), 是否残疾: '是' }));
      const badId = idNumberFor('620503', '19500101', seq + 3);
      ws.addRow(row({ 户编号: 'A2', 区划代码: '620503100001', 家庭住址: '星火社区 7 组 2 号', 救助类别: '农村低保', 与户主关系: '户主', 姓名: '赵建国', 身份证号: badId.slice(0, 17) + (badId[17] === '1' ? '2' : '1') }));
      ws.addRow(row({ 户编号: 'A3', 区划代码: '620503100001', 家庭住址: '星火社区 7 组 3 号', 救助类别: '不存在的类别', 与户主关系: '户主', 姓名: '孙玉珍', 身份证号: idNumberFor('620503', '19520202', seq + 4) }));
      const file = join(tmpdir(), `maiji-import-${tag}.xlsx`);
      writeFileSync(file, Buffer.from(await out.xlsx.writeBuffer()));
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByText(/导入完成/).waitFor(POLL);
      const errorRows = page.locator('.ant-table-row');
      await expect.poll(() => errorRows.count(), POLL).toBe(2);
      expect(await errorRows.nth(0).innerText()).toContain('4');
      expect(await errorRows.nth(0).innerText()).toContain('校验码');
      expect(await errorRows.nth(1).innerText()).toContain('5');
      const text = await bodyText(page);
      expect(text).toMatch(/已读取行\s*4/);
      expect(text).toMatch(/已导入（人）\s*2/);
      expect(text).toMatch(/已导入（户）\s*1/);
      expect(text).toMatch(/有误的行\s*2/);
      await checkPage(page, viewport.width);
      await shot(page, `beneficiaries-import-${tag}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('an application goes 受理 → 审核 → 审批 through three different people', async () => {
    // 1. The town officer accepts the application on a phone.
    let { context, page, errors } = await openPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'maiji_town');
    await page.goto(`${server.baseUrl}/beneficiaries/enrolment`);
    await page.getByRole('button', { name: /受理申请/ }).click();
    await page.waitForURL((u) => u.pathname === '/beneficiaries/new', POLL);
    await pickRegion(page, '所在村(社区)或乡镇(街道)', '向阳', '向阳社区');
    await page.getByLabel('家庭住址').fill('社棠镇向阳社区 2 组 6 号');
    await choose(page, '救助类别', '城市低保');
    await page.getByLabel('受理说明').fill('因病致贫，申请城市低保');
    await page.getByLabel('姓名').fill('何秀英');
    await page.getByLabel('身份证号').fill(idNumberFor('620503', '19580620', 301));
    await shot(page, 'beneficiaries-apply-phone');
    await page.getByRole('button', { name: /受\s*理/ }).last().click();
    await page.waitForURL((u) => /^\/beneficiaries\/[0-9a-f-]{36}$/.test(u.pathname), POLL);
    const householdUrl = page.url();
    await page.getByText('申请待审核').waitFor(POLL);
    await checkPage(page, PHONE.width);
    await shot(page, 'beneficiaries-applied-phone');
    expect(errors).toEqual([]);
    await context.close();

    // 2. The county officer reviews it from the queue.
    ({ context, page, errors } = await openPage(browser, PHONE));
    await signIn(page, server.baseUrl, 'maiji_officer');
    await page.goto(`${server.baseUrl}/beneficiaries/enrolment`);
    await page.getByText('待审核（1）').waitFor(POLL);
    await checkPage(page, PHONE.width);
    await shot(page, 'beneficiaries-enrolment-phone');
    await page.getByText('何*').click();
    await page.getByText('申请待审核').waitFor(POLL);
    await page.getByPlaceholder('审核、审批意见').fill('入户核查属实，收入低于低保标准');
    await page.getByRole('button', { name: /审核通过/ }).click();
    await page.getByText(/已审核，待审批/).waitFor(POLL);
    // The reviewer may not approve their own review.
    await page.getByPlaceholder('审核、审批意见').fill('同意');
    await page.getByRole('button', { name: /审批通过/ }).click();
    await page.getByText('审批须由受理、审核以外的另一人办理').waitFor(POLL);
    await checkPage(page, PHONE.width);
    await shot(page, 'beneficiaries-reviewed-phone');
    expect(errors).toEqual([]);
    await context.close();

    // 3. A third person, the county leader, approves.
    ({ context, page, errors } = await openPage(browser, PHONE));
    await signIn(page, server.baseUrl, 'maiji_leader');
    await page.goto(householdUrl);
    await page.getByText(/已审核，待审批/).waitFor(POLL);
    await page.getByPlaceholder('审核、审批意见').fill('同意纳入城市低保');
    await page.getByRole('button', { name: /审批通过/ }).click();
    await page.locator('.ant-tag', { hasText: '在保' }).first().waitFor(POLL);
    await expect.poll(() => bodyText(page), POLL).toContain('同意纳入城市低保');
    await checkPage(page, PHONE.width);
    await shot(page, 'beneficiaries-approved-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
