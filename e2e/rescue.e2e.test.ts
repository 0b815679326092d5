import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { and, eq, like } from 'drizzle-orm';
import { businessDay } from '../common/business-day';
import { idCheckChar } from '../common/id-card';
import { institutions } from '../server/db/schema/institutions';
import { seedInstitutions } from '../server/db/seed/institutions.demo';
import { ctxFor } from '../server/test/db';
import { call, login as apiLogin, makeUser, TEST_PASSWORD } from '../server/test/http';
import { DESKTOP, launchBrowser, login, openPage, PHONE, screenshot, scrollWidth, startServer, type TestServer } from './support';

const POLL = { timeout: 15_000 };
const idNumber = (birth: string, seq: number) => {
  const body = `520302${birth}${String(seq).padStart(3, '0')}`;
  return body + idCheckChar(body);
};
const CHILD = { name: '李小军', idNumber: idNumber('20130612', 242), phone: '13985022222' };
const ADULT = { name: '王建国', idNumber: idNumber('19750304', 131), phone: '13985011111' };
const PLAIN = [CHILD.name, CHILD.idNumber, CHILD.phone, ADULT.name, ADULT.idNumber, ADULT.phone];

const settle = (page: Page) => page.waitForTimeout(500);
const bodyText = (page: Page) => page.locator('body').innerText();

/** Nothing personal in plaintext on the page, nothing wider than the viewport. */
async function checkPage(page: Page, width: number) {
  const text = await bodyText(page);
  for (const p of PLAIN) expect(text).not.toContain(p);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
}

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  await screenshot(page, name);
}

