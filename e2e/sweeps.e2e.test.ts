import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { and, eq, inArray, like } from 'drizzle-orm';
import { SWEEP_RISK_LABELS, SWEEP_RISKS } from '../common/enums';
import { households } from '../server/db/schema/beneficiaries';
import { hotlineCalls } from '../server/db/schema/hotline';
import { sweepContacts } from '../server/db/schema/sweeps';
import { DEMO_PASSWORD, seedDemo } from '../server/db/seed/demo';
import { RISK_WEIGHTS } from '../server/modules/sweeps/sweeps.rules';
import { systemCtx } from '../server/runtime';
import { testSecrets } from '../server/test/db';
import { makeUser, TEST_PASSWORD } from '../server/test/http';
import { DESKTOP, launchBrowser, login, openPage, PHONE, screenshot, scrollWidth, startServer, type TestServer } from './support';

const POLL = { timeout: 15_000 };
/** The coverage page polls every 10 s: a change shows within one poll plus the request. */
const LIVE = { timeout: 25_000 };
const COUNTY = '620503';
const TOWN = '620503100';
const VILLAGE = '620503100001';
const PLAIN_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const DIBAO = ['urban_dibao', 'rural_dibao'] as const;
const LABEL_TO_RISK = new Map(SWEEP_RISKS.map((r) => [SWEEP_RISK_LABELS[r], r]));

/** A full-page screenshot from the top (a sticky header scrolled along would cover the page). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await screenshot(page, name);
}

/** Signs in with a demo account and opens a menu entry (behind the hamburger on a phone). */
async function signInAndOpen(page: Page, baseUrl: string, username: string, menu: string, phone: boolean) {
  await login(page, baseUrl, username, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/', POLL);
  if (phone) await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: new RegExp(menu) }).click();
}

/** 低保 households of the demo under a region prefix, as the registry holds them. */
async function dibaoHouseholds(server: TestServer, prefix: string) {
  return server.database.db
    .select({ id: households.id })
    .from(households)
    .where(and(like(households.regionCode, `${prefix}%`), inArray(households.programme, [...DIBAO]), eq(households.status, 'active')));
}

/** The coverage line of a region on the coverage page. */
const coverageLine = (page: Page, regionName: string) => page.locator('.coverage-row', { hasText: regionName }).first();
const meta = (line: Locator) => line.locator('.sweep-meta').innerText();

/**
 * Waits until the worklist is back from the server after `recorded` contacts: the rows recorded (marked at
 * once, optimistically) have moved below the ones still to contact. Tapping a row while it moves could miss.
 */
async function listSettled(page: Page, total: number, recorded: number) {
  const expected = Array.from({ length: total }, (_, i) => i >= total - recorded);
  await expect
    .poll(() => page.locator('.wl-row').evaluateAll((els) => els.map((e) => e.classList.contains('wl-done'))), POLL)
    .toEqual(expected);
}

