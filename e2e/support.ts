import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../server/app';
import type { Database } from '../server/db/client';
import { seedTestRegions, testDatabase, testSecrets } from '../server/test/db';

export const ROOT = resolve(import.meta.dirname, '..');
export const WEB_ROOT = join(ROOT, 'dist', 'web');
export const SHOTS = join(ROOT, 'test-results');

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 800 };

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when dist/web is missing or older than the sources under web/ and common/. */
export function buildWebIfStale(): void {
  const index = join(WEB_ROOT, 'index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'web')),
    newestMtime(join(ROOT, 'common')),
    statSync(join(ROOT, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const res = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which would give React's and antd's development builds.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (res.status !== 0) throw new Error('web build failed');
}

export interface TestServer {
  app: FastifyInstance;
  database: Database;
  baseUrl: string;
  close: () => Promise<void>;
}

/** The real server in-process on a free port, over a fresh database with Guizhou and Gansu loaded. */
export async function startServer(): Promise<TestServer> {
  buildWebIfStale();
  const database = await testDatabase();
  await seedTestRegions(database);
  const app = await buildApp({
    database,
    secrets: testSecrets,
    logLevel: process.env.E2E_LOG ?? 'silent',
    webRoot: WEB_ROOT,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    database,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh browser context (own cookies) at the given viewport, in Chinese, failing on page errors. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Expected API answers (401 before login) are logged by Chromium as failed resources; not app errors.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Widest content of the page: with no horizontal overflow it equals the viewport width. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** antd puts a space between two Chinese characters of a button label ("确 认"). */
export const label = (text: string) => new RegExp(`^${text.split('').join('\\s*')}$`);

/** Chooses an option of the antd Select whose input has the id, and waits for its dropdown to close. */
export async function pick(page: Page, id: string, option: string): Promise<void> {
  await page
    .locator('.ant-select')
    .filter({ has: page.locator(`#${id}`) })
    .click();
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 15_000 }).toBe(0);
}
