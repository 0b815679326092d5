import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { and, asc, count, eq, like } from 'drizzle-orm';
import { businessDay } from '../common/business-day';
import { dailyReports } from '../server/db/schema/daily-reports';
import { institutions } from '../server/db/schema/institutions';
import { users } from '../server/db/schema/users';
import { seedInstitutions } from '../server/db/seed/institutions.demo';
import { ctxFor } from '../server/test/db';
import { call, login as apiLogin, makeUser, TEST_PASSWORD } from '../server/test/http';
import {
  DESKTOP,
  launchBrowser,
  login,
  openPage,
  PHONE,
  screenshot,
  scrollWidth,
  startServer,
  type TestServer,
} from './support';

/** Pages load over a real server: give assertions that wait on the DOM time on slow machines. */
const POLL = { timeout: 15_000 };
const HONGHUAGANG = '520302000000';

type InstitutionRow = typeof institutions.$inferSelect;

async function reportsOf(server: TestServer, institutionId: string): Promise<number> {
  const [row] = await server.database.db
    .select({ n: count() })
    .from(dailyReports)
    .where(and(eq(dailyReports.institutionId, institutionId), eq(dailyReports.day, businessDay(new Date()))));
  return Number(row?.n ?? 0);
}

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await login(page, baseUrl, username, TEST_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/', POLL);
}

async function settle(page: Page): Promise<void> {
  // Let antd's sheet and message animations finish before a screenshot.
  await page.waitForTimeout(500);
}