describe('流浪乞讨救助 on a phone: a 红花岗区 officer on patrol', () => {
  let server: TestServer;
  let browser: Browser;
  let station = '';
  let childUrl = '';

  beforeAll(async () => {
    server = await startServer();
    const seeder = await makeUser(server.database, { username: 'seeder', role: 'officer', regionCode: '000000000000' });
    await seedInstitutions(ctxFor(server.database, seeder));
    const [s] = await server.database.db
      .select()
      .from(institutions)
      .where(and(like(institutions.regionCode, '520302%'), eq(institutions.type, 'rescue_station')));
    station = s!.name;
    await makeUser(server.database, { username: 'hhg_officer', name: '红花岗区民政局干部', role: 'officer', regionCode: '520302000000' });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records a patrol and a minor found on it, gives food and a ticket, and sends the minor to screening', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await login(page, server.baseUrl, 'hhg_officer', TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/', POLL);
    await page.goto(`${server.baseUrl}/rescue/patrols`);
    await page.getByRole('button', { name: /登记巡查/ }).click();
    await page.getByLabel('巡查人员').fill('区救助站 张伟、刘洋');
    await page.getByLabel('巡查区域或路线').fill('遵义火车站—中华路—丁字口—湘江桥洞');
    await page.getByLabel('巡查情况').fill('桥洞下发现一名独自流浪的男孩，劝导后同意接受救助');
    await expect.poll(() => scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'rescue-patrol-form-phone');
    await page.getByRole('button', { name: /保存巡查记录/ }).click();
    await page.waitForURL((u) => /^\/rescue\/patrols\/[0-9a-f-]{36}$/.test(u.pathname), POLL);
    await page.getByText('本次巡查未登记人员').waitFor(POLL);

    await page.getByRole('button', { name: /登\s*记/ }).click();
    await page.waitForURL((u) => u.pathname === '/rescue/persons/new', POLL);
    await page.getByLabel('具体地点').fill('湘江桥洞下');
    await page.getByLabel('姓名（如知道）').fill(CHILD.name);
    await page.getByLabel('大约年龄').fill('12');
    await page.getByText('男', { exact: true }).click();
    await page.getByText(/未满 18 周岁/).click();
    await page.getByLabel('身份证号（如知道）').fill(CHILD.idNumber);
    await page.getByLabel('联系电话（如有）').fill(CHILD.phone);
    await page.getByLabel('身体和精神状况').fill('意识清楚，衣着单薄，自述两天未进食');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'rescue-record-phone');
    await page.getByRole('button', { name: /登\s*记/ }).last().click();
    await page.waitForURL((u) => /^\/rescue\/persons\/[0-9a-f-]{36}$/.test(u.pathname), POLL);
    childUrl = page.url();
    await page.getByText(/先送定点医院/).first().waitFor(POLL);
    await page.locator('.ant-tag', { hasText: '未成年人' }).first().waitFor(POLL);
    await checkPage(page, PHONE.width);
    await shot(page, 'rescue-person-minor-phone');

    // Help: food, then a ticket home with its price in yuan.
    await page.getByRole('button', { name: /登记帮扶/ }).click();
    await page.locator('.ant-drawer-open').getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.fx-tr-list-row', { hasText: '饮食' }).waitFor(POLL);
    await page.getByRole('button', { name: /登记帮扶/ }).click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByText('返乡车票').click();
    await drawer.getByLabel('金额（元，可不填）').fill('35.5');
    await drawer.getByLabel('说明').fill('遵义至重庆北 K1234 次硬座');
    await shot(page, 'rescue-help-sheet-phone');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.fx-tr-list-row', { hasText: '返乡车票' }).waitFor(POLL);
    expect(await page.locator('.fx-tr-list-row', { hasText: '返乡车票' }).innerText()).toContain('35.50 元');

    // Placement in the rescue station: a minor waits for the hospital screening.
    await page.getByRole('button', { name: /安\s*置/ }).click();
    await drawer.getByRole('combobox', { name: /救助管理站/ }).click();
    await page.locator('.ant-select-item-option', { hasText: station }).first().click(POLL);
    await drawer.getByText('未成年人先送定点医院健康检查和传染病筛查').waitFor(POLL);
    await shot(page, 'rescue-place-sheet-phone');
    await drawer.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(/等待筛查/).first().waitFor(POLL);
    await page.getByRole('button', { name: /筛查已完成，确认入站/ }).waitFor(POLL);
    await checkPage(page, PHONE.width);
    await shot(page, 'rescue-person-screening-phone');

    // Confirming before the screening is recorded is refused in plain words.
    await page.getByRole('button', { name: /筛查已完成，确认入站/ }).click();
    await page.getByText('定点医院筛查尚未登记完成，暂不能入站').waitFor(POLL);

    // Reveal with a reason: the plaintext shows only in the sheet.
    await page.getByRole('button', { name: /查看完整信息/ }).click();
    await drawer.getByPlaceholder(/查看原因/).fill('联系家属核实身份');
    await drawer.getByRole('button', { name: /查看（留痕）/ }).click();
    await drawer.getByText(CHILD.idNumber).waitFor(POLL);
    expect(await drawer.innerText()).toContain(CHILD.phone);
    await shot(page, 'rescue-person-revealed-phone');
    await drawer.getByRole('button', { name: '关 闭' }).click();
    await expect.poll(() => page.locator('.ant-drawer-open').count(), POLL).toBe(0);
    await checkPage(page, PHONE.width);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the screening recorded, the placement is confirmed; an adult is placed at once; the list flags the minor', async () => {
    // The hospital screening is recorded in the isolation module (its own pages are tested elsewhere).
    const officer = await apiLogin(server.app, 'hhg_officer');
    const childId = childUrl.split('/').pop()!;
    const child = (await call(server.app, officer, 'GET', `/api/rescue/persons/${childId}`)).json();
    const isolationId = child.placements[0].isolationPersonId as string;
    const check = await call(server.app, officer, 'POST', `/api/isolation/${isolationId}/checks`, {
      kind: 'screening',
      day: businessDay(new Date()),
      note: '定点医院筛查未见异常',
    });
    expect(check.statusCode, check.body).toBe(200);

    const { context, page, errors } = await openPage(browser, PHONE);
    await login(page, server.baseUrl, 'hhg_officer', TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/', POLL);
    await page.goto(childUrl);
    await page.getByRole('button', { name: /筛查已完成，确认入站/ }).click(POLL);
    await page.locator('.ant-tag', { hasText: '已安置' }).first().waitFor(POLL);
    await checkPage(page, PHONE.width);
    await shot(page, 'rescue-person-placed-phone');

    // An adult who walked in: recorded and placed in the station at once.
    await page.goto(`${server.baseUrl}/rescue/persons/new`);
    await page.getByLabel('具体地点').fill('遵义火车站广场东侧');
    await page.getByLabel('姓名（如知道）').fill(ADULT.name);
    await page.getByLabel('大约年龄').fill('50');
    await page.getByLabel('身份证号（如知道）').fill(ADULT.idNumber);
    await page.getByLabel('联系电话（如有）').fill(ADULT.phone);
    await page.getByLabel('身体和精神状况').fill('受疫情影响滞留，身无分文');
    await page.getByRole('button', { name: /登\s*记/ }).last().click();
    await page.waitForURL((u) => /^\/rescue\/persons\/[0-9a-f-]{36}$/.test(u.pathname) && u.href !== childUrl, POLL);
    await page.getByRole('button', { name: /安\s*置/ }).click(POLL);
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByRole('combobox', { name: /救助管理站/ }).click();
    await page.locator('.ant-select-item-option', { hasText: station }).first().click(POLL);
    await drawer.getByRole('button', { name: /确\s*定/ }).click();
    await page.locator('.ant-tag', { hasText: '已安置' }).first().waitFor(POLL);
    expect(await page.getByText(/等待筛查/).count()).toBe(0);
    await checkPage(page, PHONE.width);
    await shot(page, 'rescue-person-adult-phone');

    await page.goto(`${server.baseUrl}/rescue`);
    const cards = page.locator('.fx-row-card');
    await expect.poll(() => cards.count(), POLL).toBe(2);
    expect(await cards.filter({ hasText: '未成年人' }).count()).toBe(1);
    await checkPage(page, PHONE.width);
    await shot(page, 'rescue-persons-phone');
    await page.goto(`${server.baseUrl}/rescue/patrols`);
    await page.locator('.fx-row-card').first().waitFor(POLL);
    await checkPage(page, PHONE.width);
    await shot(page, 'rescue-patrols-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the same pages at the desk', async () => {
    const { context, page, errors } = await openPage(browser, DESKTOP);
    await login(page, server.baseUrl, 'hhg_officer', TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/', POLL);
    await page.goto(`${server.baseUrl}/rescue`);
    await expect.poll(() => page.locator('.ant-table-row').count(), POLL).toBe(2);
    await checkPage(page, DESKTOP.width);
    await shot(page, 'rescue-persons-desktop');
    await page.goto(childUrl);
    await page.locator('.ant-tag', { hasText: '已安置' }).first().waitFor(POLL);
    await checkPage(page, DESKTOP.width);
    await shot(page, 'rescue-person-desktop');
    await page.goto(`${server.baseUrl}/rescue/patrols`);
    await expect.poll(() => page.locator('.ant-table-row').count(), POLL).toBe(1);
    await checkPage(page, DESKTOP.width);
    await shot(page, 'rescue-patrols-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });
});
