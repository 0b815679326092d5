import type { FastifyInstance, FastifyReply } from 'fastify';
import { ChangePasswordInput, LoginInput, SecurityPolicy, SecurityPolicyInput, SessionInfo, SessionUser, TotpEnableInput, TotpSetup } from '../../../common/contracts/auth';
import { Ok } from '../../../common/contracts/common';
import { unauthenticated } from '../../core/errors';
import { errorResponses, SESSION_COOKIE, typed } from '../../core/http';
import * as auth from './auth.service';

export interface AuthRouteOptions {
  loginRateLimitPerMinute: number;
  cookieSecure: boolean;
  sessionMaxAgeSeconds: number;
}

export async function authRoutes(app: FastifyInstance, opts: AuthRouteOptions) {
  const r = typed(app);
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.cookieSecure,
      maxAge: opts.sessionMaxAgeSeconds,
    });
  const token = (t: string | null) => {
    if (!t) throw unauthenticated();
    return t;
  };

  r.post(
    '/login',
    {
      config: { public: true, rateLimit: { max: opts.loginRateLimitPerMinute, timeWindow: 60_000 } },
      schema: { tags: ['auth'], summary: '登录', body: LoginInput, response: { 200: SessionInfo, ...errorResponses } },
    },
    async (req, reply) => {
      const { token: t, ...info } = await auth.login(req.ctx, req.body);
      setCookie(reply, t);
      return info;
    },
  );

  r.post(
    '/logout',
    { config: { allowPending: true }, schema: { tags: ['auth'], summary: '退出登录', response: { 200: Ok, ...errorResponses } } },
    async (req, reply) => {
      await auth.logout(req.ctx, token(req.sessionToken));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/me',
    { config: { allowPending: true }, schema: { tags: ['auth'], summary: '当前用户', response: { 200: SessionInfo, ...errorResponses } } },
    async (req) => auth.me(req.ctx, token(req.sessionToken)),
  );

  r.post(
    '/password',
    {
      config: { allowPending: true },
      schema: { tags: ['auth'], summary: '修改密码', body: ChangePasswordInput, response: { 200: SessionInfo, ...errorResponses } },
    },
    async (req) => auth.changePassword(req.ctx, token(req.sessionToken), req.body),
  );

  r.post(
    '/totp/setup',
    { config: { allowPending: true }, schema: { tags: ['auth'], summary: '生成双因素认证密钥', response: { 200: TotpSetup, ...errorResponses } } },
    async (req) => auth.totpSetup(req.ctx),
  );

  r.post(
    '/totp/enable',
    {
      config: { allowPending: true },
      schema: { tags: ['auth'], summary: '启用双因素认证', body: TotpEnableInput, response: { 200: SessionUser, ...errorResponses } },
    },
    async (req) => auth.totpEnable(req.ctx, req.body),
  );

  r.get(
    '/policy',
    { schema: { tags: ['auth'], summary: '安全策略', response: { 200: SecurityPolicy, ...errorResponses } } },
    async (req) => auth.getPolicy(req.ctx),
  );

  r.put(
    '/policy',
    { schema: { tags: ['auth'], summary: '修改安全策略', body: SecurityPolicyInput, response: { 200: SecurityPolicy, ...errorResponses } } },
    async (req) => auth.setPolicy(req.ctx, req.body),
  );
}
