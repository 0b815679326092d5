import type { FastifyInstance } from 'fastify';
import { AuditList, AuditQuery, AuditVerifyResult } from '../../../common/contracts/audit';
import { errorResponses, typed } from '../../core/http';
import * as audit from './audit.service';

export async function auditRoutes(app: FastifyInstance) {
  const r = typed(app);

  r.get(
    '/',
    { schema: { tags: ['audit'], summary: '审计日志（审计管理员）', querystring: AuditQuery, response: { 200: AuditList, ...errorResponses } } },
    async (req) => audit.listAudit(req.ctx, req.query),
  );

  r.get(
    '/verify',
    { schema: { tags: ['audit'], summary: '校验审计日志哈希链', response: { 200: AuditVerifyResult, ...errorResponses } } },
    async (req) => audit.verifyAudit(req.ctx),
  );
}
