import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import {
  AdmitInput,
  IsolationPersonDetail,
  LookupInput,
  Policy,
  PolicyInput,
  PolicyResult,
  PersonList,
  PersonQuery,
  RecordCheckInput,
  RegisterPersonInput,
} from '../../../common/contracts/isolation';
import { RegionCode } from '../../../common/contracts/common';
import { z } from '../../../common/contracts/zod';
import { errorResponses, typed } from '../../core/http';
import { getPolicy, setPolicy } from './isolation.policy';
import { admit, getPerson, listPersons, lookupByIdNumber, recordCheck, registerPerson } from './isolation.service';

const PolicyQuery = z.strictObject({ region: RegionCode.optional() });

export async function isolationRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['isolation'];

  r.get(
    '/',
    { schema: { tags, summary: '隔离人员列表（姓名、身份证号脱敏）', querystring: PersonQuery, response: { 200: PersonList, ...errorResponses } } },
    async (req) => listPersons(req.ctx, req.query),
  );

  r.post(
    '/',
    { schema: { tags, summary: '登记入院前隔离人员（按当日隔离期政策起算）', body: RegisterPersonInput, response: { 201: IsolationPersonDetail, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await registerPerson(req.ctx, req.body)),
  );

  r.post(
    '/lookup',
    { schema: { tags, summary: '按身份证号精确查找（盲索引，号码不进地址栏和日志）', body: LookupInput, response: { 200: PersonList, ...errorResponses } } },
    async (req) => lookupByIdNumber(req.ctx, req.body.idNumber),
  );

  r.get(
    '/policy',
    { schema: { tags, summary: '现行隔离期政策（含上级继承）及历史', querystring: PolicyQuery, response: { 200: Policy, ...errorResponses } } },
    async (req) => getPolicy(req.ctx, req.query.region),
  );

  r.put(
    '/policy',
    { schema: { tags, summary: '设置隔离期（重新计算在隔人员的隔离天数）', body: PolicyInput, response: { 200: PolicyResult, ...errorResponses } } },
    async (req) => setPolicy(req.ctx, req.body),
  );

  r.get(
    '/:id',
    { schema: { tags, summary: '隔离人员详情：隔离天数、检查与检测记录、尚不能解除的原因', params: IdParams, response: { 200: IsolationPersonDetail, ...errorResponses } } },
    async (req) => getPerson(req.ctx, req.params.id),
  );

  r.post(
    '/:id/checks',
    { schema: { tags, summary: '登记症状检查、检测结果或定点医院筛查', params: IdParams, body: RecordCheckInput, response: { 200: IsolationPersonDetail, ...errorResponses } } },
    async (req) => recordCheck(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/:id/admit',
    {
      // The override carries a second user's password: limited like a login.
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '解除隔离（入院或返岗）；条件未满足时 422，提前解除须另一名审批人复核',
        params: IdParams,
        body: AdmitInput,
        response: { 200: IsolationPersonDetail, 422: errorResponses[400], ...errorResponses },
      },
    },
    async (req) => admit(req.ctx, req.params.id, req.body),
  );
}
