import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import {
  ClosureOrder,
  ClosureOrderDetail,
  IssueOrderInput,
  LiftOrderInput,
  LiftResult,
  OrderList,
  OrderQuery,
  ResponseHistory,
  ResponseQuery,
  ResponseResult,
  SetResponseInput,
  Summary,
  SummaryQuery,
} from '../../../common/contracts/emergency';
import { errorResponses, typed } from '../../core/http';
import { getOrder, issueOrder, liftOrder, listOrders } from './emergency.orders';
import { listResponses, setResponse, summary } from './emergency.service';

export async function emergencyRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['emergency'];

  r.post(
    '/responses',
    { schema: { tags, summary: '设置应急响应级别（启动或提级时对所选类型机构实行封闭管理）', body: SetResponseInput, response: { 200: ResponseResult, ...errorResponses } } },
    async (req) => setResponse(req.ctx, req.body),
  );

  r.get(
    '/responses',
    { schema: { tags, summary: '应急响应级别变更记录', querystring: ResponseQuery, response: { 200: ResponseHistory, ...errorResponses } } },
    async (req) => listResponses(req.ctx, req.query.region),
  );

  r.get(
    '/summary',
    { schema: { tags, summary: '区划及下级：响应级别与机构状态统计', querystring: SummaryQuery, response: { 200: Summary, ...errorResponses } } },
    async (req) => summary(req.ctx, req.query.region),
  );

  r.get(
    '/orders',
    { schema: { tags, summary: '封控指令列表', querystring: OrderQuery, response: { 200: OrderList, ...errorResponses } } },
    async (req) => listOrders(req.ctx, req.query),
  );

  r.post(
    '/orders',
    { schema: { tags, summary: '下达封闭管理指令', body: IssueOrderInput, response: { 201: ClosureOrder, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await issueOrder(req.ctx, req.body)),
  );

  r.get(
    '/orders/:id',
    { schema: { tags, summary: '封控指令详情', params: IdParams, response: { 200: ClosureOrderDetail, ...errorResponses } } },
    async (req) => getOrder(req.ctx, req.params.id),
  );

  r.post(
    '/orders/:id/lift',
    { schema: { tags, summary: '解除封闭管理（全部或部分机构，须说明原因）', params: IdParams, body: LiftOrderInput, response: { 200: LiftResult, ...errorResponses } } },
    async (req) => liftOrder(req.ctx, req.params.id, req.body),
  );
}
