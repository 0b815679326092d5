import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeUser, TEST_PASSWORD } from '../server/test/http';
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
const NEW_PASSWORD = 'Fangxian#2026ok';

describe('first login on a phone', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await makeUser(server.database, {
      username: 'hhg_first',
      name: '红花岗区干部',
      role: 'officer',
      regionCode: HONGHUAGANG,
      mustChangePassword: true,
    });
    await makeUser(server.database, {
      username: 'laocheng_town',
      name: '老城街道干部',
      role: 'town_officer',
      regionCode: '520302001000',
    });
    await makeUser(server.database, {
      username: 'hhg_hotline',
      name: '热线接线员',
      role: 'hotline_operator',
      regionCode: HONGHUAGANG,
    });
    await makeUser(server.database, {
      username: 'auditor',
      name: '审计管理员',
      role: 'audit_admin',
      regionCode: '000000000000',
    });
    await makeUser(server.database, {
      username: 'security',
      name: '安全管理员',
      role: 'security_admin',
      regionCode: '000000000000',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('forces the password change, then shows 红花岗区 and its 23 towns', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').waitFor();
    await screenshot(page, 'phone-login');

    // A wrong password is refused with the server's Chinese message.
    await login(page, server.baseUrl, 'hhg_first', 'wrong-password');
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toContain('用户名或密码错误');

    await login(page, server.baseUrl, 'hhg_first', TEST_PASSWORD);
    await page.waitForURL('**/password');
    await page.getByText('首次登录或密码已被重置').waitFor();
    await page.getByLabel('当前密码').fill(TEST_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByText('须包含大写字母').waitFor();
    await screenshot(page, 'phone-password');
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '确认修改' }).click();

    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByTestId('region-title').textContent(), POLL).toBe('红花岗区');
    const towns = page.locator('[data-region-code]');
    await expect.poll(() => towns.count(), POLL).toBe(23);
    await expect
      .poll(() => page.locator(`[data-region-code="520302001000"]`).textContent(), POLL)
      .toContain('老城街道');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-home');

    // The side menu is a drawer behind the hamburger on a phone.
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menuitem', { name: /用户管理/ }).click();
    await page.waitForURL('**/users');
    await page.getByText('laocheng_town').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-users');

    // Drill down into a town from the overview.
    await page.goto(`${server.baseUrl}/regions/520302001000`);
    await expect.poll(() => page.getByTestId('region-title').textContent(), POLL).toBe('老城街道');
    await page.getByRole('link', { name: '红花岗区' }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the same pages on a desktop with the new password', async () => {
    const { context, page, errors } = await openPage(browser, DESKTOP);
    await login(page, server.baseUrl, 'hhg_first', NEW_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.locator('[data-region-code]').count(), POLL).toBe(23);
    await page.getByText('民政干部').first().waitFor();
    await screenshot(page, 'desktop-home');

    await page.getByRole('menuitem', { name: /用户管理/ }).click();
    await page.getByText('laocheng_town').waitFor();
    await screenshot(page, 'desktop-users');
    await page.getByRole('button', { name: /新建用户/ }).click();
    await page.getByRole('dialog').getByLabel('用户名').waitFor();
    await page.waitForTimeout(400); // the dialog's opening animation
    await screenshot(page, 'desktop-user-create');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the auditor verify the audit chain, on a phone', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await login(page, server.baseUrl, 'auditor', TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto(`${server.baseUrl}/audit`);
    await page.getByText('修改密码').first().waitFor();
    await page.getByRole('button', { name: /校验审计链/ }).click();
    await page.getByText('审计链完整').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-audit');

    // The auditor has no user management: the page answers 403.
    await page.goto(`${server.baseUrl}/users`);
    await page.getByText('没有访问权限', { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the security admin see the 2FA policy, on a desktop', async () => {
    const { context, page, errors } = await openPage(browser, DESKTOP);
    await login(page, server.baseUrl, 'security', TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('menuitem', { name: /安全策略/ }).click();
    await page.getByText('要求双因素认证的角色').waitFor();
    await screenshot(page, 'desktop-security');
    expect(errors).toEqual([]);
    await context.close();
  });
});
