import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import { CallList, CallQuery, CallStats, DirectoryQuery, HotlineCall, HotlineDirectory, HotlineNumber, HotlineNumberInput, RevealedCaller, RevealInput, StatsQuery, TakeCallInput } from '../../../common/contracts/hotline';
import { z } from '../../../common/contracts/zod';
import { VerifyCallInput } from '../../../common/contracts/assistance';
import { errorResponses, typed } from '../../core/http';
import * as hotline from './hotline.service';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });

export async function hotlineRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['hotline'];

  r.get(
    '/directory',
    { config: { public: true }, schema: { tags, summary: '24 小时救助热线号码（公开，无需登录）', querystring: DirectoryQuery, response: { 200: HotlineDirectory } } },
    async (req) => ({ items: await hotline.directory(req.ctx, req.query.region) }),
  );

  r.post('/directory', { schema: { tags, summary: '发布热线号码', body: HotlineNumberInput, response: { 201: HotlineNumber, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await hotline.publishNumber(req.ctx, req.body)),
  );

  r.post(
    '/calls',
    { schema: { tags, summary: '登记来电（按困难所在地派至乡镇；支持 Idempotency-Key）', headers: IdempotencyHeaders, body: TakeCallInput, response: { 201: HotlineCall, ...errorResponses } } },
    async (req, reply) => {
      const answer = await hotline.takeCall(req.ctx, req.body, req.headers['idempotency-key']);
      return reply.code(answer.status as 201).send(answer.body);
    },
  );

  r.get('/calls', { schema: { tags, summary: '来电与个案（可按来电号码查历史）', querystring: CallQuery, response: { 200: CallList, ...errorResponses } } }, async (req) =>
    hotline.listCalls(req.ctx, req.query),
  );

  r.post('/calls/:id/claim', { schema: { tags, summary: '认领个案（同一时间只有一人办理）', params: IdParams, response: { 200: HotlineCall, ...errorResponses } } }, async (req) =>
    hotline.claimCall(req.ctx, req.params.id),
  );

  r.post(
    '/calls/:id/verify',
    { schema: { tags, summary: '入户核实（当日完成）', params: IdParams, body: VerifyCallInput, response: { 200: HotlineCall, ...errorResponses } } },
    async (req) => hotline.verifyCall(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/calls/:id/reveal',
    { schema: { tags, summary: '查看来电人完整信息（须说明原因，留痕）', params: IdParams, body: RevealInput, response: { 200: RevealedCaller, ...errorResponses } } },
    async (req) => hotline.revealCaller(req.ctx, req.params.id, req.body.reason),
  );

  r.get('/stats', { schema: { tags, summary: '来电统计：按类别、日期、区划', querystring: StatsQuery, response: { 200: CallStats, ...errorResponses } } }, async (req) =>
    hotline.callStats(req.ctx, req.query),
  );
}
