import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Role } from '../../common/enums';
import { usernameKey } from '../../common/username';
import { buildApp, type AppOptions } from '../app';
import { hashPassword } from '../core/passwords';
import type { Database } from '../db/client';
import { users } from '../db/schema/users';
import { testSecrets } from './db';

export const TEST_PASSWORD = 'Test#Pass2026';
const hashes = new Map<string, Promise<string>>();
const hashOf = (p: string) => {
  if (!hashes.has(p)) hashes.set(p, hashPassword(p));
  return hashes.get(p)!;
};

export interface TestUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  regionCode: string;
  password: string;
}

/** Inserts a user directly (fixtures, not the verb under test). */
export async function makeUser(
  database: Database,
  u: { username: string; role: Role; regionCode: string; password?: string; mustChangePassword?: boolean; name?: string },
): Promise<TestUser> {
  const password = u.password ?? TEST_PASSWORD;
  const id = randomUUID();
  const now = new Date();
  await database.db.insert(users).values({
    id,
    username: u.username,
    usernameKey: usernameKey(u.username),
    name: u.name ?? u.username,
    role: u.role,
    regionCode: u.regionCode,
    passwordHash: await hashOf(password),
    passwordChangedAt: now,
    mustChangePassword: u.mustChangePassword ?? false,
    createdAt: now,
  });
  return { id, username: u.username, name: u.name ?? u.username, role: u.role, regionCode: u.regionCode, password };
}

export async function userRow(database: Database, id: string) {
  const [row] = await database.db.select().from(users).where(eq(users.id, id));
  return row!;
}

export function testApp(database: Database, opts: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  return buildApp({ database, secrets: testSecrets, logLevel: 'silent', webRoot: null, ...opts });
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'fx_sid');
  return { cookie: `fx_sid=${cookie!.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

export function call(
  app: FastifyInstance,
  session: Session | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...headers },
  });
}

/** A multipart/form-data body with one file in the field `file`, for upload routes. */
export function multipart(file: Buffer, fileName: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----fangxian' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** An error answer's body: a stable code, a Chinese message, maybe details, nothing else. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Asserts an error answer (its status, its code, a Chinese message, no other keys) and returns its body. */
export function expectError(res: LightMyRequestResponse, status: number, code: string): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<ErrorBody>();
  expect(body.code).toBe(code);
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  expect(Object.keys(body).filter((k) => !['code', 'message', 'details'].includes(k))).toEqual([]);
  return body;
}
