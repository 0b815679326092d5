import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import {
  CallDetail,
  CallList,
  CallPhoto,
  CallPhotoList,
  CallQuery,
  CallStats,
  CloseCallInput,
  DirectoryQuery,
  ExportQuery,
  HotlineCall,
  HotlineDirectory,
  HotlineNumber,
  HotlineNumberInput,
  PhotoParams,
  RevealedCaller,
  RevealInput,
  StatsQuery,
  TakeCallInput,
} from '../../../common/contracts/hotline';
import { z } from '../../../common/contracts/zod';
import { VerifyCallInput } from '../../../common/contracts/assistance';
import { attachmentHeader, XLSX_MIME } from '../../core/excel';
import { assertKind, MIME } from '../../core/files';
import { errorResponses, readUpload, typed } from '../../core/http';
import * as hotline from './hotline.service';
import * as cases from './hotline.cases';
import * as handle from './hotline.handle';
import * as photos from './hotline.photos';
import { callStats } from './hotline.stats';
import { exportCalls } from './hotline.export';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });

export async function hotlineRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['hotline'];

  r.get(
    '/directory',
    { config: { public: true }, schema: { tags, summary: '24 小时救助热线号码（公开，无需登录）', querystring: DirectoryQuery, response: { 200: HotlineDirectory } } },
    async (req) => ({ items: await hotline.directory(req.ctx, req.query.region) }),
  );

  r.post('/directory', { schema: { tags, summary: '发布热线号码', body: HotlineNumberInput, response: { 201: HotlineNumber, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await hotline.publishNumber(req.ctx, req.body)),
  );

  r.post(
    '/calls',
    { schema: { tags, summary: '登记来电（按困难所在地派至乡镇；支持 Idempotency-Key）', headers: IdempotencyHeaders, body: TakeCallInput, response: { 201: HotlineCall, ...errorResponses } } },
    async (req, reply) => {
      const answer = await hotline.takeCall(req.ctx, req.body, req.headers['idempotency-key']);
      return reply.code(answer.status as 201).send(answer.body);
    },
  );

  r.get('/calls', { schema: { tags, summary: '来电与个案（可按来电号码查历史）', querystring: CallQuery, response: { 200: CallList, ...errorResponses } } }, async (req) =>
    hotline.listCalls(req.ctx, req.query),
  );

  r.get('/calls/export', { schema: { tags, summary: '导出热线个案 (.xlsx，个人信息脱敏)', querystring: ExportQuery } }, async (req, reply) => {
    const out = await exportCalls(req.ctx, req.query);
    return reply.type(XLSX_MIME).header('Content-Disposition', attachmentHeader(out.fileName)).send(out.stream);
  });

  r.get('/calls/:id', { schema: { tags, summary: '个案详情（时限、入户核实、照片）', params: IdParams, response: { 200: CallDetail, ...errorResponses } } }, async (req) =>
    cases.getCall(req.ctx, req.params.id),
  );

  r.post('/calls/:id/claim', { schema: { tags, summary: '认领个案（同一时间只有一人办理）', params: IdParams, response: { 200: HotlineCall, ...errorResponses } } }, async (req) =>
    handle.claimCall(req.ctx, req.params.id),
  );

  r.post(
    '/calls/:id/verify',
    { schema: { tags, summary: '入户核实（当日完成）', params: IdParams, body: VerifyCallInput, response: { 200: HotlineCall, ...errorResponses } } },
    async (req) => handle.verifyCall(req.ctx, req.params.id, req.body),
  );

  r.post('/calls/:id/close', { schema: { tags, summary: '办结个案', params: IdParams, body: CloseCallInput, response: { 200: HotlineCall, ...errorResponses } } }, async (req) =>
    cases.closeCall(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/calls/:id/photos',
    { schema: { tags, summary: '上传入户核实照片（jpg、png，10 MB 以内）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: CallPhoto, ...errorResponses } } },
    async (req, reply) => {
      const file = await readUpload(req, photos.PHOTO_MAX_BYTES);
      const kind = (await assertKind(file.buffer, photos.PHOTO_KINDS)) as (typeof photos.PHOTO_KINDS)[number];
      return reply.code(201).send(await photos.uploadPhoto(req.ctx, req.params.id, { buffer: file.buffer, kind }));
    },
  );

  r.get('/calls/:id/photos', { schema: { tags, summary: '入户核实照片列表', params: IdParams, response: { 200: CallPhotoList, ...errorResponses } } }, async (req) => ({
    items: await photos.listPhotos(req.ctx, req.params.id),
  }));

  r.get('/calls/:id/photos/:photoId', { schema: { tags, summary: '查看入户核实照片（留痕）', params: PhotoParams } }, async (req, reply) => {
    const photo = await photos.photoContent(req.ctx, req.params.id, req.params.photoId);
    return reply.type(MIME[photo.kind]).header('Cache-Control', 'private, no-store').header('Content-Disposition', 'inline').send(photo.content);
  });

  r.post(
    '/calls/:id/reveal',
    { schema: { tags, summary: '查看来电人完整信息（须有个人信息查看权限并说明原因，留痕）', params: IdParams, body: RevealInput, response: { 200: RevealedCaller, ...errorResponses } } },
    async (req) => hotline.revealCaller(req.ctx, req.params.id, req.body.reason),
  );

  r.get('/stats', { schema: { tags, summary: '来电统计：按类别、日期、区划，及时限达标情况', querystring: StatsQuery, response: { 200: CallStats, ...errorResponses } } }, async (req) =>
    callStats(req.ctx, req.query),
  );
}
