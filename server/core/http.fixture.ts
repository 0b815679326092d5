// Shared set-up of the HTTP hardening tests (http.test.ts, http.property.test.ts): the module's bindings
// are filled by setUpHttpWorld, and importers see them (ES module live bindings).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../db/client';
import { seedTestRegions, testDatabase } from '../test/db';
import { login, makeUser, testApp, type Session, type TestUser } from '../test/http';

export const HONGHUAGANG = '520302000000';
export const COUNTRY = '000000000000';
export const CHINESE = /[\u4e00-\u9fff]/;
export const NO_SUCH_ID = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

export let database: Database;
export let app: FastifyInstance;
/** A second app on the same database whose login limit never trips, for the login property. */
export let loginApp: FastifyInstance;
export let admin: Session; // system_admin of the country
export let auditor: Session; // audit_admin of the country: regions:read and audit:read
export let security: Session; // security_admin: the policy endpoints
export let target: TestUser;

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A failure that breaks the error contract, as a message (null when the answer is fine). */
export function contractViolation(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `server error ${res.statusCode}: ${res.body}`;
  if (res.statusCode < 400) return null;
  if (!String(res.headers['content-type']).startsWith('application/json')) return `error without JSON: ${res.headers['content-type']}`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `error body is not JSON: ${res.body}`;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return `error body is not an object: ${res.body}`;
  const keys = Object.keys(body);
  const extra = keys.filter((k) => !['code', 'message', 'details'].includes(k));
  if (extra.length > 0) return `error body has extra keys ${extra.join(',')}: ${res.body}`;
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_.]*$/.test(code)) return `error code is not a stable code: ${res.body}`;
  if (typeof message !== 'string' || !CHINESE.test(message)) return `error message is not Chinese: ${res.body}`;
  if (res.headers['x-content-type-options'] !== 'nosniff') return 'error without X-Content-Type-Options: nosniff';
  return null;
}

export function expectContract(res: LightMyRequestResponse, label = ''): void {
  expect(contractViolation(res), `${label} ${res.statusCode} ${res.body.slice(0, 300)}`).toBeNull();
}

export function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expectContract(res);
  expect(res.json<{ code: string }>().code).toBe(code);
}

/** Sends a raw body; login attempts go to the app without a login rate limit. */
export function raw(s: Session | null, method: Method, url: string, payload: string | Buffer, contentType: string | null = 'application/json') {
  return (url === '/api/auth/login' ? loginApp : app).inject({
    method,
    url,
    payload,
    headers: {
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
      ...(contentType ? { 'content-type': contentType } : {}),
    },
  });
}

/** The world of both HTTP test files: a migrated database, two apps on it, and national admins with sessions. */
export async function setUpHttpWorld(): Promise<void> {
  database = await testDatabase();
  await seedTestRegions(database);
  app = await testApp(database);
  loginApp = await testApp(database, { loginRateLimitPerMinute: 1_000_000 });
  await makeUser(database, { username: 'http-admin', role: 'system_admin', regionCode: COUNTRY });
  await makeUser(database, { username: 'http-auditor', role: 'audit_admin', regionCode: COUNTRY });
  await makeUser(database, { username: 'http-security', role: 'security_admin', regionCode: COUNTRY });
  target = await makeUser(database, { username: 'http-target', role: 'reporter', regionCode: '520302001000' });
  admin = await login(app, 'http-admin');
  auditor = await login(app, 'http-auditor');
  security = await login(app, 'http-security');
}

export async function tearDownHttpWorld(): Promise<void> {
  await loginApp?.close();
  await app?.close();
  await database?.close();
}
