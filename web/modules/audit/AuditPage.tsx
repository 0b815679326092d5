import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { AuditEntry } from '../../../common/contracts/audit';
import { AUDIT_RESULTS, type AuditResult } from '../../../common/enums';
import { auditApi } from '../../api/audit';
import { useUser } from '../../lib/auth';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from '../../lib/url-state';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { AuditDetailModal } from './AuditDetailModal';
import { AuditFilterBar, type AuditFilterValues } from './AuditFilterBar';
import { AuditCard, auditColumns } from './auditColumns';
import { useVerifyChain, VerifyButton, VerifyResult } from './VerifyChain';

const FILTER_KEYS = ['action', 'actor', 'entityType', 'from', 'to'] as const;

export function AuditPage() {
  const me = useUser();
  // The hash chain spans the whole country: only a national audit admin may verify it.
  const canVerify = me.regionLevel === 'country';
  const [params, setParams] = useSearchParams();
  const filters: AuditFilterValues = {};
  for (const k of FILTER_KEYS) filters[k] = params.get(k) ?? undefined;
  const result = params.get('result');
  if (result && (AUDIT_RESULTS as readonly string[]).includes(result)) filters.result = result as AuditResult;
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);

  const list = useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: () => auditApi.list({ ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const verify = useVerifyChain();
  const [shown, setShown] = useState<AuditEntry | null>(null);

  const update = (next: AuditFilterValues & { page?: number; pageSize?: number }) =>
    setParams(toSearchParams({ ...next }));

  return (
    <div>
      <PageHeader
        title="审计日志"
        subtitle="平台所有写操作与登录记录，只可追加、不可修改"
        extra={canVerify ? <VerifyButton verify={verify} /> : undefined}
      />
      <VerifyResult verify={verify} />
      <AuditFilterBar value={filters} onChange={(f) => update({ ...f, pageSize })} />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView<AuditEntry>
        rows={list.data?.items ?? []}
        rowKey={(e) => String(e.seq)}
        columns={auditColumns(setShown)}
        renderCard={(e) => <AuditCard entry={e} onShow={setShown} />}
        loading={list.isFetching}
        emptyText="没有符合条件的审计记录"
        paging={{
          page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, size) => update({ ...filters, page: size === pageSize ? p : 1, pageSize: size }),
        }}
      />
      <AuditDetailModal entry={shown} onClose={() => setShown(null)} />
    </div>
  );
}
