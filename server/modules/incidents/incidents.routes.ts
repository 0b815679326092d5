import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import { CloseIncidentInput, Incident, IncidentList, IncidentQuery, ReportIncidentInput } from '../../../common/contracts/incidents';
import { z } from '../../../common/contracts/zod';
import { errorResponses, typed } from '../../core/http';
import * as incidents from './incidents.service';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });

export async function incidentRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['incidents'];

  r.post(
    '/',
    {
      schema: {
        tags,
        summary: '报告紧急情况（即时直达各级，支持 Idempotency-Key）',
        headers: IdempotencyHeaders,
        body: ReportIncidentInput,
        response: { 201: Incident, ...errorResponses },
      },
    },
    async (req, reply) => {
      const answer = await incidents.reportIncident(req.ctx, req.body, req.headers['idempotency-key']);
      return reply.code(answer.status as 201).send(answer.body);
    },
  );

  r.get(
    '/',
    { schema: { tags, summary: '紧急情况看板（未关闭在前，含签收情况）', querystring: IncidentQuery, response: { 200: IncidentList, ...errorResponses } } },
    async (req) => incidents.listIncidents(req.ctx, req.query),
  );

  r.get('/:id', { schema: { tags, summary: '紧急情况详情', params: IdParams, response: { 200: Incident, ...errorResponses } } }, async (req) =>
    incidents.getIncident(req.ctx, req.params.id),
  );

  r.post('/:id/ack', { schema: { tags, summary: '签收紧急情况（记录签收人、层级和时间）', params: IdParams, response: { 200: Incident, ...errorResponses } } }, async (req) =>
    incidents.acknowledgeIncident(req.ctx, req.params.id),
  );

  r.post(
    '/:id/close',
    { schema: { tags, summary: '关闭紧急情况并记录处置结果', params: IdParams, body: CloseIncidentInput, response: { 200: Incident, ...errorResponses } } },
    async (req) => incidents.closeIncident(req.ctx, req.params.id, req.body.resolution),
  );
}
