import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { sweepContacts } from '../server/db/schema/sweeps';
import { insertHouseholds, insertVillages } from '../server/modules/sweeps/sweeps.fixtures';
import { testSecrets } from '../server/test/db';
import { call, login as apiLogin, makeUser, TEST_PASSWORD } from '../server/test/http';
import { launchBrowser, login, openPage, PHONE, screenshot, scrollWidth, startServer, type TestServer } from './support';

const POLL = { timeout: 15_000 };
const VILLAGE = '620503101201';

describe('sweep worklist on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let sweepId: string;
  let riskiest: string;

  beforeAll(async () => {
    server = await startServer();
    // The registry module's demo seed may not be there: the households are inserted as the registry stores them.
    await insertVillages(server.database.db, [{ code: VILLAGE, name: '甘泉村' }]);
    const ids = await insertHouseholds(server.database.db, testSecrets, [
      { regionCode: VILLAGE, lastContactAt: new Date(), members: [{ name: '王德福', phone: '13909381001', birthDate: '1970-05-01' }] },
      { regionCode: VILLAGE, livingAlone: true, members: [{ name: '李秀英', phone: '13909381002', birthDate: '1936-02-01', disability: true }] },
      { regionCode: VILLAGE, programme: 'rural_dibao', members: [{ name: '赵大军', phone: '13909381003', birthDate: '1980-01-01' }] },
    ]);
    riskiest = ids[1]!;
    await makeUser(server.database, { username: 'mj_off', role: 'officer', regionCode: '620503000000' });
    await makeUser(server.database, { username: 'mj_cadre', role: 'village_cadre', regionCode: VILLAGE, name: '甘泉村干部' });
    await makeUser(server.database, { username: 'mj_leader', role: 'leader', regionCode: '620503000000' });
    const officer = await apiLogin(server.app, 'mj_off');
    const res = await call(server.app, officer, 'POST', '/api/sweeps', { name: '麦积区低保户走访排查', regionCode: '620503000000', programmes: ['urban_dibao', 'rural_dibao'] });
    expect(res.statusCode, res.body).toBe(201);
    sweepId = res.json().id;
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a cadre opens the worklist at 375 px, riskiest first, and records an outcome with one tap', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await login(page, server.baseUrl, 'mj_cadre', TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/', POLL);
    await page.goto(`${server.baseUrl}/sweeps/${sweepId}/worklist`);
    const first = page.locator('.wl-row').first();
    await first.waitFor(POLL);
    expect(await page.locator('.wl-row').count()).toBe(3);
    expect(await first.getAttribute('data-household')).toBe(riskiest);
    await expect.poll(() => first.textContent(), POLL).toContain('80岁以上');
    expect(await first.textContent()).toContain('139****1002');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'sweeps-worklist-phone');
    await first.getByRole('button', { name: /正\s*常/ }).click();
    const done = page.locator(`.wl-row[data-household="${riskiest}"] .wl-result`);
    await done.waitFor(POLL);
    expect(await done.textContent()).toContain('正常');
    await expect
      .poll(async () => (await server.database.db.select().from(sweepContacts).where(eq(sweepContacts.householdId, riskiest))).length, POLL)
      .toBe(1);
    // The recorded household moves below the ones still to contact.
    await page.reload();
    await page.locator('.wl-row').first().waitFor(POLL);
    await expect.poll(() => page.locator('.wl-row').last().getAttribute('data-household'), POLL).toBe(riskiest);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'sweeps-worklist-recorded-phone');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('a leader (no sweeps:record) sees the same worklist read-only: outcomes, no buttons', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await login(page, server.baseUrl, 'mj_leader', TEST_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/', POLL);
    await page.goto(`${server.baseUrl}/sweeps/${sweepId}/worklist?village=${VILLAGE}`);
    await page.locator('.wl-row').first().waitFor(POLL);
    expect(await page.locator('.wl-row').count()).toBe(3);
    expect(await page.locator('.wl-row button').count()).toBe(0);
    expect(await page.locator('.wl-row .wl-result').count()).toBe(3);
    expect(await page.locator(`.wl-row[data-household="${riskiest}"] .wl-result`).textContent()).toContain('正常');
    expect(await page.getByText('尚未联系').count()).toBe(2);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
