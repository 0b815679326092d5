import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import { Attachment, NoticeDetail, NoticeList, NoticeQuery, RemindInput, RemindResult, SendNoticeInput } from '../../../common/contracts/notices';
import { assertKind, MIME, type FileKind } from '../../core/files';
import { errorResponses, readUpload, typed } from '../../core/http';
import * as notices from './notices.service';

/** Attachments: pdf, jpg, png, docx; at most 10 MB; type checked by content. */
const ATTACHMENT_KINDS: FileKind[] = ['pdf', 'jpg', 'png', 'docx'];
const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export async function noticeRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['notices'];

  r.get('/', { schema: { tags, summary: '收件箱 / 发件箱', querystring: NoticeQuery, response: { 200: NoticeList, ...errorResponses } } }, async (req) =>
    notices.listNotices(req.ctx, req.query),
  );

  r.post('/', { schema: { tags, summary: '发送通知', body: SendNoticeInput, response: { 201: NoticeDetail, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await notices.sendNotice(req.ctx, req.body)),
  );

  r.post(
    '/attachments',
    { schema: { tags, summary: '上传通知附件（pdf、jpg、png、docx，10 MB 以内）', consumes: ['multipart/form-data'], response: { 201: Attachment, ...errorResponses } } },
    async (req, reply) => {
      const file = await readUpload(req, ATTACHMENT_MAX_BYTES);
      const kind = await assertKind(file.buffer, ATTACHMENT_KINDS);
      return reply.code(201).send(await notices.uploadAttachment(req.ctx, { ...file, kind }));
    },
  );

  r.get('/attachments/:id', { schema: { tags, summary: '下载附件', params: IdParams } }, async (req, reply) => {
    const file = await notices.downloadAttachment(req.ctx, req.params.id);
    return reply
      .type(MIME[file.kind as FileKind] ?? 'application/octet-stream')
      .header('Content-Disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .send(file.content);
  });

  r.get('/:id', { schema: { tags, summary: '通知详情（发送方可见签收情况）', params: IdParams, response: { 200: NoticeDetail, ...errorResponses } } }, async (req) =>
    notices.getNotice(req.ctx, req.params.id),
  );

  r.post('/:id/ack', { schema: { tags, summary: '签收通知', params: IdParams, response: { 200: NoticeDetail, ...errorResponses } } }, async (req) =>
    notices.acknowledge(req.ctx, req.params.id),
  );

  r.post(
    '/:id/remind',
    { schema: { tags, summary: '催办未签收单位', params: IdParams, body: RemindInput, response: { 200: RemindResult, ...errorResponses } } },
    async (req) => notices.remind(req.ctx, req.params.id, req.body),
  );
}
