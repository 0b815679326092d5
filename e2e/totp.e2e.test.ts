import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeUser, TEST_PASSWORD } from '../server/test/http';
import { totpCode } from '../server/modules/auth/totp';
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

describe('two-factor login', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    await makeUser(server.database, {
      username: 'security',
      name: '安全管理员',
      role: 'security_admin',
      regionCode: '000000000000',
    });
    await makeUser(server.database, {
      username: 'fg_officer',
      name: '凤冈县干部',
      role: 'officer',
      regionCode: '520327000000',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the security admin requires 2FA for officers; an officer enrols on a phone and logs in with a code', async () => {
    const admin = await openPage(browser, DESKTOP);
    await login(admin.page, server.baseUrl, 'security', TEST_PASSWORD);
    await admin.page.waitForURL((url) => url.pathname === '/');
    await admin.page.goto(`${server.baseUrl}/security`);
    await admin.page.getByRole('checkbox', { name: '民政干部' }).check();
    await admin.page.getByRole('button', { name: '保存策略' }).click();
    await admin.page.getByText('安全策略已保存').waitFor();
    await admin.context.close();

    const { context, page, errors } = await openPage(browser, PHONE);
    await login(page, server.baseUrl, 'fg_officer', TEST_PASSWORD);
    await page.waitForURL('**/totp');
    await page.getByRole('button', { name: '生成密钥' }).click();
    const secret = (await page.getByTestId('totp-secret').locator('code').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-totp');
    await page.getByLabel('应用中显示的 6 位动态验证码').fill(await totpCode(secret, new Date()));
    await page.getByRole('button', { name: '验证并启用' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByTestId('region-title').textContent(), POLL).toBe('凤冈县');

    // Sign out through the account menu, then sign in again: the code is asked for.
    await page.getByRole('button', { name: /账户/ }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await login(page, server.baseUrl, 'fg_officer', TEST_PASSWORD);
    await page.getByLabel('动态验证码').waitFor();
    await screenshot(page, 'phone-login-totp');
    // The step used at enrolment is spent; the next one is within the accepted window.
    await page.getByLabel('动态验证码').fill(await totpCode(secret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByTestId('region-title').textContent(), POLL).toBe('凤冈县');
    expect(errors).toEqual([]);
    await context.close();
  });
});
