import type { Readable } from 'node:stream';
import { FIGURE_KEYS, FIGURE_LABELS, type CompletenessNode } from '../../../common/contracts/daily-reports';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { streamWorkbook, type Column } from '../../core/excel';
import { completeness } from './completeness.service';

const COLUMNS: Column<CompletenessNode>[] = [
  { header: '区划', width: 18, value: (n) => n.regionName },
  { header: '区划代码', width: 15, value: (n) => n.regionCode },
  { header: '日期', width: 12, value: (n) => n.date },
  { header: '应报', width: 8, value: (n) => n.expected },
  { header: '已报', width: 8, value: (n) => n.submitted },
  { header: '完成率', width: 9, value: (n) => (n.expected ? Math.round((n.submitted / n.expected) * 1000) / 10 : null) },
  { header: '日报告', width: 8, value: (n) => n.reports },
  { header: '零报告', width: 8, value: (n) => n.zero },
  { header: '不适用', width: 8, value: (n) => n.notApplicable },
  { header: '按时', width: 8, value: (n) => n.onTime },
  { header: '迟报', width: 8, value: (n) => n.late },
  { header: '未报', width: 8, value: (n) => n.missing },
  { header: '非应报机构报送', width: 14, value: (n) => n.unexpected },
  ...FIGURE_KEYS.map((k): Column<CompletenessNode> => ({ header: FIGURE_LABELS[k], width: 12, value: (n) => n.figures[k] })),
];

/** The day's roll-up at any level as .xlsx: the region first, then each child. */
export async function exportCompleteness(
  ctx: Ctx,
  q: { region?: string | undefined; date?: string | undefined; view: 'live' | 'official' },
): Promise<{ fileName: string; stream: Readable }> {
  const c = await completeness(ctx, q);
  await withTx(ctx, (tx) =>
    recordAudit(tx, { action: 'daily_report.export', entityType: 'region', entityId: c.regionCode, regionCode: c.regionCode, details: { date: c.date, view: c.view } }),
  );
  async function* rows() {
    yield [c, ...c.children];
  }
  const label = c.view === 'official' ? '截止时点' : '实时';
  return { fileName: `${c.regionName}-日报汇总-${c.date}-${label}.xlsx`, stream: streamWorkbook('日报汇总', COLUMNS, rows()) };
}