describe('daily report and zero report, phone first', () => {
  let server: TestServer;
  let browser: Browser;
  let hhg: InstitutionRow[];
  let home: InstitutionRow;
  let centre: InstitutionRow;

  beforeAll(async () => {
    server = await startServer();
    const seeder = await makeUser(server.database, {
      username: 'seeder',
      role: 'officer',
      regionCode: '000000000000',
    });
    await seedInstitutions(ctxFor(server.database, seeder));
    hhg = await server.database.db
      .select()
      .from(institutions)
      .where(like(institutions.regionCode, '520302%'))
      .orderBy(asc(institutions.name));
    home = hhg.find((i) => i.type === 'elderly_care')!;
    centre = hhg.find((i) => i.type === 'child_welfare')!;
    await makeUser(server.database, {
      username: 'hhg_officer',
      name: '红花岗区民政局干部',
      role: 'officer',
      regionCode: HONGHUAGANG,
    });
    const a = await makeUser(server.database, {
      username: 'home_reporter',
      name: '刘春燕',
      role: 'reporter',
      regionCode: home.regionCode,
    });
    const b = await makeUser(server.database, {
      username: 'centre_reporter',
      name: '王志强',
      role: 'reporter',
      regionCode: centre.regionCode,
    });
    await server.database.db.update(users).set({ institutionId: home.id }).where(eq(users.id, a.id));
    await server.database.db.update(users).set({ institutionId: centre.id }).where(eq(users.id, b.id));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the county officer sets the deadline of 红花岗区 to 23:59', async () => {
    expect(hhg).toHaveLength(12);
    const { context, page, errors } = await openPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'hhg_officer');
    await page.goto(`${server.baseUrl}/daily-reports`);
    await page.getByTestId('completeness-ratio').filter({ hasText: '0 / 12' }).waitFor(POLL);
    await page.getByTestId('deadline-time').filter({ hasText: '17:30' }).waitFor(POLL);
    await page.getByRole('button', { name: /设置截止时间/ }).click();
    await page.getByLabel('截止时间').fill('23:59');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('deadline-time').filter({ hasText: '23:59' }).waitFor(POLL);
    await page.getByTestId('deadline-setting').getByText('本级设置').waitFor(POLL);
    await context.close();
    expect(errors).toEqual([]);
  });

  it("a reporter's home is today's obligation; one tap sends a zero report", async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'home_reporter');
    await page.getByTestId('institution-name').filter({ hasText: home.name }).waitFor(POLL);
    await page.getByTestId('deadline').filter({ hasText: '截止 23:59' }).waitFor(POLL);
    await page.getByTestId('report-status').filter({ hasText: '未报' }).waitFor(POLL);
    // "不适用" is only for suspended or closed institutions.
    expect(await page.getByRole('button', { name: /不适用/ }).count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-report-home');

    await page.getByRole('button', { name: /无异常 零报告/ }).click();
    const sheet = page.locator('.fx-sheet');
    await sheet.getByText('零报告：今日无异常').waitFor(POLL);
    for (const box of await sheet.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(true);
    expect(await sheet.getByRole('textbox').inputValue()).toBe('刘春燕');
    await settle(page);
    await screenshot(page, 'phone-zero-sheet');
    await sheet.getByRole('button', { name: /确认提交零报告/ }).click();

    await page.getByTestId('report-status').filter({ hasText: '已报 · 按时' }).waitFor(POLL);
    await page.getByTestId('sent-report').getByText('零报告').waitFor(POLL);
    await page.getByTestId('sent-report').getByText('签认人：刘春燕').waitFor(POLL);
    await settle(page);
    await screenshot(page, 'phone-zero-sent');
    expect(await reportsOf(server, home.id)).toBe(1);
    await context.close();
    expect(errors).toEqual([]);
  });

  it('the figures form survives a failed network attempt: the retry keeps the key, one report results', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'centre_reporter');
    await page.getByTestId('report-status').filter({ hasText: '未报' }).waitFor(POLL);
    await page.getByRole('button', { name: /填写日报告/ }).click();

    const fill = async (label: string, value: number) =>
      page.getByLabel(label, { exact: true }).fill(String(value));
    await fill('在院服务对象', 86);
    await fill('在岗工作人员', 24);
    await fill('封闭在院工作人员', 20);
    await fill('体温检测人次', 110);
    await fill('核酸/抗原检测人次', 110);
    // The browser checks positives <= tests before anything is sent.
    await fill('阳性人数', 120);
    await page.getByRole('button', { name: /提交日报告/ }).click();
    await page.getByText('阳性人数不能多于检测人次').waitFor(POLL);
    await fill('阳性人数', 0);
    await fill('劝返探访人次', 3);
    await page.getByRole('button', { name: /添加消耗物资/ }).click();
    await page.getByLabel('物资类别').click();
    await page.locator('.ant-select-item-option', { hasText: '口罩' }).click();
    await page.getByLabel('消耗数量').fill('200');
    await page.getByLabel('单位').fill('个');
    await page.getByLabel('备注').fill('今日全员体温正常');
    await settle(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-report-form');

    // The first two POSTs never reach the server; the app must retry with the same Idempotency-Key.
    const keys: string[] = [];
    await page.route('**/api/daily-reports', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      keys.push(request.headers()['idempotency-key'] ?? '');
      if (keys.length <= 2) return route.abort('internetdisconnected');
      return route.continue();
    });
    await page.getByRole('button', { name: /提交日报告/ }).click();
    await page.getByText(/正在重试（第 1 次/).waitFor(POLL);
    await settle(page);
    await screenshot(page, 'phone-report-retrying');
    // After the second failure the reporter need not wait: 立即重试 stays enabled while the form is frozen.
    await page.getByText(/正在重试（第 2 次/).waitFor(POLL);
    await page.getByRole('button', { name: /立即重试/ }).click();
    await page.getByTestId('report-status').filter({ hasText: '已报 · 按时' }).waitFor(POLL);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(await reportsOf(server, centre.id)).toBe(1);
    const sent = page.getByTestId('sent-report');
    await sent.getByText('日报告').first().waitFor(POLL);
    await sent.getByText('口罩 200个').waitFor(POLL);
    await settle(page);
    await screenshot(page, 'phone-report-sent');
    await page.unrouteAll();
    await context.close();
    expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it('the county sees 2 of 12, the missing ten with phone numbers, and reports for one (代报)', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'hhg_officer');
    await page.goto(`${server.baseUrl}/daily-reports`);
    await page.getByTestId('completeness-ratio').filter({ hasText: '2 / 12' }).waitFor(POLL);
    await page.getByTestId('completeness-rate').filter({ hasText: '16.7%' }).waitFor(POLL);
    await page.getByTestId('counter-zero').filter({ hasText: '1' }).waitFor(POLL);
    await page.getByTestId('counter-reports').filter({ hasText: '1' }).waitFor(POLL);
    await page.getByTestId('counter-missing').filter({ hasText: '10' }).waitFor(POLL);
    await page.getByTestId('figure-sums').getByText('86').waitFor(POLL);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-completeness');

    await page.getByTestId('counter-missing').click();
    await page.getByTestId('missing-title').filter({ hasText: '未报机构（10）' }).waitFor(POLL);
    const items = page.getByTestId('missing-item');
    expect(await items.count()).toBe(10);
    const missingOne = hhg.find((i) => i.id !== home.id && i.id !== centre.id && i.type === 'elderly_care')!;
    const card = items.filter({ hasText: missingOne.name });
    const tel = card.locator(`a[href="tel:${missingOne.responsiblePhone}"]`);
    expect(await tel.count()).toBe(1);
    expect(await page.locator('a[href^="tel:"]').count()).toBeGreaterThanOrEqual(10);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-missing');

    await card.getByRole('button', { name: /代\s*报/ }).click();
    await page.getByTestId('institution-name').filter({ hasText: missingOne.name }).waitFor(POLL);
    await page.getByText(`代报：您正代“${missingOne.name}”报送`).waitFor(POLL);
    await page.getByRole('button', { name: /无异常 零报告/ }).click();
    const sheet = page.locator('.fx-sheet');
    expect(await sheet.getByRole('textbox').inputValue()).toBe(missingOne.responsiblePerson);
    await sheet.getByRole('button', { name: /确认提交零报告/ }).click();
    await page.getByTestId('report-status').filter({ hasText: '已报 · 按时' }).waitFor(POLL);
    await page.getByTestId('sent-report').getByText('代报').waitFor(POLL);
    await settle(page);
    await screenshot(page, 'phone-on-behalf-sent');
    const [row] = await server.database.db
      .select()
      .from(dailyReports)
      .where(eq(dailyReports.institutionId, missingOne.id));
    expect(row?.onBehalf).toBe(true);
    expect(row?.kind).toBe('zero');

    await page.getByRole('button', { name: /返回未报机构列表/ }).click();
    await page.getByTestId('missing-title').filter({ hasText: '未报机构（9）' }).waitFor(POLL);
    await page.getByText('日报完成率').first().click();
    await page.getByTestId('completeness-ratio').filter({ hasText: '3 / 12' }).waitFor(POLL);
    await context.close();
    expect(errors).toEqual([]);
  });

  it('an incident reaches the county at once: the bell and the board, where it is acknowledged', async () => {
    const session = await apiLogin(server.app, 'centre_reporter');
    const res = await call(server.app, session, 'POST', '/api/incidents', {
      institutionId: centre.id,
      kind: 'fever_cluster',
      occurredAt: new Date().toISOString(),
      description: '3 名服务对象体温超过 37.3 度，已单间隔离观察并联系辖区医院',
      personsAffected: 3,
    });
    expect(res.statusCode, res.body).toBe(201);

    const { context, page, errors } = await openPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'hhg_officer');
    const bell = page.getByTestId('notification-bell');
    await page.getByRole('button', { name: /提醒，\d+ 条未读/ }).waitFor(POLL);
    await bell.click();
    await page.locator('.fx-note-unread').filter({ hasText: centre.name }).first().waitFor(POLL);
    await settle(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-notifications');
    await page.locator('.fx-notes-drawer .ant-drawer-close').click();

    await page.goto(`${server.baseUrl}/daily-reports`);
    const card = page.getByTestId('incidents-card');
    await card.getByText('紧急情况 1 起未关闭').waitFor(POLL);
    await card.getByText(centre.name).waitFor(POLL);
    await card.getByRole('button', { name: /签\s*收/ }).click();
    await card.getByText('已签收').first().waitFor(POLL);
    await card.getByText(/已签收：县/).waitFor(POLL);
    await settle(page);
    await screenshot(page, 'phone-completeness-incident');
    await context.close();
    expect(errors).toEqual([]);
  });

  it('drills down on a desktop: the county, a town, breadcrumb back up', async () => {
    const { context, page, errors } = await openPage(browser, DESKTOP);
    await signIn(page, server.baseUrl, 'hhg_officer');
    await page.getByRole('menuitem', { name: /日报完成率/ }).click();
    await page.getByTestId('completeness-ratio').filter({ hasText: '3 / 12' }).waitFor(POLL);
    await settle(page);
    await screenshot(page, 'desktop-completeness');
    // Frozen at the deadline: everything so far was on time, so the official view says the same.
    await page.getByText('截止时快照').click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'official', POLL);
    await page.getByTestId('completeness-ratio').filter({ hasText: '3 / 12' }).waitFor(POLL);
    await page.getByTestId('counter-missing').filter({ hasText: '9' }).waitFor(POLL);
    await page.getByText('实时', { exact: true }).click();
    const town = home.regionCode;
    await page.locator('.fx-clickable-row').first().click();
    await page.waitForURL((url) => url.searchParams.get('region') !== null, POLL);
    await page.locator('.fx-breadcrumb').getByText('红花岗区').waitFor(POLL);
    await settle(page);
    await screenshot(page, 'desktop-completeness-town');
    await page.locator('.fx-breadcrumb').getByText('红花岗区').click();
    await page.getByTestId('completeness-ratio').filter({ hasText: '3 / 12' }).waitFor(POLL);
    await page.goto(`${server.baseUrl}/daily-reports/missing`);
    await page.getByTestId('missing-title').filter({ hasText: '未报机构（9）' }).waitFor(POLL);
    await settle(page);
    await screenshot(page, 'desktop-missing');
    expect(town).toMatch(/^520302/);
    // Any institution of the region can be opened from the picker, e.g. to check or correct its report.
    await page.getByLabel('选择机构代报').fill(home.name.slice(0, 4));
    await page.locator('.ant-select-item-option', { hasText: home.name }).click();
    await page.getByTestId('institution-name').filter({ hasText: home.name }).waitFor(POLL);
    await page.getByTestId('report-status').filter({ hasText: '已报 · 按时' }).waitFor(POLL);
    await page.getByTestId('sent-report').getByText('零报告').waitFor(POLL);
    await context.close();

    const reporter = await openPage(browser, DESKTOP);
    await signIn(reporter.page, server.baseUrl, 'centre_reporter');
    await reporter.page.getByTestId('report-status').filter({ hasText: '已报 · 按时' }).waitFor(POLL);
    await settle(reporter.page);
    await screenshot(reporter.page, 'desktop-report-home');
    await reporter.context.close();
    expect([...errors, ...reporter.errors]).toEqual([]);
  });
});
