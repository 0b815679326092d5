// Error handling and input hardening of the whole HTTP surface: malformed and oversized bodies, prototype
// poisoning, content types, unknown routes, the error body contract, security headers, rate limiting, and
// fast-check properties sending random bodies and query strings to every endpoint (never a 5xx).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { seedTestRegions, testDatabase } from '../test/db';
import { call, login, makeUser, testApp, type Session, type TestUser } from '../test/http';

const HONGHUAGANG = '520302000000';
const COUNTRY = '000000000000';
const CHINESE = /[\u4e00-\u9fff]/;
const NO_SUCH_ID = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

let database: Database;
let app: FastifyInstance;
/** A second app on the same database whose login limit never trips, for the login property. */
let loginApp: FastifyInstance;
let admin: Session; // system_admin of the country
let auditor: Session; // audit_admin of the country: regions:read and audit:read
let security: Session; // security_admin: the policy endpoints
let target: TestUser;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A failure that breaks the error contract, as a message (null when the answer is fine). */
function contractViolation(res: LightMyRequestResponse): string | null {
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

function expectContract(res: LightMyRequestResponse, label = ''): void {
  expect(contractViolation(res), `${label} ${res.statusCode} ${res.body.slice(0, 300)}`).toBeNull();
}

function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expectContract(res);
  expect(res.json<{ code: string }>().code).toBe(code);
}

