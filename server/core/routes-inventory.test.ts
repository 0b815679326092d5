// The inventory of every registered route: which answer without a session (a reviewed allowlist) and
// which reject unknown fields.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../test/http';
import {
  PUBLIC_API,
  OUTSIDE_API,
  CHINESE,
  UNSAFE,
  type Route,
  app,
  admin,
  routes,
  key,
  apiRoutes,
  isPublic,
  sampleUrl,
  isStrictObject,
  setUpInventory,
  tearDownInventory,
} from './routes-inventory.fixture';

beforeAll(setUpInventory);
afterAll(tearDownInventory);

describe('the inventory', () => {
  it('found the routes of every module', () => {
    const keys = new Set(routes.map(key));
    for (const k of [
      'GET /api/regions',
      'GET /api/regions/:code',
      'GET /api/regions/:code/children',
      'GET /api/users',
      'POST /api/users',
      'GET /api/users/:id',
      'PATCH /api/users/:id',
      'GET /api/audit',
      'GET /api/audit/verify',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'GET /api/auth/me',
      'GET /api/openapi.json',
      'GET /healthz',
      'GET /readyz',
    ]) {
      expect(keys, k).toContain(k);
    }
  });

  it('outside /api there are only the reviewed probes (the web app is off in tests)', () => {
    expect(routes.filter((r) => !r.path.startsWith('/api')).map(key).sort()).toEqual([...OUTSIDE_API].sort());
  });

  it('the routes flagged public are exactly the reviewed ones', () => {
    const flagged = routes.filter((r) => r.config.public === true).map(key).sort();
    expect(flagged).toEqual([...PUBLIC_API, ...OUTSIDE_API].sort());
  });
});

