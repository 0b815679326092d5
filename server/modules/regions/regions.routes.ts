import type { FastifyInstance } from 'fastify';
import { RegionChildren, RegionCodeParams, RegionDetail, RegionList, RegionQuery } from '../../../common/contracts/regions';
import { errorResponses, typed } from '../../core/http';
import * as regions from './regions.service';

export async function regionRoutes(app: FastifyInstance) {
  const r = typed(app);

  r.get(
    '/',
    {
      schema: {
        tags: ['regions'],
        summary: '省级行政区划列表；带 q 时按名称或代码搜索',
        querystring: RegionQuery,
        response: { 200: RegionList, ...errorResponses },
      },
    },
    async (req) => ({ items: req.query.q ? await regions.searchRegions(req.ctx, req.query.q, req.query.within) : await regions.listProvinces(req.ctx) }),
  );

  r.get(
    '/:code',
    { schema: { tags: ['regions'], summary: '行政区划详情', params: RegionCodeParams, response: { 200: RegionDetail, ...errorResponses } } },
    async (req) => regions.getRegion(req.ctx, req.params.code),
  );

  r.get(
    '/:code/children',
    { schema: { tags: ['regions'], summary: '下级行政区划', params: RegionCodeParams, response: { 200: RegionChildren, ...errorResponses } } },
    async (req) => ({ items: await regions.listChildren(req.ctx, req.params.code) }),
  );
}
