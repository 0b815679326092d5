import type { FastifyInstance } from 'fastify';
import {
  AllocateInput,
  CountyParams,
  Fund,
  FundLedger,
  FundList,
  FundQuery,
  Grant,
  GrantDetail,
  GrantInput,
  GrantList,
  GrantQuery,
  PaperworkInput,
  RevealedRecipient,
  Threshold,
  ThresholdInput,
  TownParams,
} from '../../../common/contracts/assistance';
import { RevealInput } from '../../../common/contracts/hotline';
import { IdParams } from '../../../common/contracts/common';
import { z } from '../../../common/contracts/zod';
import { errorResponses, typed } from '../../core/http';
import * as assistance from './assistance.service';
import { getThreshold, setThreshold } from './assistance.threshold';
import { exportGrants } from './assistance.export';
import { attachmentHeader, XLSX_MIME } from '../../core/excel';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });

export async function assistanceRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['assistance'];

  r.get('/funds', { schema: { tags, summary: '乡镇备用金余额', querystring: FundQuery, response: { 200: FundList, ...errorResponses } } }, async (req) =>
    assistance.listFunds(req.ctx, req.query.region),
  );
  r.post('/funds/allocate', { schema: { tags, summary: '县级向乡镇拨付备用金', body: AllocateInput, response: { 200: Fund, ...errorResponses } } }, async (req) =>
    assistance.allocate(req.ctx, req.body),
  );
  r.get('/thresholds/:countyCode', { schema: { tags, summary: '区县大额救助审批起点', params: CountyParams, response: { 200: Threshold, ...errorResponses } } }, async (req) =>
    getThreshold(req.ctx, req.params.countyCode),
  );
  r.put('/thresholds', { schema: { tags, summary: '设置区县大额救助审批起点（对下辖乡镇生效）', body: ThresholdInput, response: { 200: Threshold, ...errorResponses } } }, async (req) =>
    setThreshold(req.ctx, req.body),
  );
  r.get('/funds/:townCode', { schema: { tags, summary: '备用金台账', params: TownParams, response: { 200: FundLedger, ...errorResponses } } }, async (req) =>
    assistance.fundLedger(req.ctx, req.params.townCode),
  );
  r.get('/grants', { schema: { tags, summary: '临时救助发放记录', querystring: GrantQuery, response: { 200: GrantList, ...errorResponses } } }, async (req) =>
    assistance.listGrants(req.ctx, req.query),
  );
  r.get('/grants/export', { schema: { tags, summary: '导出临时救助发放台账 (.xlsx)', querystring: FundQuery } }, async (req, reply) => {
    const out = await exportGrants(req.ctx, req.query.region);
    return reply.type(XLSX_MIME).header('Content-Disposition', attachmentHeader(out.fileName)).send(out.stream);
  });

  r.post(
    '/grants',
    { schema: { tags, summary: '发放临时救助（先行救助、后补手续；支持 Idempotency-Key）', headers: IdempotencyHeaders, body: GrantInput, response: { 201: Grant, ...errorResponses } } },
    async (req, reply) => {
      const answer = await assistance.grant(req.ctx, req.body, req.headers['idempotency-key']);
      return reply.code(answer.status as 201).send(answer.body);
    },
  );
  r.get('/grants/:id', { schema: { tags, summary: '救助详情（含登记家庭成员，姓名脱敏）', params: IdParams, response: { 200: GrantDetail, ...errorResponses } } }, async (req) =>
    assistance.getGrant(req.ctx, req.params.id),
  );
  r.post('/grants/:id/approve', { schema: { tags, summary: '审批大额救助（须另一人）', params: IdParams, response: { 200: Grant, ...errorResponses } } }, async (req) =>
    assistance.approve(req.ctx, req.params.id),
  );
  r.post('/grants/:id/paperwork', { schema: { tags, summary: '补齐手续或核销（核销须另一人）', params: IdParams, body: PaperworkInput, response: { 200: Grant, ...errorResponses } } }, async (req) =>
    assistance.settlePaperwork(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/grants/:id/reveal',
    { schema: { tags, summary: '查看救助对象完整信息（须有个人信息查看权限并说明原因，留痕）', params: IdParams, body: RevealInput, response: { 200: RevealedRecipient, ...errorResponses } } },
    async (req) => assistance.revealRecipient(req.ctx, req.params.id, req.body.reason),
  );
}
