import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import {
  ApplyInput,
  Counts,
  CountsQuery,
  CreateHouseholdInput,
  EnrolmentNote,
  HouseholdDetail,
  HouseholdList,
  HouseholdQuery,
  Reason,
  Revealed,
  StatusChangeInput,
} from '../../../common/contracts/beneficiaries';
import { AppError } from '../../core/errors';
import { attachmentHeader, XLSX_MIME } from '../../core/excel';
import { errorResponses, typed } from '../../core/http';
import { decideApplication, reviewApplication } from './beneficiaries.enrolment';
import { importHouseholds } from './beneficiaries.import';
import * as service from './beneficiaries.service';
import { importTemplate } from './beneficiaries.template';
import { readStream, receiveXlsx } from './beneficiaries.upload';

export async function beneficiaryRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['beneficiaries'];
  const detail = { 200: HouseholdDetail, ...errorResponses };

  r.get(
    '/',
    {
      schema: {
        tags,
        summary: '救助对象家庭：按身份证号精确查询，或按区划、类别、状态分页',
        querystring: HouseholdQuery,
        response: { 200: HouseholdList, ...errorResponses },
      },
    },
    async (req) => service.listHouseholds(req.ctx, req.query),
  );

  r.post(
    '/',
    {
      schema: {
        tags,
        summary: '登记救助对象家庭（在保）',
        body: CreateHouseholdInput,
        response: { 201: HouseholdDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createHousehold(req.ctx, req.body)),
  );

  r.get(
    '/counts',
    {
      schema: {
        tags,
        summary: '各救助类别、状态的户数与人数',
        querystring: CountsQuery,
        response: { 200: Counts, ...errorResponses },
      },
    },
    async (req) => service.countHouseholds(req.ctx, req.query.region),
  );

  r.post(
    '/applications',
    {
      schema: {
        tags,
        summary: '受理低保、特困申请（已申请）',
        body: ApplyInput,
        response: { 201: HouseholdDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.applyHousehold(req.ctx, req.body)),
  );

  r.get('/import/template', { schema: { tags, summary: '救助对象导入模板 (.xlsx)' } }, async (_req, reply) =>
    reply
      .type(XLSX_MIME)
      .header('Content-Disposition', attachmentHeader('救助对象导入模板.xlsx'))
      .send(await importTemplate()),
  );

  r.post(
    '/import',
    {
      schema: {
        tags,
        summary: '导入救助对象 .xlsx（流式处理；应答为 NDJSON：progress / error / done 逐行输出）',
        consumes: ['multipart/form-data'],
        produces: ['application/x-ndjson'],
      },
    },
    async (req, reply) => {
      let upload: Awaited<ReturnType<typeof receiveXlsx>> | undefined;
      const events = importHouseholds(req.ctx, async () => {
        upload = await receiveXlsx(req);
        return { fileName: upload.fileName, stream: readStream(upload.path) };
      });
      let first: IteratorResult<unknown>;
      try {
        first = await events.next();
      } catch (err) {
        await upload?.cleanup();
        throw err;
      }
      const lines = async function* () {
        try {
          if (!first.done) yield `${JSON.stringify(first.value)}\n`;
          for await (const e of events) yield `${JSON.stringify(e)}\n`;
        } catch (err) {
          req.log.error({ err }, 'beneficiary import failed');
          const e = err instanceof AppError ? err : new AppError(500, 'INTERNAL');
          yield `${JSON.stringify({ type: 'failed', code: e.code, message: e.message })}\n`;
        } finally {
          await upload?.cleanup();
        }
      };
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send(Readable.from(lines()));
    },
  );

  r.get(
    '/:id',
    { schema: { tags, summary: '家庭详情：成员（脱敏）与状态历史', params: IdParams, response: detail } },
    async (req) => service.getHousehold(req.ctx, req.params.id),
  );

  r.post(
    '/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看完整个人信息（须说明原因，留痕）',
        params: IdParams,
        body: Reason,
        response: { 200: Revealed, ...errorResponses },
      },
    },
    async (req) => service.revealHousehold(req.ctx, req.params.id, req.body.reason),
  );

  r.post(
    '/:id/status',
    {
      schema: {
        tags,
        summary: '暂停、退出或恢复（须填写原因）',
        params: IdParams,
        body: StatusChangeInput,
        response: detail,
      },
    },
    async (req) => service.changeStatus(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/:id/review',
    {
      schema: {
        tags,
        summary: '审核申请（已申请 → 已审核）',
        params: IdParams,
        body: EnrolmentNote,
        response: detail,
      },
    },
    async (req) => reviewApplication(req.ctx, req.params.id, req.body.note),
  );

  r.post(
    '/:id/approve',
    {
      schema: {
        tags,
        summary: '审批通过（已审核 → 在保；须由受理、审核以外的人审批）',
        params: IdParams,
        body: EnrolmentNote,
        response: detail,
      },
    },
    async (req) => decideApplication(req.ctx, req.params.id, 'approve', req.body.note),
  );

  r.post(
    '/:id/reject',
    { schema: { tags, summary: '审批不予通过', params: IdParams, body: EnrolmentNote, response: detail } },
    async (req) => decideApplication(req.ctx, req.params.id, 'reject', req.body.note),
  );
}