describe('sweep over 麦积区 低保 on the demo data: bureau starts it, a cadre works the village list on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let sweepId: string;
  let countyTotal: number;
  let townTotal: number;
  let villageTotal: number;

  beforeAll(async () => {
    server = await startServer();
    // The demo exactly as `npm start` seeds an empty database (regions, demo accounts, 麦积区's 低保 registry).
    await seedDemo(systemCtx(server.database, testSecrets), () => {});
    countyTotal = (await dibaoHouseholds(server, COUNTY)).length;
    townTotal = (await dibaoHouseholds(server, TOWN)).length;
    villageTotal = (await dibaoHouseholds(server, VILLAGE)).length;
    // The demo has no leader for 麦积区: one is created for the read-only check.
    await makeUser(server.database, { username: 'mj_leader', role: 'leader', regionCode: '620503000000' });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('maiji_officer starts a sweep over 麦积区 低保 on the desktop page; coverage shows every household', async () => {
    expect(countyTotal).toBe(97);
    expect(villageTotal).toBeGreaterThanOrEqual(3);
    const { context, page, errors } = await openPage(browser, DESKTOP);
    await signInAndOpen(page, server.baseUrl, 'maiji_officer', '走访排查', false);
    await page.getByRole('button', { name: '发起走访排查' }).click();
    await page.getByLabel('名称').fill('麦积区低保户走访排查');
    // Scope defaults to the officer's district; 城乡低保 picks both 低保 programmes.
    await expect.poll(() => page.locator('.ant-form-item:has(label[for="regionCode"])').innerText(), POLL).toContain('麦积区');
    await page.getByRole('button', { name: '城乡低保' }).click();
    expect(await page.getByRole('checkbox', { name: '城市低保' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '农村低保' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /特困/ }).first().isChecked()).toBe(false);
    await shot(page, 'sweeps-start-desktop');
    await page.getByRole('button', { name: /^发\s*起$/ }).click();
    await page.getByText('已发起走访排查').waitFor(POLL);
    await page.getByRole('link', { name: '麦积区低保户走访排查' }).click();
    await page.waitForURL(/\/sweeps\/[0-9a-f-]{36}$/, POLL);
    sweepId = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByText('覆盖情况：麦积区').waitFor(POLL);
    const county = coverageLine(page, '麦积区');
    await expect.poll(() => meta(county), POLL).toContain(`共 ${countyTotal} 户 · 已联系 0`);
    await expect.poll(() => meta(coverageLine(page, '社棠镇')), POLL).toContain(`共 ${townTotal} 户 · 已联系 0`);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(DESKTOP.width);
    await shot(page, 'sweeps-coverage-desktop');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('maiji_cadre works the 星火社区 list on a phone, riskiest first; the town sees coverage move live', async () => {
    // 社棠镇's officer keeps the town's coverage open on a phone while the cadre works.
    const town = await openPage(browser, PHONE);
    await signInAndOpen(town.page, server.baseUrl, 'maiji_town', '走访排查', true);
    await town.page.getByRole('link', { name: '覆盖情况' }).first().click();
    await town.page.getByText('覆盖情况：社棠镇').waitFor(POLL);
    const village = coverageLine(town.page, '星火社区');
    await expect.poll(() => meta(village), POLL).toContain(`共 ${villageTotal} 户 · 已联系 0`);
    // Only a non-zero difficulty count is red.
    expect(await village.locator('.t-red').count()).toBe(0);
    expect(await scrollWidth(town.page)).toBeLessThanOrEqual(PHONE.width);
    await shot(town.page, 'sweeps-town-coverage-before-phone');

    const { context, page, errors } = await openPage(browser, PHONE);
    await signInAndOpen(page, server.baseUrl, 'maiji_cadre', '走访排查', true);
    await page.getByRole('link', { name: '走访清单' }).first().click();
    const rows = page.locator('.wl-row');
    await rows.first().waitFor(POLL);
    expect(await rows.count()).toBe(villageTotal);
    // The list covers one village: named once in the header, not on every row.
    await page.getByText(`星火社区居委会 · 待联系 ${villageTotal} / 共 ${villageTotal} 户`).waitFor(POLL);
    expect(await rows.locator('.sweep-meta', { hasText: '星火社区' }).count()).toBe(0);

    // Ordered by risk; each row's score is the sum of the risk tags it shows.
    const scores: number[] = [];
    for (const row of await rows.all()) {
      const score = Number((await row.locator('.wl-score').innerText()).replace(/\D/g, ''));
      const tags = await row.locator('.wl-tags .ant-tag').allInnerTexts();
      expect(tags.length).toBeGreaterThan(0);
      expect(tags.reduce((a, t) => a + RISK_WEIGHTS[LABEL_TO_RISK.get(t.trim())!], 0)).toBe(score);
      scores.push(score);
    }
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(scores.at(-1)!);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(PLAIN_PHONE);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'sweeps-worklist-phone');

    // The three riskiest, by id: a recorded household moves below the ones still to contact.
    const ids = await Promise.all([0, 1, 2].map((i) => rows.nth(i).getAttribute('data-household')));
    const [fine, unreachable, difficulty] = ids.map((id) => page.locator(`.wl-row[data-household="${id}"]`));
    // 1. Phone call (the default channel): fine.
    await fine!.getByRole('button', { name: /正\s*常/ }).click();
    await expect.poll(() => fine!.locator('.wl-result').innerText(), POLL).toMatch(/正常[\s\S]*电话/);
    await listSettled(page, villageTotal, 1);
    // 2. WeChat: unreachable.
    await unreachable!.locator('.ant-segmented-item', { hasText: '微信' }).click();
    await unreachable!.getByRole('button', { name: '联系不上' }).click();
    await expect.poll(() => unreachable!.locator('.wl-result').innerText(), POLL).toMatch(/联系不上[\s\S]*微信/);
    await listSettled(page, villageTotal, 2);
    // 3. Home visit: in difficulty, which opens an assistance case for the town in the same step.
    // The channel picker stays visible and changeable while the difficulty is described.
    await difficulty!.getByRole('button', { name: '有困难' }).click();
    await difficulty!.getByPlaceholder(/困难情况/).waitFor(POLL);
    expect(await difficulty!.locator('.ant-segmented-item-selected').innerText()).toBe('电话');
    await difficulty!.locator('.ant-segmented-item', { hasText: '上门' }).click();
    expect(await difficulty!.locator('.ant-segmented-item-selected').innerText()).toBe('上门');
    await difficulty!.locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '经济困难' }).click();
    await difficulty!.getByPlaceholder(/困难情况/).fill('老人住院，家中缺医疗费和口粮');
    await shot(page, 'sweeps-worklist-difficulty-phone');
    await difficulty!.getByRole('button', { name: '确认有困难' }).click();
    // One name for what was opened, in the toast and on the row: a hotline case for the town.
    await page.getByText('已转乡镇热线个案，乡镇将当日入户核实').waitFor(POLL);
    await expect.poll(() => difficulty!.locator('.wl-result').innerText(), POLL).toMatch(/有困难[\s\S]*上门[\s\S]*已转乡镇热线个案/);
    await page.getByText(`待联系 ${villageTotal - 3} / 共 ${villageTotal} 户`).waitFor(POLL);
    await listSettled(page, villageTotal, 3);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'sweeps-worklist-recorded-phone');

    const [contact] = await server.database.db.select().from(sweepContacts).where(eq(sweepContacts.householdId, ids[2]!));
    expect(contact?.outcome).toBe('difficulty');
    const [call] = await server.database.db.select().from(hotlineCalls).where(eq(hotlineCalls.id, contact!.callId!));
    expect(call?.regionCode).toBe(VILLAGE);

    // The town's page, never reloaded, shows the three contacts for the village and the town.
    await expect.poll(() => meta(village), LIVE).toContain(`共 ${villageTotal} 户 · 已联系 3 · 正常 1 · 有困难 1 · 联系不上 1`);
    expect(await village.locator('.t-red').innerText()).toBe('有困难 1');
    await expect.poll(() => meta(coverageLine(town.page, '社棠镇')), LIVE).toContain(`共 ${townTotal} 户 · 已联系 3`);
    await shot(town.page, 'sweeps-town-coverage-after-phone');
    // ... and the case waits in the town's hotline queue.
    await town.page.getByRole('button', { name: '打开菜单' }).click();
    await town.page.getByRole('menuitem', { name: /热线工作台/ }).click();
    const card = town.page.locator(`[data-call-id="${call!.id}"]`);
    await expect.poll(() => card.innerText(), POLL).toContain('走访排查发现困难');

    // The cadre's own village coverage, one tap from the list.
    await page.getByRole('link', { name: '覆盖情况' }).click();
    await page.getByText(/覆盖情况：星火社区/).waitFor(POLL);
    await expect.poll(() => meta(coverageLine(page, '星火社区')), POLL).toContain('已联系 3');
    // A village has no child regions: no empty 下级区划 section.
    expect(await page.getByText('下级区划').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'sweeps-village-coverage-phone');
    expect(errors).toEqual([]);
    expect(town.errors).toEqual([]);
    await context.close();
    await town.context.close();
  }, 180_000);

  it('a leader (no sweeps:record) sees the same worklist read-only: outcomes, no buttons', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await login(page, server.baseUrl, 'mj_leader', TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/', POLL);
    await page.goto(`${server.baseUrl}/sweeps/${sweepId}/worklist?village=${VILLAGE}`);
    await page.locator('.wl-row').first().waitFor(POLL);
    expect(await page.locator('.wl-row').count()).toBe(villageTotal);
    expect(await page.locator('.wl-row button').count()).toBe(0);
    expect(await page.locator('.wl-row .wl-result').count()).toBe(villageTotal);
    expect(await page.getByText('尚未联系').count()).toBe(villageTotal - 3);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    // A town's list spans several villages: each row names its village, the header names none.
    await page.goto(`${server.baseUrl}/sweeps/${sweepId}/worklist?village=${TOWN}000`);
    await expect.poll(() => page.locator('.wl-row').count(), POLL).toBe(townTotal);
    await page.getByText(`待联系 ${townTotal - 3} / 共 ${townTotal} 户`).waitFor(POLL);
    expect(await page.locator('.wl-row .sweep-meta', { hasText: '星火社区居委会 · ' }).count()).toBe(villageTotal);
    expect(await page.getByText('星火社区居委会 · 待联系').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'sweeps-town-worklist-phone');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
