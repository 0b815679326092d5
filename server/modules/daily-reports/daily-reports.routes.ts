import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import {
  Completeness,
  CompletenessQuery,
  CorrectReportInput,
  DailyReport,
  Deadline,
  DeadlineInput,
  InstitutionDayList,
  InstitutionDayQuery,
  MissingList,
  MissingQuery,
  ReportQuery,
  SubmitReportInput,
  Trend,
  TrendQuery,
} from '../../../common/contracts/daily-reports';
import { RegionCodeParams } from '../../../common/contracts/regions';
import { z } from '../../../common/contracts/zod';
import { errorResponses, typed } from '../../core/http';
import { completeness, institutionDays, missingInstitutions } from './completeness.service';
import { exportCompleteness } from './completeness.export';
import { attachmentHeader, XLSX_MIME } from '../../core/excel';
import * as reports from './daily-reports.service';
import { trend } from './trend.service';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });

export async function dailyReportRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['daily-reports'];

  r.post(
    '/',
    {
      schema: {
        tags,
        summary: '报送日报告 / 零报告 / 不适用（支持 Idempotency-Key）',
        headers: IdempotencyHeaders,
        body: SubmitReportInput,
        response: { 201: DailyReport, ...errorResponses },
      },
    },
    async (req, reply) => {
      const answer = await reports.submitReport(req.ctx, req.body, req.headers['idempotency-key']);
      return reply.code(answer.status as 201).send(answer.body);
    },
  );

  r.get(
    '/',
    { schema: { tags, summary: '某机构某日的报送', querystring: ReportQuery, response: { 200: z.object({ report: DailyReport.nullable() }), ...errorResponses } } },
    async (req) => ({ report: await reports.getReport(req.ctx, req.query.institutionId, req.query.date) }),
  );

  r.patch(
    '/:id',
    { schema: { tags, summary: '更正报送（截止后须说明原因，保留原版本）', params: IdParams, body: CorrectReportInput, response: { 200: DailyReport, ...errorResponses } } },
    async (req) => reports.correctReport(req.ctx, req.params.id, req.body),
  );

  r.get(
    '/completeness',
    { schema: { tags, summary: '各级完成率与数据汇总', querystring: CompletenessQuery, response: { 200: Completeness, ...errorResponses } } },
    async (req) => completeness(req.ctx, req.query),
  );

  r.get('/completeness/export', { schema: { tags, summary: '导出某级某日的日报汇总 (.xlsx)', querystring: CompletenessQuery } }, async (req, reply) => {
    const out = await exportCompleteness(req.ctx, req.query);
    return reply.type(XLSX_MIME).header('Content-Disposition', attachmentHeader(out.fileName)).send(out.stream);
  });

  r.get(
    '/trend',
    { schema: { tags, summary: '某区划逐日完成率与数据汇总（最长 90 天）', querystring: TrendQuery, response: { 200: Trend, ...errorResponses } } },
    async (req) => trend(req.ctx, req.query),
  );

  r.get(
    '/institutions',
    { schema: { tags, summary: '区划内各机构当日报送情况', querystring: InstitutionDayQuery, response: { 200: InstitutionDayList, ...errorResponses } } },
    async (req) => institutionDays(req.ctx, req.query),
  );

  r.get(
    '/missing',
    { schema: { tags, summary: '未报送机构及联系方式', querystring: MissingQuery, response: { 200: MissingList, ...errorResponses } } },
    async (req) => missingInstitutions(req.ctx, req.query),
  );

  r.get(
    '/deadlines/:code',
    { schema: { tags, summary: '报送截止时间（含继承）', params: RegionCodeParams, response: { 200: Deadline, ...errorResponses } } },
    async (req) => reports.getDeadline(req.ctx, req.params.code),
  );

  r.put(
    '/deadlines',
    { schema: { tags, summary: '设置本级或下级报送截止时间', body: DeadlineInput, response: { 200: Deadline, ...errorResponses } } },
    async (req) => reports.setDeadline(req.ctx, req.body.regionCode, req.body.time),
  );
}
