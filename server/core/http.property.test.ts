// fast-check properties over the whole HTTP surface: random query strings, path parameters and JSON bodies
// sent to every endpoint never yield a 5xx, and every error keeps the error contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { call, type Session } from '../test/http';
import {
  HONGHUAGANG,
  NO_SUCH_ID,
  contractViolation,
  app,
  loginApp,
  admin,
  auditor,
  security,
  target,
  type Method,
  setUpHttpWorld,
  tearDownHttpWorld,
} from './http.fixture';

beforeAll(setUpHttpWorld);
afterAll(tearDownHttpWorld);

// ---------------------------------------------------------------------------------------------------
// Properties: random input never yields a 5xx, and every 4xx keeps the error contract.

const NUM_RUNS = 100;

/** Percent-encodes the UTF-8 bytes of a string but the unreserved ones (lone surrogates become U+FFFD, as a browser sends them). */
const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`))
    .join('');

const QUERY_KEYS = ['q', 'page', 'pageSize', 'role', 'region', 'action', 'actor', 'entityType', 'entityId', 'result', 'from', 'to', 'level', '__proto__', 'constructor', ''];

const queryValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    '520302000000',
    '000000000000',
    '620000000000',
    '529999000000',
    'officer',
    'system_admin',
    'failure',
    'success',
    '2026-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999+14:00',
    '200',
    '0',
    '-1',
    '1e3',
    '0x10',
    '%',
    '_',
    '\\',
    '\u0000',
    "'; drop table users; --",
    NO_SUCH_ID,
  ),
);

/** A query string: known and random keys, random values, repeated keys, occasionally raw bytes. */
const queryString = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })), queryValue), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 30 }).map((bytes) => `q=${[...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => s.replace(/[#\s]/g, '')) },
);

/** A path segment in the router's limits (the router's own errors are a separate test above). */
const pathSegment = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 20 }),
    fc.stringMatching(/^\d{12}$/),
    fc.uuid({ version: 4 }),
    fc.constantFrom('000000000000', '520302000000', '52030200000x', NO_SUCH_ID, '00000000-0000-0000-0000-000000000000', '..', '.'),
  )
  .map(pct)
  .filter((s) => s.length > 0 && s.length <= 100);

function check(res: LightMyRequestResponse, label: string): void {
  const violation = contractViolation(res);
  if (violation) throw new Error(`${label}: ${violation}`);
}

describe('property: random query strings never yield a 5xx', () => {
  const endpoints: Array<[string, () => Session, (q: string) => string]> = [
    ['GET /api/regions', () => admin, (q) => `/api/regions?${q}`],
    // The auditor holds regions:read without users:read; the officer path of these two routes is covered
    // (and currently fails, see regions.routes.test.ts) with real codes.
    ['GET /api/regions/:code', () => auditor, (q) => `/api/regions/${HONGHUAGANG}?${q}`],
    ['GET /api/regions/:code/children', () => auditor, (q) => `/api/regions/${HONGHUAGANG}/children?${q}`],
    ['GET /api/users', () => admin, (q) => `/api/users?${q}`],
    ['GET /api/users/:id', () => admin, (q) => `/api/users/${target.id}?${q}`],
    ['GET /api/audit', () => auditor, (q) => `/api/audit?${q}`],
    ['GET /api/audit/verify', () => auditor, (q) => `/api/audit/verify?${q}`],
    ['GET /api/auth/me', () => admin, (q) => `/api/auth/me?${q}`],
    ['GET /api/auth/policy', () => security, (q) => `/api/auth/policy?${q}`],
  ];
  for (const [label, session, url] of endpoints) {
    it(label, async () => {
      await fc.assert(
        fc.asyncProperty(queryString, async (q) => {
          check(await call(app, session(), 'GET', url(q)), `${label} ?${q}`);
        }),
        { numRuns: NUM_RUNS },
      );
    }, 120_000);
  }
});

