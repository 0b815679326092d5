import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeUser, TEST_PASSWORD } from '../server/test/http';
import {
  launchBrowser,
  login,
  openPage,
  PHONE,
  screenshot,
  scrollWidth,
  startServer,
  type TestServer,
} from './support';

const HONGHUAGANG = '520302000000';

/** Clicks the OK button of the open Popconfirm (antd spaces two-character labels: "停 用"). */
async function confirm(page: Page, label: string): Promise<void> {
  const name = new RegExp(`^${label.split('').join('\\s*')}$`);
  await page.locator('.ant-popconfirm').getByRole('button', { name }).click();
}

async function temporaryPassword(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog').filter({ hasText: '临时密码只显示这一次' });
  await dialog.waitFor();
  const text = (await dialog.locator('.fx-temp-password').first().textContent())?.trim() ?? '';
  expect(text.length).toBeGreaterThanOrEqual(8);
  return text;
}

describe('user management on a phone', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await makeUser(server.database, {
      username: 'hhg_officer',
      name: '红花岗区干部',
      role: 'officer',
      regionCode: HONGHUAGANG,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates, disables and resets a user; the new user must change the password', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await login(page, server.baseUrl, 'hhg_officer', TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`${server.baseUrl}/users`);
    await page.getByRole('button', { name: /新建用户/ }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('laocheng_cadre');
    await dialog.getByLabel('姓名').fill('老城社区干部');
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option', { hasText: '村(社区)干部' }).click();
    await page.waitForTimeout(400);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-user-create');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();

    const first = await temporaryPassword(page);
    await page.waitForTimeout(400);
    await screenshot(page, 'phone-user-created');
    await page.getByRole('button', { name: '我已记下' }).click();

    const card = page.locator('.fx-row-card', { hasText: 'laocheng_cadre' });
    await card.getByText('待改密').waitFor();
    await card.getByRole('button', { name: /管\s*理/ }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '账户操作' });
    await drawer.getByText('账户操作').waitFor();
    await page.waitForTimeout(400);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-user-edit');

    await drawer.getByRole('button', { name: /停用账户/ }).click();
    await confirm(page, '停用');
    await drawer.getByText('已停用').waitFor();
    await drawer.getByRole('button', { name: /启用账户/ }).click();
    await confirm(page, '启用');
    await drawer.getByRole('button', { name: /停用账户/ }).waitFor();

    await drawer.getByRole('button', { name: /重置密码/ }).click();
    await confirm(page, '重置');
    const second = await temporaryPassword(page);
    expect(second).not.toBe(first);
    await page.getByRole('button', { name: '我已记下' }).click();
    await context.close();

    // The new user signs in with the temporary password and is sent to change it.
    const other = await openPage(browser, PHONE);
    await login(other.page, server.baseUrl, 'laocheng_cadre', second);
    await other.page.waitForURL('**/password');
    await other.page.getByText('首次登录或密码已被重置').waitFor();
    await other.context.close();

    expect([...errors, ...other.errors]).toEqual([]);
  });
});
