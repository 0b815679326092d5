import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import {
  ContactAnswer,
  Coverage,
  CoverageQuery,
  HouseholdParams,
  RecordContactInput,
  StartSweepInput,
  Sweep,
  SweepList,
  SweepListQuery,
  SweepRevealed,
  SweepRevealInput,
  Worklist,
  WorklistQuery,
} from '../../../common/contracts/sweeps';
import { z } from '../../../common/contracts/zod';
import { errorResponses, typed } from '../../core/http';
import * as contacts from './sweeps.contacts';
import { coverage } from './sweeps.coverage';
import * as sweeps from './sweeps.service';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });

export async function sweepRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['sweeps'];

  r.get('/', { schema: { tags, summary: '走访排查列表', querystring: SweepListQuery, response: { 200: SweepList, ...errorResponses } } }, async (req) =>
    sweeps.listSweeps(req.ctx, req.query.region),
  );

  r.post('/', { schema: { tags, summary: '发起走访排查（区划 + 救助类别，在保家庭）', body: StartSweepInput, response: { 201: Sweep, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await sweeps.startSweep(req.ctx, req.body)),
  );

  r.get('/:id', { schema: { tags, summary: '走访排查详情', params: IdParams, response: { 200: Sweep, ...errorResponses } } }, async (req) => sweeps.getSweep(req.ctx, req.params.id));

  r.post('/:id/close', { schema: { tags, summary: '结束走访排查', params: IdParams, response: { 200: Sweep, ...errorResponses } } }, async (req) =>
    sweeps.closeSweep(req.ctx, req.params.id),
  );

  r.get(
    '/:id/worklist',
    { schema: { tags, summary: '村(社区)走访清单：按风险排序，未联系的在前（个人信息脱敏）', params: IdParams, querystring: WorklistQuery, response: { 200: Worklist, ...errorResponses } } },
    async (req) => contacts.worklist(req.ctx, req.params.id, req.query),
  );

  r.post(
    '/:id/contacts',
    { schema: { tags, summary: '记录走访联系（支持 Idempotency-Key；有困难即转热线个案）', params: IdParams, headers: IdempotencyHeaders, body: RecordContactInput, response: { 201: ContactAnswer, ...errorResponses } } },
    async (req, reply) => {
      const answer = await contacts.recordContact(req.ctx, req.params.id, req.body, req.headers['idempotency-key']);
      return reply.code(answer.status as 201).send(answer.body);
    },
  );

  r.get('/:id/coverage', { schema: { tags, summary: '走访覆盖情况：按下级区划', params: IdParams, querystring: CoverageQuery, response: { 200: Coverage, ...errorResponses } } }, async (req) =>
    coverage(req.ctx, req.params.id, req.query.region),
  );

  r.post(
    '/:id/households/:householdId/reveal',
    { schema: { tags, summary: '查看走访对象完整姓名和电话（须说明原因，留痕）', params: HouseholdParams, body: SweepRevealInput, response: { 200: SweepRevealed, ...errorResponses } } },
    async (req) => contacts.revealContact(req.ctx, req.params.id, req.params.householdId, req.body.reason),
  );
}