describe('property: random path parameters never yield a 5xx', () => {
  const endpoints: Array<[string, () => Session, (p: string) => string]> = [
    ['GET /api/regions/:code', () => auditor, (p) => `/api/regions/${p}`],
    ['GET /api/regions/:code/children', () => auditor, (p) => `/api/regions/${p}/children`],
    ['GET /api/users/:id', () => admin, (p) => `/api/users/${p}`],
  ];
  for (const [label, session, url] of endpoints) {
    it(label, async () => {
      await fc.assert(
        fc.asyncProperty(pathSegment, async (p) => {
          check(await call(app, session(), 'GET', url(p)), `${label} ${p}`);
        }),
        { numRuns: NUM_RUNS },
      );
    }, 120_000);
  }
  it('PATCH /api/users/:id', async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, async (p) => {
        check(await call(app, admin, 'PATCH', `/api/users/${p}`, { version: 1, name: 'x' }), `PATCH ${p}`);
      }),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);
});

/** A random value of the same JSON type as the given one, so that the body still passes the type checks. */
function sameType(value: unknown): fc.Arbitrary<unknown> {
  if (typeof value === 'string') return fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), queryValue);
  if (typeof value === 'number') return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, 1, 2, -1, 2 ** 31, Number.MAX_SAFE_INTEGER));
  if (typeof value === 'boolean') return fc.boolean();
  if (Array.isArray(value)) return fc.array(queryValue, { maxLength: 12 });
  return fc.jsonValue();
}

/**
 * Random bodies: any JSON value, a valid body with one field replaced (by a value of the same type, so the
 * request gets past validation into the service, or by anything), one key added, or raw text.
 */
function bodies(template: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(template);
  return fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(...keys)
        .chain((k) => sameType(template[k]).map((v) => JSON.stringify({ ...template, [k]: v }))),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...keys), fc.oneof(fc.jsonValue(), queryValue))
        .map(([k, v]) => JSON.stringify({ ...template, [k]: v })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.string({ maxLength: 12 }), fc.jsonValue()).map(([k, v]) => JSON.stringify({ ...template, [k]: v })),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  );
}

describe('property: random JSON bodies never yield a 5xx', () => {
  const endpoints: Array<[string, () => FastifyInstance, () => Session | null, Method, () => string, Record<string, unknown>]> = [
    ['POST /api/auth/login', () => loginApp, () => null, 'POST', () => '/api/auth/login', { username: 'http-target', password: 'Wrong#Pass2026' }],
    ['POST /api/users', () => app, () => admin, 'POST', () => '/api/users', { username: 'fuzz-user', name: '测试', role: 'reporter', regionCode: '520302001000' }],
    ['PATCH /api/users/:id', () => app, () => admin, 'PATCH', () => `/api/users/${target.id}`, { version: 1, name: '测试' }],
    ['POST /api/auth/password', () => app, () => admin, 'POST', () => '/api/auth/password', { currentPassword: 'Wrong#Pass2026', newPassword: 'New#Pass2026x' }],
    ['POST /api/auth/totp/enable', () => app, () => admin, 'POST', () => '/api/auth/totp/enable', { code: '123456' }],
    ['PUT /api/auth/policy', () => app, () => security, 'PUT', () => '/api/auth/policy', { totpRequiredRoles: [] }],
  ];
  for (const [label, which, session, method, url, template] of endpoints) {
    it(label, async () => {
      await fc.assert(
        fc.asyncProperty(bodies(template), async (body) => {
          const s = session();
          const res = await which().inject({
            method,
            url: url(),
            payload: body,
            headers: { 'content-type': 'application/json', ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) },
          });
          check(res, `${label} ${body.slice(0, 200)}`);
        }),
        { numRuns: label.includes('password') || label.includes('login') ? 50 : NUM_RUNS },
      );
    }, 120_000);
  }

  it('the admin session survived the fuzzing (the properties really ran signed in)', async () => {
    expect((await call(app, admin, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });
});
