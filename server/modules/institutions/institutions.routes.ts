import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import {
  CreateInstitutionInput,
  ExportQuery,
  ImportParams,
  ImportPreview,
  ImportResult,
  Institution,
  InstitutionDetail,
  InstitutionList,
  InstitutionQuery,
  SetStatusInput,
  UpdateInstitutionInput,
} from '../../../common/contracts/institutions';
import { attachmentHeader, XLSX_MIME } from '../../core/excel';
import { assertKind } from '../../core/files';
import { errorResponses, readUpload, typed } from '../../core/http';
import { exportInstitutions, importTemplate } from './institutions.export';
import { confirmImport, previewImport } from './institutions.import';
import * as service from './institutions.service';

/** Imports are at most 5 MB. */
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export async function institutionRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['institutions'];

  r.get(
    '/',
    { schema: { tags, summary: '机构列表（区划、类型、状态筛选与搜索）', querystring: InstitutionQuery, response: { 200: InstitutionList, ...errorResponses } } },
    async (req) => service.listInstitutions(req.ctx, req.query),
  );

  r.post(
    '/',
    { schema: { tags, summary: '登记机构', body: CreateInstitutionInput, response: { 201: Institution, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await service.createInstitution(req.ctx, req.body)),
  );

  r.get(
    '/export',
    { schema: { tags, summary: '导出机构名录 (.xlsx)', querystring: ExportQuery } },
    async (req, reply) => {
      const out = await exportInstitutions(req.ctx, req.query);
      return reply.type(XLSX_MIME).header('Content-Disposition', attachmentHeader(out.fileName)).send(out.stream);
    },
  );

  r.get('/import-template', { schema: { tags, summary: '机构导入模板 (.xlsx)' } }, async (_req, reply) =>
    reply.type(XLSX_MIME).header('Content-Disposition', attachmentHeader('机构导入模板.xlsx')).send(importTemplate()),
  );

  r.post(
    '/imports',
    { schema: { tags, summary: '上传机构表格并预检（不保存）', consumes: ['multipart/form-data'], response: { 200: ImportPreview, ...errorResponses } } },
    async (req) => {
      const file = await readUpload(req, IMPORT_MAX_BYTES);
      await assertKind(file.buffer, ['xlsx']);
      return previewImport(req.ctx, file);
    },
  );

  r.post(
    '/imports/:importId/confirm',
    { schema: { tags, summary: '确认导入：保存全部有效行', params: ImportParams, response: { 200: ImportResult, ...errorResponses } } },
    async (req) => confirmImport(req.ctx, req.params.importId),
  );

  r.get(
    '/:id',
    { schema: { tags, summary: '机构详情与状态历史', params: IdParams, response: { 200: InstitutionDetail, ...errorResponses } } },
    async (req) => service.getInstitution(req.ctx, req.params.id),
  );

  r.patch(
    '/:id',
    { schema: { tags, summary: '修改机构（带版本号）', params: IdParams, body: UpdateInstitutionInput, response: { 200: Institution, ...errorResponses } } },
    async (req) => service.updateInstitution(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/:id/status',
    { schema: { tags, summary: '变更机构状态（生效日期、原因）', params: IdParams, body: SetStatusInput, response: { 200: InstitutionDetail, ...errorResponses } } },
    async (req) => service.setStatus(req.ctx, req.params.id, req.body),
  );
}
