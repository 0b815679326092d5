// Whether the OpenAPI document lists every registered route truthfully: well-formed operations, request
// bodies where routes validate one, and every $ref resolving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../test/http';
import {
  PUBLIC_API,
  CHINESE,
  app,
  routes,
  key,
  documented,
  openApiPath,
  stripSlash,
  setUpInventory,
  tearDownInventory,
} from './routes-inventory.fixture';

beforeAll(setUpInventory);
afterAll(tearDownInventory);

interface OpenApiOperation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  operationId?: string;
}

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: Record<string, unknown>;
  security?: unknown[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe('the OpenAPI document', () => {
  let doc: OpenApiDoc;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([m]) => HTTP_METHODS.includes(m))
        .map(([m, op]) => ({ path: stripSlash(path), method: m.toUpperCase(), op })),
    );

  beforeAll(async () => {
    const res = await call(app, null, 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.json<OpenApiDoc>();
  });

  it('is OpenAPI 3 with an info block and paths', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(typeof doc.info.title).toBe('string');
    expect(typeof doc.info.version).toBe('string');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    for (const p of Object.keys(doc.paths)) expect(p.startsWith('/'), p).toBe(true);
  });

  it('lists every documented route, and nothing that is not a route', () => {
    const inDoc = new Set(operations().map((o) => `${o.method} ${o.path}`));
    const expected = new Set(routes.filter(documented).map((r) => `${r.method} ${openApiPath(r.path)}`));
    expect([...inDoc].sort()).toEqual([...expected].sort());
    for (const k of ['GET /api/regions', 'GET /api/regions/{code}', 'GET /api/regions/{code}/children', 'GET /api/users', 'POST /api/users', 'GET /api/users/{id}', 'PATCH /api/users/{id}', 'GET /api/audit', 'GET /api/audit/verify', 'POST /api/auth/login']) {
      expect(inDoc, k).toContain(k);
    }
  });

  it('every operation is well formed: Chinese summary, tags, responses with descriptions, declared path parameters', () => {
    const ids = new Set<string>();
    for (const { path, method, op } of operations()) {
      const label = `${method} ${path}`;
      expect(op.summary, label).toMatch(CHINESE);
      expect(op.tags?.length, label).toBeGreaterThan(0);
      const responses = Object.entries(op.responses ?? {});
      expect(responses.length, label).toBeGreaterThan(0);
      for (const [status, response] of responses) {
        expect(status, label).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        expect(typeof response.description, `${label} ${status}`).toBe('string');
      }
      expect(responses.some(([s]) => s.startsWith('2')), label).toBe(true);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), label).toEqual([...templated].sort());
      for (const p of declared) expect(p.required, `${label} ${p.name}`).toBe(true);
      for (const p of op.parameters ?? []) expect(['query', 'header', 'path', 'cookie'], label).toContain(p.in);
      if (op.operationId) {
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
      }
    }
  });

  it('documents a JSON request body exactly where a route validates one', () => {
    for (const r of routes.filter(documented)) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()] ?? doc.paths[`${openApiPath(r.path)}/`]?.[r.method.toLowerCase()];
      expect(op, key(r)).toBeDefined();
      if (r.schema.body !== undefined) {
        expect(op!.requestBody?.content?.['application/json']?.schema, key(r)).toBeDefined();
      } else {
        expect(op!.requestBody, key(r)).toBeUndefined();
      }
    }
  });

  it('every $ref resolves inside the document', () => {
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string') refs.push(x);
          else walk(x);
        }
      }
    };
    walk(doc);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      let node: unknown = doc;
      for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      expect(node, ref).toBeDefined();
    }
  });

  it('declares the session cookie as its security scheme', () => {
    expect(doc.components?.securitySchemes).toMatchObject({ session: { type: 'apiKey', in: 'cookie', name: 'fx_sid' } });
  });

  // Regression (was a bug): server/app.ts declares `security: [{ session: [] }]` for the whole document and the public
  // POST /api/auth/login does not override it (`security: []`), so the document (and the Swagger UI)
  // claims that signing in requires the session cookie. Expected: public operations say `security: []`.
  it('marks exactly the public operations as needing no session', () => {
    const mismatched: string[] = [];
    for (const { path, method, op } of operations()) {
      const security = op.security ?? doc.security ?? [];
      const needsSession = security.length > 0;
      const isPublicOp = PUBLIC_API.has(`${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      if (needsSession === isPublicOp) mismatched.push(`${method} ${path}: security ${JSON.stringify(security)}`);
    }
    expect(mismatched).toEqual([]);
  });
});

describe('the interactive docs', () => {
  it('/api/docs answers 200 HTML without a session', async () => {
    for (const url of ['/api/docs', '/api/docs/']) {
      const res = await call(app, null, 'GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body.toLowerCase()).toContain('swagger');
    }
  });

  it('its spec is the same document as /api/openapi.json', async () => {
    const a = await call(app, null, 'GET', '/api/docs/json');
    const b = await call(app, null, 'GET', '/api/openapi.json');
    expect(a.statusCode).toBe(200);
    expect(a.json<OpenApiDoc>().paths).toEqual(b.json<OpenApiDoc>().paths);
  });

  it('its static assets load, and the static route does not walk out of its folder', async () => {
    expect((await call(app, null, 'GET', '/api/docs/static/swagger-ui.css')).statusCode).toBe(200);
    for (const url of ['/api/docs/static/..%2f..%2fpackage.json', '/api/docs/static/%2e%2e/%2e%2e/package.json', '/api/docs/static/../../../package.json']) {
      const res = await call(app, null, 'GET', url);
      expect(res.statusCode, url).not.toBe(200);
      expect(res.body, url).not.toContain('"dependencies"');
    }
  });
});
