// Error handling and input hardening of the whole HTTP surface: malformed and oversized bodies, prototype
// poisoning, content types, unknown routes, the error body contract, security headers and rate limiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { call, testApp } from '../test/http';
import {
  NO_SUCH_ID,
  database,
  app,
  loginApp,
  admin,
  auditor,
  security,
  target,
  contractViolation,
  expectContract,
  expectError,
  raw,
  setUpHttpWorld,
  tearDownHttpWorld,
} from './http.fixture';

beforeAll(setUpHttpWorld);
afterAll(tearDownHttpWorld);

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
