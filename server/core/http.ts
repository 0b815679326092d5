import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_MESSAGES } from '../../common/errors';
import { ErrorBody } from '../../common/contracts/common';
import type { Ctx } from './context';
import { AppError } from './errors';

/** Name of the session cookie (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'fx_sid';

/** The app as a module's routes see it: typed by the zod contracts. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, public pages). */
    public?: boolean;
    /** Reachable while the password must be changed or two-factor enrolment is due. */
    allowPending?: boolean;
  }
}

/** Error answers every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
} as const;

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  const body: ErrorBody = details === undefined ? { code, message } : { code, message, details };
  return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function causes(err: unknown): Array<{ code?: string; message?: string }> {
  const out: Array<{ code?: string; message?: string }> = [];
  let e: unknown = err;
  for (let i = 0; e && i < 5; i++) {
    out.push(e as { code?: string; message?: string });
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

function isConnectionError(err: unknown): boolean {
  return causes(err).some(
    (c) =>
      (c.code !== undefined && CONNECTION_CODES.has(c.code)) ||
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
        c.message ?? '',
      ),
  );
}

function pgCode(err: unknown): string | undefined {
  return causes(err).find((c) => typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code))?.code;
}

/** Every failure leaves as `{code, message, details?}` with a Chinese message; bad input never becomes a 500. */
export function installErrorHandling(app: FastifyInstance, webRoot: string | null = null): void {
  app.setErrorHandler((error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return send(reply, error.status, error.code, error.message, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: [error.validationContext, ...v.instancePath.split('/')].filter(Boolean).join('.'),
        message: v.message ?? '',
        ...(v.keyword === 'unrecognized_keys' ? { keys: (v.params as { keys?: string[] }).keys } : {}),
      }));
      const first = details[0];
      const message = first ? `${ERROR_MESSAGES.VALIDATION_FAILED}：${first.path} ${first.message}` : ERROR_MESSAGES.VALIDATION_FAILED;
      if (error.validation.some((v) => v.keyword === 'unrecognized_keys')) {
        // The path only: a query string can carry personal data (?phone=...).
        req.log.warn({ reqId: req.id, path: req.url.split('?')[0] }, 'request with unknown fields rejected');
      }
      return send(reply, 400, 'VALIDATION_FAILED', message, details);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, 400, 'MALFORMED_JSON', ERROR_MESSAGES.MALFORMED_JSON);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 413, 'PAYLOAD_TOO_LARGE', ERROR_MESSAGES.PAYLOAD_TOO_LARGE);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', ERROR_MESSAGES.UNSUPPORTED_MEDIA_TYPE);
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT') {
      return send(reply, 413, 'FILE_TOO_LARGE', ERROR_MESSAGES.FILE_TOO_LARGE);
    }
    if (error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return send(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', ERROR_MESSAGES.UNSUPPORTED_MEDIA_TYPE);
    }
    if (error.statusCode === 429) return send(reply, 429, 'RATE_LIMITED', ERROR_MESSAGES.RATE_LIMITED);
    if (isConnectionError(error)) {
      req.log.error({ err: { message: error.message } }, 'database unavailable');
      return send(reply, 503, 'DB_UNAVAILABLE', ERROR_MESSAGES.DB_UNAVAILABLE);
    }
    const code = pgCode(error);
    if (code === '23505') return send(reply, 409, 'CONFLICT', '数据重复，与已有记录冲突');
    if (code === '40001' || code === '40P01') return send(reply, 409, 'CONFLICT', '并发冲突，请重试');
    if (code?.startsWith('22')) return send(reply, 400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED);
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Parser and framework errors (proto poisoning, bad headers): a clear 4xx, never a 500.
      return send(reply, error.statusCode, 'BAD_REQUEST', '请求无效');
    }
    req.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, 'INTERNAL', ERROR_MESSAGES.INTERNAL, { requestId: req.id });
  });

  app.setNotFoundHandler((req, reply) => {
    if (webRoot && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html', webRoot);
    return send(reply, 404, 'ROUTE_NOT_FOUND', ERROR_MESSAGES.ROUTE_NOT_FOUND);
  });
}

/** Headers on every answer: no sniffing, no framing, no referrer; API answers are never cached. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    if ((req.routeOptions.url ?? req.url).startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}

/** Reads the one uploaded file of a multipart request, refusing more than maxBytes (413). */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ fileName: string; buffer: Buffer }> {
  if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError(400, 'FILE_REQUIRED');
  const buffer = await part.toBuffer();
  return { fileName: part.filename.slice(0, 200), buffer };
}

/** Router-level failures (a bad percent-escape, an over-long parameter) answer like every other error. */
export function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  reply.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
  void send(reply, status, 'BAD_REQUEST', status === 414 ? '请求地址过长' : '请求地址无效');
}
