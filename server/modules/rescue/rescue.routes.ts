import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import {
  CloseInput,
  HelpInput,
  Patrol,
  PatrolDetail,
  PatrolInput,
  PatrolList,
  PatrolQuery,
  PersonList,
  PersonQuery,
  PlaceInput,
  RecordPersonInput,
  RescuePersonDetail,
  RescueStats,
  RevealedPerson,
  RevealInput,
  StatsQuery,
} from '../../../common/contracts/rescue';
import { z } from '../../../common/contracts/zod';
import { errorResponses, typed } from '../../core/http';
import { closePerson, confirmPlacement, place, recordHelp } from './rescue.actions';
import { createPatrol, getPatrol, listPatrols } from './rescue.patrols';
import { getPerson, listPersons, recordPerson, revealPerson } from './rescue.service';
import { rescueStats } from './rescue.stats';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });

export async function rescueRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['rescue'];

  r.post(
    '/patrols',
    {
      schema: {
        tags,
        summary: '登记街面巡查（支持 Idempotency-Key）',
        headers: IdempotencyHeaders,
        body: PatrolInput,
        response: { 201: Patrol, ...errorResponses },
      },
    },
    async (req, reply) => {
      const answer = await createPatrol(req.ctx, req.body, req.headers['idempotency-key']);
      return reply.code(answer.status as 201).send(answer.body);
    },
  );

  r.get(
    '/patrols',
    {
      schema: {
        tags,
        summary: '巡查记录',
        querystring: PatrolQuery,
        response: { 200: PatrolList, ...errorResponses },
      },
    },
    async (req) => listPatrols(req.ctx, req.query),
  );

  r.get(
    '/patrols/:id',
    {
      schema: {
        tags,
        summary: '巡查详情及发现的人员',
        params: IdParams,
        response: { 200: PatrolDetail, ...errorResponses },
      },
    },
    async (req) => getPatrol(req.ctx, req.params.id),
  );

  r.post(
    '/persons',
    {
      schema: {
        tags,
        summary: '登记发现的流浪乞讨、滞留人员（按身份证号、电话提示曾被救助；支持 Idempotency-Key）',
        headers: IdempotencyHeaders,
        body: RecordPersonInput,
        response: { 201: RescuePersonDetail, ...errorResponses },
      },
    },
    async (req, reply) => {
      const answer = await recordPerson(req.ctx, req.body, req.headers['idempotency-key']);
      return reply.code(answer.status as 201).send(answer.body);
    },
  );

  r.get(
    '/persons',
    {
      schema: {
        tags,
        summary: '救助对象（个人信息脱敏）',
        querystring: PersonQuery,
        response: { 200: PersonList, ...errorResponses },
      },
    },
    async (req) => listPersons(req.ctx, req.query),
  );

  r.get(
    '/persons/:id',
    {
      schema: {
        tags,
        summary: '救助对象详情',
        params: IdParams,
        response: { 200: RescuePersonDetail, ...errorResponses },
      },
    },
    async (req) => getPerson(req.ctx, req.params.id),
  );

  r.post(
    '/persons/:id/help',
    {
      schema: {
        tags,
        summary: '登记救助帮扶（饮食、住宿、医疗、车票、衣物、现金）',
        params: IdParams,
        body: HelpInput,
        response: { 200: RescuePersonDetail, ...errorResponses },
      },
    },
    async (req) => recordHelp(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/persons/:id/place',
    {
      schema: {
        tags,
        summary: '安置（入站；未成年人先筛查）、返乡、送医或拒绝救助',
        params: IdParams,
        body: PlaceInput,
        response: { 200: RescuePersonDetail, ...errorResponses },
      },
    },
    async (req) => place(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/persons/:id/confirm-placement',
    {
      schema: {
        tags,
        summary: '未成年人筛查完成后确认入站安置',
        params: IdParams,
        response: { 200: RescuePersonDetail, ...errorResponses },
      },
    },
    async (req) => confirmPlacement(req.ctx, req.params.id),
  );

  r.post(
    '/persons/:id/close',
    {
      schema: {
        tags,
        summary: '结案',
        params: IdParams,
        body: CloseInput,
        response: { 200: RescuePersonDetail, ...errorResponses },
      },
    },
    async (req) => closePerson(req.ctx, req.params.id, req.body.reason),
  );

  r.post(
    '/persons/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看完整个人信息（须有权限并说明原因，留痕）',
        params: IdParams,
        body: RevealInput,
        response: { 200: RevealedPerson, ...errorResponses },
      },
    },
    async (req) => revealPerson(req.ctx, req.params.id, req.body.reason),
  );

  r.get(
    '/stats',
    {
      schema: {
        tags,
        summary: '救助统计：发现、未成年人、救助、安置、返乡（按区划）',
        querystring: StatsQuery,
        response: { 200: RescueStats, ...errorResponses },
      },
    },
    async (req) => rescueStats(req.ctx, req.query),
  );
}
