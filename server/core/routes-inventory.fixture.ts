// Shared set-up of the route inventory tests (routes-inventory.test.ts, routes-openapi.test.ts): every
// route the real buildApp() registers, seen through an onRoute hook. Importers see the bindings live.
import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Database } from '../db/client';
import { seedTestRegions, testDatabase } from '../test/db';
import { login, makeUser, testApp, type Session } from '../test/http';

/** Routes reachable without a session, reviewed one by one. Anything else under /api must answer 401. */
export const PUBLIC_API = new Set(['POST /api/auth/login', 'GET /api/openapi.json', 'HEAD /api/openapi.json', 'GET /api/hotline/directory', 'HEAD /api/hotline/directory']);
/** The interactive docs: static pages and the spec, no data. */
export const PUBLIC_API_PREFIX = '/api/docs';
/** Routes outside /api, reviewed: the probes of the load balancer. */
export const OUTSIDE_API = new Set(['GET /healthz', 'HEAD /healthz', 'GET /readyz', 'HEAD /readyz']);

export const CHINESE = /[\u4e00-\u9fff]/;
export const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const SAMPLE_PARAMS: Record<string, string> = { code: '520302000000', id: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b', importId: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5c', townCode: '520302001000', countyCode: '520302000000', photoId: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5d', householdId: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5e', '*': 'index.html' };

export interface Route {
  method: string;
  /** As registered, without a trailing slash (Fastify registers both forms of a prefix root). */
  path: string;
  config: Record<string, unknown>;
  schema: Record<string, unknown>;
}

export let database: Database;
export let app: FastifyInstance;
export let admin: Session;
export const routes: Route[] = [];

export const key = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;
export const apiRoutes = () => routes.filter((r) => r.path.startsWith('/api'));
export const isPublic = (r: Route) => PUBLIC_API.has(key(r)) || r.path === PUBLIC_API_PREFIX || r.path.startsWith(`${PUBLIC_API_PREFIX}/`);
export const documented = (r: Route) => r.method !== 'HEAD' && !(r.schema as { hide?: boolean }).hide;

/** A concrete URL for a route pattern. */
export function sampleUrl(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x').replace('*', SAMPLE_PARAMS['*']!);
}

/** The OpenAPI form of a route pattern: /api/users/:id -> /api/users/{id}. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
export const stripSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

interface ZodLike {
  _zod?: { def?: { type?: string; catchall?: ZodLike; shape?: Record<string, unknown> } };
}

/** A zod object schema that rejects unknown keys (z.strictObject: catchall never). */
export function isStrictObject(schema: unknown): boolean {
  const def = (schema as ZodLike | undefined)?._zod?.def;
  return def?.type === 'object' && def.catchall?._zod?.def?.type === 'never';
}

/** The world of both inventory test files: the real app on a migrated database, every route it registered, an admin session. */
export async function setUpInventory(): Promise<void> {
  database = await testDatabase();
  await seedTestRegions(database);
  await makeUser(database, { username: 'inventory-admin', role: 'system_admin', regionCode: '000000000000' });
  // Fastify announces each new instance on this channel before any plugin registers: an onRoute hook
  // added here sees every route of the real buildApp().
  const seen = new Map<string, Route>();
  const onInit = (message: unknown) => {
    const fastify = (message as { fastify: FastifyInstance }).fastify;
    fastify.addHook('onRoute', (opts: RouteOptions) => {
      for (const method of [opts.method].flat()) {
        const r: Route = {
          method,
          path: stripSlash(opts.url),
          config: (opts.config ?? {}) as Record<string, unknown>,
          schema: (opts.schema ?? {}) as Record<string, unknown>,
        };
        if (!seen.has(key(r))) seen.set(key(r), r);
      }
    });
  };
  diagnostics.subscribe('fastify.initialization', onInit);
  try {
    app = await testApp(database);
    await app.ready();
  } finally {
    diagnostics.unsubscribe('fastify.initialization', onInit);
  }
  routes.push(...seen.values());
  admin = await login(app, 'inventory-admin');
}

export async function tearDownInventory(): Promise<void> {
  await app?.close();
  await database?.close();
}
