import type { Readable } from 'node:stream';
import { and, asc, gt, like, type SQL } from 'drizzle-orm';
import { ASSISTANCE_REASON_LABELS, type Grant } from '../../../common/contracts/assistance';
import { scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { streamWorkbook, type Column } from '../../core/excel';
import { grants } from '../../db/schema/assistance';
import { toGrant } from './assistance.service';

const STATUS: Record<Grant['status'], string> = { pending_approval: '待审批', paid: '已发放', rejected: '未通过' };
const PAPERWORK: Record<string, string> = { open: '待补手续', completed: '已补齐', written_off: '已核销' };

/** Amounts are numeric cells in yuan; personal data stays masked in the file as on screen. */
const COLUMNS: Column<Grant>[] = [
  { header: '发放时间', width: 20, value: (g) => g.paidAt ?? g.createdAt },
  { header: '所在区划代码', width: 15, value: (g) => g.regionCode },
  { header: '救助对象', width: 10, value: (g) => g.recipientName },
  { header: '联系电话', width: 14, value: (g) => g.recipientPhone },
  { header: '身份证号', width: 20, value: (g) => g.recipientIdNumber },
  { header: '家庭人口', width: 9, value: (g) => g.householdSize },
  { header: '救助原因', width: 12, value: (g) => ASSISTANCE_REASON_LABELS[g.reason] },
  { header: '金额（元）', width: 12, value: (g) => g.amountFen / 100 },
  { header: '先行救助', width: 9, value: (g) => (g.provisional ? '是' : '否') },
  { header: '状态', width: 9, value: (g) => STATUS[g.status] },
  { header: '手续', width: 10, value: (g) => (g.paperworkStatus ? PAPERWORK[g.paperworkStatus]! : '') },
  { header: '手续期限', width: 12, value: (g) => g.paperworkDueOn },
  { header: '经办人', width: 12, value: (g) => g.createdByName },
  { header: '审批人', width: 12, value: (g) => g.approvedByName },
];

export async function exportGrants(ctx: Ctx, region?: string): Promise<{ fileName: string; stream: Readable }> {
  const actor = requirePermission(ctx, 'assistance:read');
  const where: SQL[] = [inScope(actor, grants.regionCode)];
  if (region) {
    assertRegionInScope(actor, region);
    where.push(like(grants.regionCode, `${scopePrefix(region)}%`));
  }
  await withTx(ctx, (tx) => recordAudit(tx, { action: 'assistance.grant.export', entityType: 'assistance_grant', regionCode: region ?? actor.regionCode }));
  async function* pages(): AsyncGenerator<Grant[]> {
    let after: string | null = null;
    for (;;) {
      const rows = await ctx.db
        .select()
        .from(grants)
        .where(after ? and(...where, gt(grants.id, after)) : and(...where))
        .orderBy(asc(grants.id))
        .limit(500);
      if (rows.length === 0) return;
      yield await Promise.all(rows.map((r) => toGrant(ctx, r)));
      after = rows[rows.length - 1]!.id;
    }
  }
  return { fileName: '临时救助发放台账.xlsx', stream: streamWorkbook('临时救助', COLUMNS, pages()) };
}
