import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DEMO_ACCOUNTS } from '../server/db/seed/demo';
import { call, login as apiLogin, makeUser, TEST_PASSWORD } from '../server/test/http';
import { DESKTOP, launchBrowser, login, openPage, PHONE, screenshot, scrollWidth, startServer, type TestServer } from './support';

const POLL = { timeout: 15_000 };
/** The seed (Zunyi): 中山路街道白杨小区, a son's sudden heart disease, no money for treatment. */
const ZHONGSHANLU = '520302007000';
const FAMILY_HEAD_ID = '52030219700101001X';
const CONTENT = '受疫情影响家庭生活困难，儿子突发心疾，医药费无着落，家庭陷入困境，请求救助';

async function signIn(page: Page, baseUrl: string, username: string) {
  await login(page, baseUrl, username, TEST_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/', POLL);
}
const settle = (page: Page) => page.waitForTimeout(600);

describe('hotline to temporary assistance: the 白杨小区 family, tried as a new user would', () => {
  let server: TestServer;
  let browser: Browser;
  let callId = '';
  let familyId = '';

  beforeAll(async () => {
    server = await startServer();
    // The demo accounts by their demo names; the town officer sits in 中山路街道, where the seed puts 白杨小区.
    for (const name of ['hhg_hotline', 'hhg_town', 'hhg_officer']) {
      const a = DEMO_ACCOUNTS.find((d) => d.username === name)!;
      await makeUser(server.database, { username: a.username, name: name === 'hhg_town' ? '中山路街道干部' : a.name, role: a.role, regionCode: name === 'hhg_town' ? ZHONGSHANLU : a.regionCode });
    }
    const county = await apiLogin(server.app, 'hhg_officer');
    const fund = await call(server.app, county, 'POST', '/api/assistance/funds/allocate', { townCode: ZHONGSHANLU, amountFen: 20_000_000, note: '疫情期间临时救助备用金' });
    expect(fund.statusCode, fund.body).toBe(200);
    // The family is in the registry (城市低保): the grant form finds it by the ID number and links the case to it.
    const family = await call(server.app, county, 'POST', '/api/beneficiaries', {
      regionCode: ZHONGSHANLU,
      address: '白杨小区 3 栋',
      programme: 'urban_dibao',
      members: [
        { name: '刘桂兰', idNumber: FAMILY_HEAD_ID, phone: '13985012345', relation: 'head' },
        { name: '张明', idNumber: '520302201001010019', relation: 'child' },
        { name: '张建国', idNumber: '520302196801010013', relation: 'spouse' },
      ],
    });
    expect(family.statusCode, family.body).toBe(201);
    familyId = family.json().id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the operator takes the call at the desk', async () => {
    const { context, page, errors } = await openPage(browser, DESKTOP);
    await signIn(page, server.baseUrl, 'hhg_hotline');
    await page.goto(`${server.baseUrl}/hotline/calls`);
    await page.getByLabel('来电号码').fill('13985012345');
    await page.getByLabel('来电人').fill('刘女士');
    await page.getByLabel('困难所在地（选到乡镇/街道或村/社区）').fill('中山路');
    await page.locator('.ant-select-item-option', { hasText: '中山路街道' }).first().click(POLL);
    await page.getByLabel('详细地址').fill('白杨小区');
    await page.getByText('跨区域就医', { exact: true }).click();
    await page.getByText('紧急', { exact: true }).click();
    await page.getByLabel('诉求内容').fill(CONTENT);
    await page.getByRole('button', { name: /登记并派单/ }).click();
    await page.locator('[data-call-id], tr').filter({ hasText: '刘*' }).first().waitFor(POLL);
    await settle(page);
    await screenshot(page, 'assistance-operator-desktop');
    expect(errors).toEqual([]);
    await context.close();
    const [row] = (await call(server.app, await apiLogin(server.app, 'hhg_officer'), 'GET', '/api/hotline/calls')).json().items;
    expect(row).toMatchObject({ townCode: ZHONGSHANLU, callerName: '刘*', callerPhone: '139****2345', urgency: 'urgent' });
    callId = row.id;
  });

  it('the town claims, verifies the same day with a photo, and pays a provisional grant, on a phone', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'hhg_town');
    await page.goto(`${server.baseUrl}/hotline/calls`);
    await page.getByRole('button', { name: /认\s*领/ }).first().click(POLL);
    await page.getByText('我在办理').first().waitFor(POLL);
    await page.goto(`${server.baseUrl}/hotline/calls/${callId}`);
    await page.getByRole('button', { name: /入户核实/ }).click(POLL);
    await page.getByLabel('核实人员').fill('中山路街道民政专干、白杨小区网格员');
    await page.getByLabel('核实情况').fill('情况属实：儿子心脏病住院，家庭无积蓄，医药费无着落');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已记录入户核实（当日完成）').waitFor(POLL);
    await page.getByText('按时完成').first().waitFor(POLL);
    const png = join(tmpdir(), 'baiyang-home.png');
    writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    await page.locator('input[type=file]').setInputFiles(png);
    await page.locator('.fx-photos img').first().waitFor(POLL);
    await settle(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'assistance-case-town-phone');
    await page.getByRole('button', { name: /发放临时救助/ }).click();
    await page.waitForURL((u) => u.pathname === '/assistance', POLL);
    await page.getByLabel('救助对象姓名').fill('刘女士');
    await page.getByLabel('联系电话').fill('13985012345');
    await page.getByLabel('身份证号（选填）').fill(FAMILY_HEAD_ID);
    const match = page.getByTestId('registry-match');
    await match.getByText(/救助对象库：刘\* 户 · 3 人 · 城市低保/).waitFor(POLL);
    await match.getByRole('checkbox').check();
    expect(await page.getByLabel('家庭人口').inputValue()).toBe('3');
    await screenshot(page, 'assistance-grant-registry-phone');
    await page.getByLabel('救助金额（元）').fill('1500');
    await page.getByRole('button', { name: /发\s*放/ }).last().click();
    await page.getByText(/已向 刘\* 发放/).waitFor(POLL);
    const officer = await apiLogin(server.app, 'hhg_officer');
    const [grant] = (await call(server.app, officer, 'GET', '/api/assistance/grants')).json().items;
    expect(grant).toMatchObject({ householdId: familyId, householdSize: 3 });
    await settle(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'assistance-grant-town-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the county sees the case with the SLA met, the fund drawn and the paperwork debt open', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const tag = viewport === PHONE ? 'phone' : 'desktop';
      const { context, page, errors } = await openPage(browser, viewport);
      await signIn(page, server.baseUrl, 'hhg_officer');
      await page.goto(`${server.baseUrl}/hotline/calls`);
      await page.getByText('时限达标').first().waitFor(POLL);
      await settle(page);
      await screenshot(page, `assistance-county-queue-${tag}`);
      await page.goto(`${server.baseUrl}/hotline/calls/${callId}`);
      await page.getByText('待补手续').first().waitFor(POLL);
      expect(await page.getByText('按时完成').count()).toBe(2);
      await settle(page);
      await screenshot(page, `assistance-county-case-${tag}`);
      await page.goto(`${server.baseUrl}/hotline/stats`);
      await page.getByTestId('stats-headline').waitFor(POLL);
      await settle(page);
      await screenshot(page, `assistance-county-stats-${tag}`);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
      expect(errors).toEqual([]);
      await context.close();
    }
    const county = await apiLogin(server.app, 'hhg_officer');
    const ledger = (await call(server.app, county, 'GET', `/api/assistance/funds/${ZHONGSHANLU}`)).json();
    expect(ledger.fund.balanceFen).toBe(20_000_000 - 150_000);
    const c = (await call(server.app, county, 'GET', `/api/hotline/calls/${callId}`)).json();
    expect(c).toMatchObject({ slaMet: true, escalated: false, photos: [expect.objectContaining({ kind: 'png' })] });
  });
});
