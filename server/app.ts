import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from './db/client';
import type { Secrets } from './core/crypto';
import { frameworkErrors, installErrorHandling, installSecurityHeaders } from './core/http';
import { installSessionGate } from './core/gate';
import { healthRoutes } from './core/health';
import { authRoutes } from './modules/auth/auth.routes';
import { regionRoutes } from './modules/regions/regions.routes';
import { userRoutes } from './modules/users/users.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { institutionRoutes } from './modules/institutions/institutions.routes';
import { emergencyRoutes } from './modules/emergency/emergency.routes';
import { noticeRoutes } from './modules/notices/notices.routes';
import { dailyReportRoutes } from './modules/daily-reports/daily-reports.routes';
import { hotlineRoutes } from './modules/hotline/hotline.routes';
import { assistanceRoutes } from './modules/assistance/assistance.routes';
import { notificationRoutes } from './modules/notifications/notifications.routes';
import { reminderRoutes } from './modules/reminders/reminders.routes';
import { incidentRoutes } from './modules/incidents/incidents.routes';
import { testRoundRoutes } from './modules/test-rounds/test-rounds.routes';
import { isolationRoutes } from './modules/isolation/isolation.routes';
import { supplyRoutes } from './modules/supplies/supplies.routes';
import { beneficiaryRoutes } from './modules/beneficiaries/beneficiaries.routes';
import { sweepRoutes } from './modules/sweeps/sweeps.routes';
import { rescueRoutes } from './modules/rescue/rescue.routes';

export interface AppOptions {
  database: Database;
  secrets: Secrets;
  sessionIdleMinutes?: number;
  sessionAbsoluteHours?: number;
  loginRateLimitPerMinute?: number;
  cookieSecure?: boolean;
  logLevel?: string;
  /** Where the log lines go (default stdout); the plaintext scan test captures them. */ logStream?: { write(line: string): void };
  /** Built web app to serve; defaults to dist/web when it exists. */
  webRoot?: string | null;
}

export const DEFAULT_WEB_ROOT = resolve(import.meta.dirname, '..', 'dist', 'web');

/** Builds the app: core plugins, then one register line per module (the table of contents). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const idleMinutes = opts.sessionIdleMinutes ?? 30;
  const absoluteHours = opts.sessionAbsoluteHours ?? 12;
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      // Paths only: query strings may carry ID or phone numbers, which never reach a log.
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webRoot = opts.webRoot === undefined ? DEFAULT_WEB_ROOT : opts.webRoot;
  installErrorHandling(app, webRoot && existsSync(join(webRoot, 'index.html')) ? webRoot : null);
  installSecurityHeaders(app);

  await app.register(cookie);
  // After the cookie parser (hooks run in order), before every route (its onRoute hook sets defaults).
  installSessionGate(app, {
    db: opts.database.db,
    secrets: opts.secrets,
    timeouts: { idleMs: idleMinutes * 60_000, absoluteMs: absoluteHours * 3_600_000 },
  });

  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10, parts: 11 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Fangxian 防线 API', version: '0.1.0', description: '民政疫情防控与应急救助平台接口' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fx_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());


  await app.register(healthRoutes, { database: opts.database });
  await app.register(authRoutes, {
    prefix: '/api/auth',
    loginRateLimitPerMinute: opts.loginRateLimitPerMinute ?? 20,
    cookieSecure: opts.cookieSecure ?? false,
    sessionMaxAgeSeconds: absoluteHours * 3600,
  });
  await app.register(regionRoutes, { prefix: '/api/regions' });
  await app.register(userRoutes, { prefix: '/api/users' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(institutionRoutes, { prefix: '/api/institutions' });
  await app.register(emergencyRoutes, { prefix: '/api/emergency' });
  await app.register(noticeRoutes, { prefix: '/api/notices' });
  await app.register(dailyReportRoutes, { prefix: '/api/daily-reports' });
  await app.register(hotlineRoutes, { prefix: '/api/hotline' });
  await app.register(assistanceRoutes, { prefix: '/api/assistance' });
  await app.register(notificationRoutes, { prefix: '/api/notifications' });
  await app.register(reminderRoutes, { prefix: '/api/reminders' });
  await app.register(incidentRoutes, { prefix: '/api/incidents' });
  await app.register(testRoundRoutes, { prefix: '/api/test-rounds' });
  await app.register(isolationRoutes, { prefix: '/api/isolation' });
  await app.register(supplyRoutes, { prefix: '/api/supplies' });
  await app.register(beneficiaryRoutes, { prefix: '/api/beneficiaries' });
  await app.register(sweepRoutes, { prefix: '/api/sweeps' });
  await app.register(rescueRoutes, { prefix: '/api/rescue' });

  if (webRoot) {
    // Files are looked up per request (a rebuilt dist/web is served without a restart); unknown paths
    // outside /api get index.html from the not-found handler, for the browser app's own routes.
    await app.register(fastifyStatic, { root: webRoot, wildcard: true });
  }
  return app;
}
