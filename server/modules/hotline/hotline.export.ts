import type { Readable } from 'node:stream';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { HotlineCall } from '../../../common/contracts/hotline';
import { CALL_STATUS_LABELS, HOTLINE_CATEGORY_LABELS, HOTLINE_URGENCY_LABELS } from '../../../common/enums';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { streamWorkbook, type Column } from '../../core/excel';
import { hotlineCalls } from '../../db/schema/hotline';
import { regions } from '../../db/schema/regions';
import { toCall } from './hotline.service';
import { callFilter, type StatsFilter } from './hotline.stats';

const shanghai = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
const verdict = (met: boolean | null, notNeeded = false) => (notNeeded ? '无需' : met === true ? '按时' : met === false ? '超时' : '进行中');

/** The caller stays masked in the file as on screen; the address is not exported at all. */
const COLUMNS: Column<HotlineCall>[] = [
  { header: '来电时间', width: 17, value: (c) => shanghai(c.createdAt) },
  { header: '困难所在地', width: 14, value: (c) => c.regionName },
  { header: '区划代码', width: 15, value: (c) => c.regionCode },
  { header: '来电人', width: 9, value: (c) => c.callerName },
  { header: '来电号码', width: 14, value: (c) => c.callerPhone },
  { header: '类别', width: 12, value: (c) => HOTLINE_CATEGORY_LABELS[c.category] },
  { header: '紧急程度', width: 9, value: (c) => HOTLINE_URGENCY_LABELS[c.urgency] },
  { header: '诉求', width: 40, value: (c) => c.content },
  { header: '状态', width: 9, value: (c) => CALL_STATUS_LABELS[c.status] },
  { header: '接听人', width: 12, value: (c) => c.takenByName },
  { header: '办理人', width: 12, value: (c) => c.claimedByName },
  { header: '入户核实时间', width: 17, value: (c) => shanghai(c.verifiedAt) },
  { header: '入户核实', width: 9, value: (c) => verdict(c.clocks.verify.slaMet, c.clocks.verify.notNeeded) },
  { header: '救助时限', width: 17, value: (c) => shanghai(c.clocks.payment.dueAt) },
  { header: '首笔救助时间', width: 17, value: (c) => shanghai(c.assistedAt) },
  { header: '救助', width: 9, value: (c) => verdict(c.clocks.payment.slaMet, c.clocks.payment.notNeeded) },
  { header: '上报区县', width: 9, value: (c) => (c.escalated ? '是' : '') },
  { header: '办结时间', width: 17, value: (c) => shanghai(c.closedAt) },
];

/** Cases (calls with their clocks) of a region and period as .xlsx, streamed page by page; audited. */
export async function exportCalls(ctx: Ctx, q: StatsFilter): Promise<{ fileName: string; stream: Readable }> {
  const { code, where } = callFilter(ctx, q);
  await withTx(ctx, (tx) => recordAudit(tx, { action: 'hotline.call.export', entityType: 'hotline_call', regionCode: code, details: { from: q.from ?? null, to: q.to ?? null } }));
  const now = ctx.now();
  async function* pages(): AsyncGenerator<HotlineCall[]> {
    let after: string | null = null;
    for (;;) {
      const rows = await ctx.db
        .select({ c: hotlineCalls, regionName: regions.name })
        .from(hotlineCalls)
        .leftJoin(regions, eq(regions.code, hotlineCalls.regionCode))
        .where(after ? and(...where, gt(hotlineCalls.id, after)) : and(...where))
        .orderBy(asc(hotlineCalls.id))
        .limit(500);
      if (rows.length === 0) return;
      yield rows.map((r) => toCall(ctx, r.c, r.regionName, now));
      after = rows[rows.length - 1]!.c.id;
    }
  }
  return { fileName: '热线个案.xlsx', stream: streamWorkbook('热线个案', COLUMNS, pages()) };
}
