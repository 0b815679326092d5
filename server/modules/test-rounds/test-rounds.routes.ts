import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import {
  PlanRoundInput,
  RecordResultAnswer,
  RecordResultInput,
  Round,
  RoundDetail,
  RoundDetailQuery,
  RoundInstitutions,
  RoundInstitutionsQuery,
  RoundList,
  RoundQuery,
} from '../../../common/contracts/test-rounds';
import { errorResponses, typed } from '../../core/http';
import { getRound, roundInstitutions } from './test-rounds.coverage';
import { listRounds, planRound, recordResult } from './test-rounds.service';

export async function testRoundRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['test-rounds'];

  r.get(
    '/',
    { schema: { tags, summary: '检测轮次列表（本级及上级部署、覆盖本辖区的）', querystring: RoundQuery, response: { 200: RoundList, ...errorResponses } } },
    async (req) => listRounds(req.ctx, req.query.region),
  );

  r.post(
    '/',
    { schema: { tags, summary: '部署检测轮次（上一轮未检人员自动结转）', body: PlanRoundInput, response: { 201: Round, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await planRound(req.ctx, req.body)),
  );

  r.get(
    '/:id',
    {
      schema: {
        tags,
        summary: '检测轮次详情：本级及下级覆盖率、阳性、未检与结转人员',
        params: IdParams,
        querystring: RoundDetailQuery,
        response: { 200: RoundDetail, ...errorResponses },
      },
    },
    async (req) => getRound(req.ctx, req.params.id, req.query.region),
  );

  r.get(
    '/:id/institutions',
    {
      schema: {
        tags,
        summary: '本轮检测机构及结果（可只看未填报的）',
        params: IdParams,
        querystring: RoundInstitutionsQuery,
        response: { 200: RoundInstitutions, ...errorResponses },
      },
    },
    async (req) => roundInstitutions(req.ctx, req.params.id, req.query),
  );

  r.post(
    '/:id/results',
    {
      schema: {
        tags,
        summary: '填报或更正机构检测结果（阴性+阳性须等于检测人数）',
        params: IdParams,
        body: RecordResultInput,
        response: { 200: RecordResultAnswer, ...errorResponses },
      },
    },
    async (req) => recordResult(req.ctx, req.params.id, req.body),
  );
}
