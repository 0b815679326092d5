import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, inArray, like } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { RESIDENTIAL_TYPES } from '../common/enums';
import { institutions } from '../server/db/schema/institutions';
import { seedInstitutions } from '../server/db/seed/institutions.demo';
import { ctxFor } from '../server/test/db';
import { call, login as apiLogin, makeUser, TEST_PASSWORD } from '../server/test/http';
import { H, row, workbook } from './institutions.sheet';
import {
  DESKTOP,
  label,
  launchBrowser,
  login,
  openPage,
  PHONE,
  pick,
  screenshot,
  scrollWidth,
  startServer,
  type TestServer,
} from './support';

/**
 * The "Done when", as a new user would try it: a county officer of 红花岗区 imports a spreadsheet
 * with bad rows and sees each explained before confirming, starts a level-II response that closes every
 * residential institution of the county in one action, a 遵义市 leader sees the counts change on the
 * board without reloading, and lowering the level leaves them closed. Once on a phone, once on a desktop.
 */

const WAIT = { timeout: 15_000 };
const HONGHUAGANG = '520302000000';
const ZUNYI = '520300000000';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A 1x1 PNG, a valid notice attachment. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const closedLink = (code: string) => `a[href="/institutions?region=${code}&status=closed_management"]`;

describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const)('institutions, emergency response and notices on a %s', (name, viewport) => {
  let server: TestServer;
  let browser: Browser;
  let registryDuplicate: { name: string; regionCode: string };
  const errorLists: string[][] = [];
  const errors = () => errorLists.flat();
  const mobile = viewport.width < 768;

  /** One row of a DataView: a card on a phone, a table row on a desktop. */
  const dataRow = (page: Page, key: string, cardAttr: string): Locator =>
    mobile ? page.locator(`[${cardAttr}="${key}"]`) : page.locator(`tr[data-row-key="${key}"]`);

  async function shot(page: Page, what: string): Promise<void> {
    await page.waitForTimeout(300);
    if (mobile) expect(await scrollWidth(page), `${what} overflows`).toBeLessThanOrEqual(viewport.width);
    await screenshot(page, `${name}-${what}`);
  }

  async function signIn(username: string): Promise<Page> {
    const opened = await openPage(browser, viewport);
    errorLists.push(opened.errors);
    await login(opened.page, server.baseUrl, username, TEST_PASSWORD);
    await opened.page.waitForURL((url) => url.pathname === '/', WAIT);
    return opened.page;
  }

  async function residentialInCounty(): Promise<number> {
    const [r] = await server.database.db
      .select({ n: count() })
      .from(institutions)
      .where(
        and(like(institutions.regionCode, '520302%'), inArray(institutions.type, [...RESIDENTIAL_TYPES])),
      );
    return Number(r?.n ?? 0);
  }

  beforeAll(async () => {
    server = await startServer();
    const seeder = await makeUser(server.database, {
      username: 'seeder',
      role: 'officer',
      regionCode: '000000000000',
    });
    await seedInstitutions(ctxFor(server.database, seeder));
    const [existing] = await server.database.db
      .select({ name: institutions.name, regionCode: institutions.regionCode })
      .from(institutions)
      .where(like(institutions.regionCode, '520302%'))
      .limit(1);
    registryDuplicate = existing!;
    await makeUser(server.database, {
      username: 'hhg_officer',
      name: '红花岗区民政局干部',
      role: 'officer',
      regionCode: HONGHUAGANG,
    });
    await makeUser(server.database, {
      username: 'zunyi_leader',
      name: '遵义市民政局领导',
      role: 'leader',
      regionCode: ZUNYI,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports with every bad row explained, closes the county in one action, the city sees it, lowering keeps it', async () => {
    const officer = await signIn('hhg_officer');
    const leader = await signIn('zunyi_leader');

    // The city leader's board, before anything happens: 红花岗区 has no closures.
    await leader.goto(`${server.baseUrl}/emergency`);
    await leader.getByTestId('board-title').filter({ hasText: '遵义市' }).waitFor(WAIT);
    await dataRow(leader, HONGHUAGANG, 'data-region-code').waitFor(WAIT);
    expect(await leader.locator(closedLink(HONGHUAGANG)).count()).toBe(0);
    await shot(leader, 'board-city-before');

    // 1. Import: the menu leads to the registry, the registry to the wizard.
    await officer.goto(`${server.baseUrl}/institutions`);
    await officer.getByRole('button', { name: /批量导入/ }).click();
    await officer.getByText('第一步：下载导入模板并填写').waitFor(WAIT);
    await shot(officer, 'import-start');

    const file = await workbook([
      row(), // 2: valid, residential
      row({
        [H.name]: '巷口镇日间照料中心二部',
        [H.type]: '日间照料中心',
        [H.regionCode]: '520302101000',
        [H.beds]: 0,
        [H.residents]: 0,
      }), // 3: valid
      row({ [H.name]: '' }), // 4: missing name
      row({ [H.name]: '长征街道托管所', [H.type]: '养鸡场' }), // 5: unknown type
      row({ [H.name]: '进化镇敬老院分院', [H.regionCode]: '520327101000' }), // 6: 凤冈县, outside the county
      row(), // 7: duplicate of row 2
      row({ [H.name]: registryDuplicate.name, [H.regionCode]: registryDuplicate.regionCode }), // 8: already registered
      row({ [H.name]: '长征街道颐养院', [H.beds]: -5, [H.responsiblePhone]: '12345' }), // 9: numbers and phone
      row({ [H.name]: '不存在街道养老院', [H.regionCode]: '520302999000' }), // 10: unknown region
    ]);
    await officer
      .locator('input[type=file]')
      .setInputFiles({ name: '红花岗区机构.xlsx', mimeType: XLSX_MIME, buffer: file });
    const summary = officer.getByTestId('import-summary');
    await summary.waitFor(WAIT);
    expect(await summary.textContent()).toContain('共 9 行：可导入 2 行，有问题 7 行');
    expect(await summary.textContent()).toContain('尚未保存任何数据');

    const explained: Array<[number, RegExp]> = [
      [4, /缺少机构名称/],
      [5, /机构类型「养鸡场」未知/],
      [6, /不在您的管辖范围内/],
      [7, /与第 2 行重复/],
      [8, /与已登记机构重复/],
      [9, /床位数[\s\S]*责任人电话|责任人电话[\s\S]*床位数/],
      [10, /区划代码 520302999000 不存在/],
    ];
    for (const [n, why] of explained) {
      const line = dataRow(officer, String(n), 'data-import-row');
      await line.waitFor(WAIT);
      expect(await line.textContent(), `row ${n}`).toMatch(why);
    }
    expect(await dataRow(officer, '2', 'data-import-row').textContent()).toContain('可导入');
    // Nothing is stored by the dry run.
    const before = await residentialInCounty();
    await shot(officer, 'import-preview');

    await officer.getByRole('button', { name: /确认导入 2 家机构/ }).click();
    await officer.locator('.ant-result-title', { hasText: '已导入 2 家机构' }).waitFor(WAIT);
    await officer.getByText('未导入的行（7）').waitFor(WAIT);
    expect(await residentialInCounty()).toBe(before + 1);
    await shot(officer, 'import-done');

    // 2. A level-II response closes every residential institution of the county in one action.
    const residential = await residentialInCounty();
    await officer.goto(`${server.baseUrl}/emergency`);
    await officer.getByTestId('board-title').filter({ hasText: '红花岗区' }).waitFor(WAIT);
    expect(await officer.locator('[data-count="closed_management"]').textContent()).toBe('0');
    await shot(officer, 'board-county-before');
    await officer.getByRole('button', { name: /设置响应级别/ }).click();
    const dialog = officer.getByRole('dialog');
    await dialog.getByText('Ⅱ级', { exact: true }).click();
    for (const t of ['养老机构', '儿童福利机构', '未成年人救助保护机构', '救助管理站', '精神卫生福利机构']) {
      expect(await dialog.getByRole('checkbox', { name: t }).isChecked(), t).toBe(true);
    }
    for (const t of ['日间照料中心', '婚姻登记机构', '殡葬服务机构']) {
      expect(await dialog.getByRole('checkbox', { name: t }).isChecked(), t).toBe(false);
    }
    expect(await dialog.getByRole('checkbox', { name: '谢绝探访、不接受社会慰问' }).isChecked()).toBe(true);
    await shot(officer, 'level-raise');
    await dialog.getByRole('button', { name: /确认并实行封闭管理/ }).click();
    const result = officer.getByTestId('level-result');
    await result.waitFor(WAIT);
    expect(await result.textContent()).toContain(`已对 ${residential} 家机构实行封闭管理`);
    await shot(officer, 'level-raised');
    await officer.getByRole('button', { name: label('完成') }).click();
    // The officer's own counts refresh right after the action.
    await officer
      .locator('[data-count="closed_management"]')
      .filter({ hasText: new RegExp(`^${residential}$`) })
      .waitFor(WAIT);
    await officer.locator('[data-level="II"]').first().waitFor(WAIT);
    await shot(officer, 'board-county-closed');

    // The city leader's board catches up by itself (polling), with no reload.
    await leader
      .locator(closedLink(HONGHUAGANG))
      .filter({ hasText: new RegExp(`^${residential}$`) })
      .waitFor({ timeout: 25_000 });
    await dataRow(leader, HONGHUAGANG, 'data-region-code').locator('[data-level="II"]').waitFor(WAIT);
    await shot(leader, 'board-city-after');

    // 3. Lowering the level lifts nothing.
    await officer.getByRole('button', { name: /设置响应级别/ }).click();
    await dialog.getByText('Ⅳ级', { exact: true }).click();
    await dialog.getByTestId('lowering-note').waitFor(WAIT);
    expect(await dialog.getByRole('checkbox').count()).toBe(0);
    await shot(officer, 'level-lower');
    await dialog.getByRole('button', { name: label('确认') }).click();
    await result.waitFor(WAIT);
    expect(await result.textContent()).toContain('已实行的封闭管理保持不变');
    await officer.getByRole('button', { name: label('完成') }).click();
    await officer.locator('[data-level="IV"]').first().waitFor(WAIT);
    expect(await officer.locator('[data-count="closed_management"]').textContent()).toBe(String(residential));

    await leader.reload();
    await dataRow(leader, HONGHUAGANG, 'data-region-code').locator('[data-level="IV"]').waitFor(WAIT);
    expect(await leader.locator(closedLink(HONGHUAGANG)).textContent()).toBe(String(residential));

    // Drill down from the city board to the closed institutions of the county.
    await leader.locator(closedLink(HONGHUAGANG)).click();
    await leader.getByText(`共 ${residential} 条`).waitFor(WAIT);
    await shot(leader, 'list-closed');
    await leader.getByRole('link', { name: '长征街道康养中心' }).click();
    await leader.getByTestId('institution-name').filter({ hasText: '长征街道康养中心' }).waitFor(WAIT);
    await leader.getByText('生效中的封控指令（1）').waitFor(WAIT);
    await leader.getByText('工作人员封闭在岗、吃住在院').first().waitFor(WAIT);
    expect(await leader.getByTestId('status-event').count()).toBe(1);
    await shot(leader, 'institution-detail');

    await officer.context().close();
    await leader.context().close();
    expect(errors()).toEqual([]);
  });

  it('lifts a closure with a reason; sends, reminds and acknowledges a notice', async () => {
    const officer = await signIn('hhg_officer');
    const leader = await signIn('zunyi_leader');

    // Orders: the county's closure order, lifted for one institution.
    await officer.goto(`${server.baseUrl}/orders`);
    await officer
      .getByRole('link', { name: /红花岗区/ })
      .first()
      .click();
    await officer.getByText('涉及机构（').waitFor(WAIT);
    await shot(officer, 'order-detail');
    await officer
      .getByRole('button', { name: /(^|\s)解\s*除$/ })
      .first()
      .click();
    const lift = officer.getByRole('dialog');
    await lift.getByRole('button', { name: /确认解除/ }).click();
    await lift.getByText('请填写解除原因').waitFor(WAIT);
    await lift.getByLabel('解除原因').fill('经评估该机构已具备恢复条件');
    await lift.getByRole('button', { name: /确认解除/ }).click();
    await officer.getByText(/已解除 1 家机构的封闭管理/).waitFor(WAIT);
    await officer.getByText('部分解除').first().waitFor(WAIT);
    await shot(officer, 'order-lifted');

    // Notices: the city sends to the county with an attachment, reminds, the county acknowledges.
    await leader.goto(`${server.baseUrl}/notices/new`);
    await leader.getByLabel('标题').fill('关于全面加强民政服务机构封闭管理的通知');
    await leader
      .getByLabel('正文')
      .fill('各县（市、区）民政局：\n请立即落实封闭管理各项措施，每日 17:30 前报送情况。');
    await leader
      .locator('.ant-select')
      .filter({ has: leader.locator('#regionCodes') })
      .click();
    await leader.locator('.ant-select-item-option', { hasText: '红花岗区' }).click();
    await leader.keyboard.press('Escape');
    await leader
      .locator('input[type=file]')
      .setInputFiles({ name: '封闭管理措施.png', mimeType: 'image/png', buffer: PNG });
    await leader.locator('.ant-upload-list-item-done').filter({ hasText: '封闭管理措施.png' }).waitFor(WAIT);
    await shot(leader, 'notice-compose');
    await leader.getByRole('button', { name: label('发送') }).click();
    await leader.getByText('签收情况：已签收 0/1').waitFor(WAIT);
    await leader.getByRole('button', { name: /催办全部未签收/ }).click();
    await leader
      .getByText(/已催办 1 次/)
      .first()
      .waitFor(WAIT);
    await shot(leader, 'notice-sent');

    await officer.goto(`${server.baseUrl}/notices`);
    const card = officer.getByText('关于全面加强民政服务机构封闭管理的通知').first();
    await card.waitFor(WAIT);
    await officer.getByText('已催办 1 次').first().waitFor(WAIT);
    await officer
      .getByRole('link', { name: /封闭管理措施\.png/ })
      .first()
      .waitFor(WAIT);
    await shot(officer, 'notice-inbox');
    await officer
      .getByRole('button', { name: /(^|\s)签\s*收$/ })
      .first()
      .click();
    await officer.getByText('已签收', { exact: true }).first().waitFor(WAIT);

    await leader.reload();
    await leader.getByText('签收情况：已签收 1/1').waitFor(WAIT);
    await leader.goto(`${server.baseUrl}/notices?box=outbox`);
    await leader
      .getByText(/已签收\s*1\s*\/1/)
      .first()
      .waitFor(WAIT);
    await shot(leader, 'notice-outbox');

    await officer.context().close();
    await leader.context().close();
    expect(errors()).toEqual([]);
  });
  it('registers an institution with hints, keeps a concurrent edit, and suspends its services with a notice', async () => {
    const officer = await signIn('hhg_officer');
    await officer.goto(`${server.baseUrl}/institutions`);
    await officer.getByRole('button', { name: /登记机构/ }).click();
    await officer.getByRole('button', { name: label('登记') }).click();
    await officer.getByText('请填写机构名称').waitFor(WAIT);
    await officer.getByText('请选择机构类型').waitFor(WAIT);
    await officer.getByText('请填写责任人电话').waitFor(WAIT);
    await shot(officer, 'institution-form-hints');

    await officer.getByLabel('机构名称').fill('老城街道婚姻登记服务点');
    await pick(officer, 'type', '婚姻登记机构');
    await pick(officer, 'regionCode', '老城街道');
    await officer.getByLabel('地址').fill('红花岗区老城街道中华南路 9 号');
    await officer.getByLabel('第一责任人').fill('李红梅');
    await officer.getByLabel('责任人电话').fill('12345');
    await officer.getByText('须为手机号或带区号的固定电话').waitFor(WAIT);
    await officer.getByLabel('责任人电话').fill('0851-28225678');
    await officer.getByRole('button', { name: label('登记') }).click();
    await officer.getByTestId('institution-name').filter({ hasText: '老城街道婚姻登记服务点' }).waitFor(WAIT);
    const id = new URL(officer.url()).pathname.split('/').pop()!;

    // Someone else saves first while the officer edits: the officer is told, sees their version, saves again.
    await officer.getByRole('button', { name: /编辑信息/ }).click();
    await officer.getByText('编辑机构信息').waitFor(WAIT);
    const session = await apiLogin(server.app, 'hhg_officer');
    const current = (await call(server.app, session, 'GET', `/api/institutions/${id}`)).json();
    const other = await call(server.app, session, 'PATCH', `/api/institutions/${id}`, {
      version: current.version,
      address: '红花岗区老城街道中华南路 11 号',
    });
    expect(other.statusCode).toBe(200);
    await officer.getByLabel('工作人员（人）').fill('3');
    await officer.getByRole('button', { name: /保存修改/ }).click();
    await officer.getByText('该机构刚被他人修改').waitFor(WAIT);
    await expect.poll(() => officer.getByLabel('地址').inputValue()).toBe('红花岗区老城街道中华南路 11 号');
    await shot(officer, 'institution-edit-conflict');
    await officer.getByLabel('工作人员（人）').fill('3');
    await officer.getByRole('button', { name: /保存修改/ }).click();
    await officer.getByTestId('institution-name').waitFor(WAIT);
    await officer.getByText('3 人', { exact: true }).waitFor(WAIT);
    await officer.getByText('红花岗区老城街道中华南路 11 号').waitFor(WAIT);

    // Marriage registration paused, with the public notice text.
    await officer.getByRole('button', { name: /变更状态/ }).click();
    const dialog = officer.getByRole('dialog');
    await pick(officer, 'status', '暂停服务');
    await dialog.getByLabel('原因').fill('辖区疫情防控需要');
    await dialog.getByLabel('公告文本（选填）').fill('即日起暂停办理婚姻登记，恢复时间另行通知。');
    await shot(officer, 'institution-status-change');
    await dialog.getByRole('button', { name: /确认变更/ }).click();
    await officer.getByText('公告：即日起暂停办理婚姻登记，恢复时间另行通知。').first().waitFor(WAIT);
    expect(await officer.getByTestId('status-event').count()).toBe(1);
    await shot(officer, 'institution-suspended');

    await officer.context().close();
    expect(errors()).toEqual([]);
  });
});