/** Sends a raw body; login attempts go to the app without a login rate limit. */
function raw(s: Session | null, method: Method, url: string, payload: string | Buffer, contentType: string | null = 'application/json') {
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

beforeAll(async () => {
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
});

afterAll(async () => {
  await loginApp?.close();
  await app?.close();
  await database?.close();
});

describe('malformed and oversized bodies', () => {
  const malformed = ['{bad', '{"a":1,}', "{'a':1}", '{"a":', 'undefined', 'NaN', '{"a":1}{"b":2}', '\u0000', '[1,2'];

  it('400 MALFORMED_JSON on public and session routes', async () => {
    for (const body of malformed) {
      expectError(await raw(null, 'POST', '/api/auth/login', body), 400, 'MALFORMED_JSON');
      expectError(await raw(admin, 'POST', '/api/users', body), 400, 'MALFORMED_JSON');
      expectError(await raw(admin, 'PATCH', `/api/users/${target.id}`, body), 400, 'MALFORMED_JSON');
    }
  });

  it('400 MALFORMED_JSON for an empty body sent as JSON', async () => {
    expectError(await raw(null, 'POST', '/api/auth/login', ''), 400, 'MALFORMED_JSON');
    expectError(await raw(admin, 'POST', '/api/users', ''), 400, 'MALFORMED_JSON');
  });

  it('413 PAYLOAD_TOO_LARGE over 1 MiB, on public and session routes', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y'.repeat(1024 * 1024) });
    expectError(await raw(null, 'POST', '/api/auth/login', big), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await raw(admin, 'POST', '/api/users', big), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await raw(admin, 'PATCH', `/api/users/${target.id}`, big), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body just under 1 MiB is parsed and then validated (400, not 413)', async () => {
    const body = JSON.stringify({ username: 'x', password: 'y'.repeat(1024 * 1024 - 100) });
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    expectError(await raw(null, 'POST', '/api/auth/login', body), 400, 'VALIDATION_FAILED');
  });

  it('deeply nested and very wide JSON is rejected cleanly', async () => {
    const deep = '{"name":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}';
    expectContract(await raw(admin, 'POST', '/api/users', deep), 'deep');
    const wide: Record<string, number> = {};
    for (let i = 0; i < 50_000; i++) wide[`k${i}`] = i;
    const res = await raw(admin, 'POST', '/api/users', JSON.stringify(wide));
    expect(res.statusCode).toBe(400);
    expectContract(res, 'wide');
  });
});

describe('prototype poisoning', () => {
  const payloads = [
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '{"username":"poison","name":"x","role":"reporter","regionCode":"520302001000","__proto__":{"role":"system_admin"}}',
    '{"version":1,"name":"x","constructor":{"prototype":{"role":"system_admin"}}}',
    '{"a":{"b":{"__proto__":{"polluted":1}}}}',
    '[{"__proto__":{"polluted":1}}]',
    '{"__proto__":null}',
  ];

  it('answers 4xx (never 500) on every body route, and pollutes nothing', async () => {
    for (const p of payloads) {
      for (const [s, method, url] of [
        [null, 'POST', '/api/auth/login'],
        [admin, 'POST', '/api/users'],
        [admin, 'PATCH', `/api/users/${target.id}`],
        [admin, 'POST', '/api/auth/password'],
        [security, 'PUT', '/api/auth/policy'],
      ] as const) {
        const res = await raw(s, method, url, p);
        expect(res.statusCode, `${method} ${url} ${p}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${method} ${url} ${p}`).toBeLessThan(500);
        expectContract(res, p);
      }
    }
    const probe: Record<string, unknown> = {};
    expect(probe.isAdmin).toBeUndefined();
    expect(probe.polluted).toBeUndefined();
    expect(probe.role).toBeUndefined();
  });

  it('prototype keys in query strings are unknown fields (400)', async () => {
    for (const q of ['__proto__=1', '__proto__[isAdmin]=1', 'constructor[prototype][isAdmin]=1', 'constructor=1', 'hasOwnProperty=1', 'toString=1']) {
      expectError(await call(app, admin, 'GET', `/api/users?${q}`), 400, 'VALIDATION_FAILED');
      expectError(await call(app, auditor, 'GET', `/api/audit?${q}`), 400, 'VALIDATION_FAILED');
      expectError(await call(app, admin, 'GET', `/api/regions?${q}`), 400, 'VALIDATION_FAILED');
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('content types', () => {
  it('a body that is not JSON answers 415 (or 400 when parsed as text), never 2xx or 5xx', async () => {
    const cases: Array<[string | null, string]> = [
      ['application/xml', '<user/>'],
      ['text/xml', '<user/>'],
      ['multipart/form-data; boundary=x', '--x--'],
      ['application/x-www-form-urlencoded', 'username=a&password=b'],
      ['application/octet-stream', 'abc'],
      ['application/vnd.api+json', '{}'],
      ['text/plain', '{"username":"a","password":"b"}'],
      ['text/html', '<b>x</b>'],
      [null, '{"username":"a","password":"b"}'],
    ];
    for (const [type, body] of cases) {
      for (const [s, method, url] of [
        [null, 'POST', '/api/auth/login'],
        [admin, 'POST', '/api/users'],
        [admin, 'PATCH', `/api/users/${target.id}`],
      ] as const) {
        const res = await raw(s, method, url, Buffer.from(body), type);
        expect([400, 415], `${type} ${method} ${url}: ${res.body}`).toContain(res.statusCode);
        expectContract(res, `${type}`);
      }
    }
    const xml = await raw(admin, 'POST', '/api/users', '<user/>', 'application/xml');
    expectError(xml, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('routes and the error contract', () => {
  it('an unknown /api route answers 404 ROUTE_NOT_FOUND JSON to a signed-in user', async () => {
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['GET', '/api/users/123/roles'],
      ['GET', '/api/regions/520302000000/villages'],
      ['POST', '/api/nope'],
      ['DELETE', `/api/users/${target.id}`],
      ['PUT', `/api/users/${target.id}`],
      ['GET', '/api'],
      ['GET', '/api/'],
    ] as const) {
      const res = await call(app, admin, method, url, method === 'GET' ? undefined : {});
      expectError(res, 404, 'ROUTE_NOT_FOUND');
    }
  });

  it('without a session an unknown /api route answers 401 like a known one (no route discovery)', async () => {
    expectError(await call(app, null, 'GET', '/api/nope'), 401, 'UNAUTHENTICATED');
    expectError(await call(app, null, 'GET', '/api/users'), 401, 'UNAUTHENTICATED');
  });

  it('an unknown path outside /api answers 404 in the same contract', async () => {
    expectError(await call(app, null, 'GET', '/nope'), 404, 'ROUTE_NOT_FOUND');
  });

  it('a catalogue of bad requests all answer {code, message, details?} with a Chinese message', async () => {
    const responses = await Promise.all([
      call(app, null, 'GET', '/api/users'),
      call(app, { cookie: 'fx_sid=forged', csrf: 'x' }, 'GET', '/api/users'),
      call(app, auditor, 'GET', '/api/users'),
      call(app, admin, 'GET', '/api/users?pageSize=9999'),
      call(app, admin, 'GET', '/api/users?unknown=1'),
      call(app, admin, 'GET', `/api/users/${NO_SUCH_ID}`),
      call(app, admin, 'GET', '/api/users/not-a-uuid'),
      call(app, admin, 'GET', '/api/regions/529999000000'),
      call(app, admin, 'GET', '/api/regions/5299'),
      call(app, admin, 'POST', '/api/users', { username: 'x' }),
      call(app, admin, 'POST', '/api/users', {}, { 'x-csrf-token': 'wrong' }),
      call(app, admin, 'POST', '/api/users', {}, { origin: 'https://evil.example' }),
      call(loginApp, null, 'POST', '/api/auth/login', { username: 'nobody', password: 'x' }),
      call(app, admin, 'GET', '/api/nope'),
      raw(admin, 'POST', '/api/users', '{'),
      raw(admin, 'POST', '/api/users', '<a/>', 'application/xml'),
    ]);
    for (const res of responses) expectContract(res);
  });

  // Regression (was a bug): server/app.ts creates Fastify without a `frameworkErrors` handler, so errors raised by the router
  // before a route is found (FST_ERR_BAD_URL for a malformed percent-escape, FST_ERR_MAX_PARAM_LENGTH for
  // a path parameter over 100 characters) bypass setErrorHandler and the onSend hook: the body is
  // Fastify's English {error, code, message, statusCode} and X-Content-Type-Options / Cache-Control are
  // missing. Expected: {code, message(中文)} with the security headers, like every other error.
  it('router errors (bad percent-escape, over-long path parameter) answer the error contract with the security headers', async () => {
    for (const url of ['/api/regions/%ZZ', '/api/users/%E4%B8', `/api/users/${'a'.repeat(150)}`]) {
      for (const s of [admin, null]) {
        const res = await call(app, s, 'GET', url);
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, url).toBeLessThan(500);
        expectContract(res, url);
        expect(res.headers['cache-control'], url).toBe('no-store');
      }
    }
  });
});

describe('security headers', () => {
  it('every answer carries X-Content-Type-Options: nosniff; every /api answer Cache-Control: no-store', async () => {
    const api = await Promise.all([
      call(app, admin, 'GET', '/api/users'),
      call(app, admin, 'GET', '/api/regions'),
      call(app, auditor, 'GET', '/api/audit'),
      call(app, admin, 'GET', '/api/auth/me'),
      call(app, null, 'GET', '/api/users'),
      call(app, admin, 'GET', '/api/nope'),
      call(app, admin, 'GET', '/api/users?bad=1'),
      call(app, null, 'GET', '/api/openapi.json'),
      call(app, null, 'GET', '/api/docs'),
      raw(admin, 'POST', '/api/users', '{'),
    ]);
    for (const res of api) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    for (const url of ['/healthz', '/readyz', '/nope']) {
      const res = await call(app, null, 'GET', url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('the session cookie is HttpOnly and SameSite=Strict', async () => {
    const res = await loginApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'http-target', password: target.password } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'fx_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe('strict');
    expect(cookie.path).toBe('/');
  });
});

describe('rate limiting', () => {
  it('login attempts over the limit answer 429 RATE_LIMITED in Chinese', async () => {
    const limited = await testApp(database, { loginRateLimitPerMinute: 2 });
    try {
      const statuses: number[] = [];
      let last: LightMyRequestResponse | null = null;
      for (let i = 0; i < 4; i++) {
        last = await limited.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nobody-${i}`, password: 'x' } });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([401, 401, 429, 429]);
      expect(last!.json<{ code: string }>().code).toBe('RATE_LIMITED');
      expect(contractViolation(last!)).toBeNull();
    } finally {
      await limited.close();
    }
  });
});

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