describe('sessions', () => {
  async function anonymous(r: Route, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return app.inject({
      method: r.method as 'GET',
      url: sampleUrl(r.path),
      ...(UNSAFE.has(r.method) ? { payload: {} } : {}),
      headers,
    });
  }

  it('every /api route outside the allowlist answers 401 without a session, and every allowlisted one answers without', async () => {
    const failures: string[] = [];
    for (const r of apiRoutes()) {
      const res = await anonymous(r);
      if (isPublic(r)) {
        if (res.statusCode === 401) failures.push(`${key(r)} is allowlisted but answers 401`);
      } else if (res.statusCode !== 401) {
        failures.push(`${key(r)} answers ${res.statusCode} without a session: ${res.body.slice(0, 120)}`);
      } else if (r.method !== 'HEAD') {
        const body = res.json<{ code: string; message: string }>();
        if (body.code !== 'UNAUTHENTICATED' || !CHINESE.test(body.message)) failures.push(`${key(r)} 401 body ${res.body}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a forged session cookie is no session', async () => {
    for (const r of apiRoutes().filter((x) => !isPublic(x))) {
      const res = await anonymous(r, { cookie: 'fx_sid=forged-session-token' });
      expect(res.statusCode, key(r)).toBe(401);
    }
  });

  // Regression (was a bug): server/core/gate.ts line 54 decides whether a request is an /api request from the raw `req.url`
  // (`req.url.startsWith('/api/')`), but the router matches the percent-decoded path: GET /%61pi/... reaches
  // the /api/... route with the session gate (session, CSRF, pending-password checks) skipped and
  // req.ctx.actor = null. Verbs that call requirePermission still answer 401, but a handler that relies on
  // the gate alone answers without a session: GET /%61pi/institutions/import-template -> 200. (The same raw
  // prefix test in core/http.ts line 141 drops Cache-Control: no-store on such answers.) Expected: decide on
  // the matched route (req.routeOptions.url) or the decoded path, so every spelling answers 401.
  it('percent-encoded or re-cased spellings of a route never answer without a session', async () => {
    const spellings = (url: string) => [
      url.replace('/api/', '/%61pi/'),
      url.replace('/api/', '/%61%70%69/'),
      url.replace('/api/', '/API/'),
      url.replace('/api/', '/api/./'),
      url.replace('/api/', '//api/'),
      url.replace('/api/', '/api/docs/../'),
      url.replace('/api/', '/api/docs/%2e%2e/'),
      url.replace(/\/([a-z])([^/]*)$/, (_, c: string, rest: string) => `/%${c.charCodeAt(0).toString(16)}${rest}`),
      `${url}/`,
    ];
    const failures: string[] = [];
    for (const r of apiRoutes().filter((x) => !isPublic(x) && x.method !== 'HEAD')) {
      for (const url of spellings(sampleUrl(r.path))) {
        const res = await app.inject({ method: r.method as 'GET', url, ...(UNSAFE.has(r.method) ? { payload: {} } : {}) });
        if (res.statusCode < 400) failures.push(`${r.method} ${url} answers ${res.statusCode} without a session`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('unknown fields', () => {
  it('every body schema and every querystring schema is a strict object', () => {
    const loose: string[] = [];
    for (const r of routes) {
      for (const part of ['body', 'querystring', 'params'] as const) {
        if (r.schema[part] !== undefined && !isStrictObject(r.schema[part])) loose.push(`${key(r)} ${part}`);
      }
    }
    expect(loose).toEqual([]);
  });

  it('every JSON body route answers 400 VALIDATION_FAILED naming an unknown field', async () => {
    const withBody = routes.filter((r) => r.schema.body !== undefined);
    expect(withBody.length).toBeGreaterThanOrEqual(6);
    for (const r of withBody) {
      const res = await call(app, isPublic(r) ? null : admin, r.method as 'POST', sampleUrl(r.path), { __fx_unknown_field: 1 });
      expect(res.statusCode, `${key(r)} ${res.body}`).toBe(400);
      const body = res.json<{ code: string; message: string; details: Array<{ keys?: string[] }> }>();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.message).toMatch(CHINESE);
      expect(body.details.some((d) => d.keys?.includes('__fx_unknown_field')), key(r)).toBe(true);
    }
  });

  it('every querystring route answers 400 VALIDATION_FAILED naming an unknown parameter', async () => {
    const withQuery = routes.filter((r) => r.schema.querystring !== undefined && r.method === 'GET');
    expect(withQuery.map(key)).toEqual(expect.arrayContaining(['GET /api/audit', 'GET /api/regions', 'GET /api/users']));
    for (const r of withQuery) {
      const res = await call(app, admin, 'GET', `${sampleUrl(r.path)}?__fx_unknown_param=1`);
      expect(res.statusCode, key(r)).toBe(400);
      expect(res.body).toContain('__fx_unknown_param');
    }
  });

  // Regression (was a bug): ARCHITECTURE.md says unknown request fields are rejected (400), never silently dropped, but only
  // routes that declare a querystring/body schema validate them. Routes without a querystring schema
  // (GET /api/regions/:code, /:code/children, GET|PATCH /api/users/:id, POST /api/users, GET /api/audit/verify,
  // every /api/auth route) accept and ignore any query parameter, and POST /api/auth/logout and
  // /api/auth/totp/setup accept and ignore any JSON body. Expected: 400 VALIDATION_FAILED (e.g. an empty
  // z.strictObject({}) querystring/body, or a global preValidation hook for routes that declare none).
  it('routes without a declared querystring or body still reject unknown ones', async () => {
    const silent: string[] = [];
    const jsonRoute = (r: Route) => {
      const consumes = (r.schema as { consumes?: string[] }).consumes;
      return !consumes || consumes.includes('application/json');
    };
    // logout would end the session the loop runs with; its missing body schema is the same gap as totp/setup.
    for (const r of apiRoutes().filter((x) => !isPublic(x) && x.method !== 'HEAD' && x.path !== '/api/auth/logout')) {
      // (on writes the body is validated before the query string, so only reads show the query gap cleanly)
      if (r.schema.querystring === undefined && r.method === 'GET') {
        const res = await call(app, admin, 'GET', `${sampleUrl(r.path)}?__fx_unknown_param=1`);
        if (res.statusCode !== 400 || !res.body.includes('__fx_unknown_param')) silent.push(`${key(r)} ?__fx_unknown_param=1 -> ${res.statusCode}`);
      }
      if (UNSAFE.has(r.method) && r.schema.body === undefined && jsonRoute(r)) {
        const res = await call(app, admin, r.method as 'POST', sampleUrl(r.path), { __fx_unknown_field: 1 });
        if (res.statusCode !== 400 || !res.body.includes('__fx_unknown_field')) silent.push(`${key(r)} body {__fx_unknown_field} -> ${res.statusCode}`);
      }
    }
    expect(silent).toEqual([]);
  });
});
