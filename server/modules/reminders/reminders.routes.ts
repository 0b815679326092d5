import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../common/contracts/common';
import { Ladder, LadderInput, LadderQuery, ReminderLog, ReminderLogQuery, WelfareDoneInput, WelfareTask, WelfareTaskList, WelfareTaskQuery } from '../../../common/contracts/reminders';
import { errorResponses, typed } from '../../core/http';
import * as reminders from './reminders.service';

export async function reminderRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['reminders'];

  r.get(
    '/ladder',
    { schema: { tags, summary: '未报送提醒阶梯（含继承）', querystring: LadderQuery, response: { 200: Ladder, ...errorResponses } } },
    async (req) => reminders.getLadder(req.ctx, req.query.region),
  );

  r.put(
    '/ladder',
    { schema: { tags, summary: '设置本级或下级的提醒阶梯', querystring: LadderQuery, body: LadderInput, response: { 200: Ladder, ...errorResponses } } },
    async (req) => reminders.setLadder(req.ctx, req.query.region, req.body),
  );

  r.get(
    '/log',
    { schema: { tags, summary: '已发送的提醒记录', querystring: ReminderLogQuery, response: { 200: ReminderLog, ...errorResponses } } },
    async (req) => reminders.listReminderLog(req.ctx, req.query),
  );

  r.get(
    '/welfare-tasks',
    { schema: { tags, summary: '连续两日未报的探访核查任务', querystring: WelfareTaskQuery, response: { 200: WelfareTaskList, ...errorResponses } } },
    async (req) => reminders.listWelfareTasks(req.ctx, req.query),
  );

  r.get(
    '/welfare-tasks/:id',
    { schema: { tags, summary: '探访核查任务详情', params: IdParams, response: { 200: WelfareTask, ...errorResponses } } },
    async (req) => reminders.getWelfareTask(req.ctx, req.params.id),
  );

  r.post(
    '/welfare-tasks/:id/done',
    { schema: { tags, summary: '记录核查结果并办结任务', params: IdParams, body: WelfareDoneInput, response: { 200: WelfareTask, ...errorResponses } } },
    async (req) => reminders.completeWelfareTask(req.ctx, req.params.id, req.body.note),
  );
}
