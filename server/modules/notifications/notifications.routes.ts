import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import { Notification, NotificationList, NotificationQuery } from '../../../common/contracts/notifications';
import { z } from '../../../common/contracts/zod';
import { errorResponses, typed } from '../../core/http';
import * as notifications from './notifications.service';

export async function notificationRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['notifications'];

  r.get(
    '/',
    { schema: { tags, summary: '我的站内提醒（最新在前，含未读数）', querystring: NotificationQuery, response: { 200: NotificationList, ...errorResponses } } },
    async (req) => notifications.listNotifications(req.ctx, req.query),
  );

  r.post(
    '/read-all',
    { schema: { tags, summary: '全部标为已读', response: { 200: z.object({ updated: z.number().int() }), ...errorResponses } } },
    async (req) => notifications.markAllRead(req.ctx),
  );

  r.post(
    '/:id/read',
    { schema: { tags, summary: '标为已读', params: IdParams, response: { 200: Notification, ...errorResponses } } },
    async (req) => notifications.markRead(req.ctx, req.params.id),
  );
}
