import type { FastifyInstance } from 'fastify';
import {
  BelowNorm,
  BelowNormQuery,
  InstitutionStock,
  MovementList,
  MovementQuery,
  NormInput,
  NormList,
  RecordMovementInput,
  StockQuery,
} from '../../../common/contracts/supplies';
import { errorResponses, typed } from '../../core/http';
import { belowNormList } from './supplies.board';
import { getStock, listMovements, listNorms, recordMovement, setNorm } from './supplies.service';

export async function supplyRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['supplies'];

  r.get(
    '/',
    { schema: { tags, summary: '机构物资库存、保障天数与储备标准', querystring: StockQuery, response: { 200: InstitutionStock, ...errorResponses } } },
    async (req) => getStock(req.ctx, req.query.institutionId),
  );

  r.get(
    '/movements',
    { schema: { tags, summary: '物资出入库记录（入库、盘点调整、日报告消耗）', querystring: MovementQuery, response: { 200: MovementList, ...errorResponses } } },
    async (req) => listMovements(req.ctx, req.query),
  );

  r.post(
    '/movements',
    { schema: { tags, summary: '登记物资入库或盘点调整（机构或代登记）', body: RecordMovementInput, response: { 200: InstitutionStock, ...errorResponses } } },
    async (req) => recordMovement(req.ctx, req.body),
  );

  r.get(
    '/below-norm',
    { schema: { tags, summary: '低于储备标准的机构（看板用）', querystring: BelowNormQuery, response: { 200: BelowNorm, ...errorResponses } } },
    async (req) => belowNormList(req.ctx, req.query.region),
  );

  r.get('/norms', { schema: { tags, summary: '物资储备标准（含默认）', response: { 200: NormList, ...errorResponses } } }, async (req) => listNorms(req.ctx));

  r.put(
    '/norms',
    { schema: { tags, summary: '设置某类机构某类物资的储备天数（全国统一）', body: NormInput, response: { 200: NormList, ...errorResponses } } },
    async (req) => setNorm(req.ctx, req.body),
  );
}
