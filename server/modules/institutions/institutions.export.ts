import { asc, count, eq, gt, and } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type { ExportQuery, Institution } from '../../../common/contracts/institutions';
import type { Readable } from 'node:stream';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { streamWorkbook, type Column } from '../../core/excel';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { EXPORT_COLUMNS, FIELD_HEADERS } from './institutions.columns';
import { listFilter, selection, toInstitution } from './institutions.service';

const PAGE = 1_000;

/** Any filtered list as .xlsx with Chinese headers, streamed page by page; the export itself is audited. */
export async function exportInstitutions(ctx: Ctx, q: ExportQuery): Promise<{ fileName: string; rows: number; stream: Readable }> {
  const actor = requirePermission(ctx, 'institutions:read');
  const day = businessDay(ctx.now());
  const where = listFilter(actor, q, day);
  const [total] = await ctx.db.select({ n: count() }).from(institutions).where(where);
  const rows = Number(total?.n ?? 0);
  await withTx(ctx, (tx) =>
    recordAudit(tx, { action: 'institution.export', entityType: 'institution', regionCode: q.region ?? actor.regionCode, details: { filters: { ...q }, rows } }),
  );
  async function* pages(): AsyncGenerator<Institution[]> {
    let after: string | null = null;
    for (;;) {
      const page = await ctx.db
        .select(selection(day))
        .from(institutions)
        .leftJoin(regions, eq(regions.code, institutions.regionCode))
        .where(after ? and(where, gt(institutions.id, after)) : where)
        .orderBy(asc(institutions.id))
        .limit(PAGE);
      if (page.length === 0) return;
      yield page.map(toInstitution);
      after = page[page.length - 1]!.inst.id;
    }
  }
  return { fileName: `机构名录-${day}.xlsx`, rows, stream: streamWorkbook('机构名录', EXPORT_COLUMNS, pages()) };
}

const TEMPLATE_EXAMPLE: Record<string, string | number> = {
  [FIELD_HEADERS.name]: '老城街道敬老院',
  [FIELD_HEADERS.type]: '养老机构',
  [FIELD_HEADERS.regionCode]: '520302001000',
  [FIELD_HEADERS.address]: '遵义市红花岗区老城街道某路 1 号',
  [FIELD_HEADERS.lat]: '',
  [FIELD_HEADERS.lng]: '',
  [FIELD_HEADERS.beds]: 60,
  [FIELD_HEADERS.residents]: 48,
  [FIELD_HEADERS.housesTekun]: '是',
  [FIELD_HEADERS.staff]: 12,
  [FIELD_HEADERS.responsiblePerson]: '张三',
  [FIELD_HEADERS.responsiblePhone]: '13800000000',
  [FIELD_HEADERS.dutyPhone]: '0851-28000000',
};

/** The import template: the headers and one example row. */
export function importTemplate(): Readable {
  const columns: Column<Record<string, string | number>>[] = Object.values(FIELD_HEADERS).map((h) => ({ header: h, width: 16, value: (r) => r[h] ?? '' }));
  async function* one() {
    yield [TEMPLATE_EXAMPLE];
  }
  return streamWorkbook('机构导入模板', columns, one());
}
