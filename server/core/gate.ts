import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from '../../common/contracts/zod';
import type { Db } from '../db/client';
import { securityPolicy } from '../db/schema/auth';
import { actorOf, type Ctx } from './context';
import type { Secrets } from './crypto';
import { AppError, forbidden, unauthenticated } from './errors';
import { SESSION_COOKIE } from './http';
import { loadSession, type SessionTimeouts, type UserRow } from './session';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Roles that must use two-factor login, as set by the security admin. */
export async function totpRequiredRoles(db: Db): Promise<string[]> {
  const [row] = await db.select().from(securityPolicy).where(eq(securityPolicy.id, 1));
  return row?.totpRequiredRoles ?? [];
}

export async function totpEnrollmentDue(db: Db, user: UserRow): Promise<boolean> {
  if (user.totpEnabled) return false;
  return (await totpRequiredRoles(db)).includes(user.role);
}

function foreignOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * Builds `req.ctx` for every request and, on /api routes that are not public, resolves the session,
 * enforces the idle/absolute timeouts, CSRF on unsafe methods, and the first-password/2FA gates.
 */
export function installSessionGate(
  app: FastifyInstance,
  opts: { db: Db; secrets: Secrets; timeouts: SessionTimeouts },
): void {
  // Deny by default: every /api route needs a session unless it says `public`; pages and assets outside
  // /api and the interactive docs are public. Routes also reject query fields and bodies they do not declare.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) route.config = { ...route.config, public: true };
    if (!route.url.startsWith('/api/')) return;
    const schema = (route.schema ??= {});
    if (route.config?.public) (schema as { security?: unknown[] }).security = [];
    if (route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') return;
    schema.querystring ??= z.strictObject({});
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => UNSAFE.has(m)) && !schema.body && !(schema as { consumes?: unknown }).consumes) {
      schema.body = z.strictObject({});
    }
  });
  // A POST without a body validates as `{}`, so clients need not send one to routes that take none.
  app.addHook('preValidation', async (req) => {
    if (req.body === undefined && UNSAFE.has(req.method) && !req.isMultipart()) req.body = {};
  });
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    req.ctx = { db: opts.db, secrets: opts.secrets, actor: null, ip: req.ip, requestId: req.id, now: () => new Date() };
    if (UNSAFE.has(req.method) && foreignOrigin(req)) throw forbidden('CSRF_FAILED');
    // Decided on the matched route, never on the raw URL (which may be percent-encoded).
    const config = req.routeOptions.config;
    if (config.public || (req.is404 && !req.url.startsWith('/api/'))) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw unauthenticated();
    const loaded = await loadSession(opts.db, token, req.ctx.now(), opts.timeouts);
    if (loaded.status === 'none') throw unauthenticated();
    if (loaded.status === 'expired') throw unauthenticated('SESSION_EXPIRED');
    req.sessionToken = token;
    req.ctx.actor = actorOf(loaded.user);
    if (UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, loaded.session.csrfToken)) throw forbidden('CSRF_FAILED');
    }
    if (config.allowPending) return;
    if (loaded.user.mustChangePassword) throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED');
    if (await totpEnrollmentDue(opts.db, loaded.user)) throw new AppError(403, 'TOTP_ENROLLMENT_REQUIRED');
  });
}
