import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Institution } from '../../../common/contracts/institutions';
import { institutionFiles } from '../../api/institutions';
import { useCan, useUser } from '../../lib/auth';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from '../../lib/url-state';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { filtersFrom, type InstitutionFilterValues } from './filters';
import { InstitutionFilterBar } from './InstitutionFilterBar';
import { InstitutionCard, institutionColumns } from './institutionColumns';
import { useInstitutionList } from './queries';

/** The registry: filters kept in the address bar, export of exactly what is filtered. */
export function InstitutionsPage() {
  const me = useUser();
  const canManage = useCan('institutions:manage');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const list = useInstitutionList({ ...filters, page, pageSize });

  const update = (next: InstitutionFilterValues & { page?: number; pageSize?: number }) =>
    setParams(toSearchParams({ ...next }));

  return (
    <div>
      <PageHeader
        title="机构名录"
        subtitle={`管辖范围：${me.regionName}`}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={institutionFiles.exportUrl(filters)}>
              导出 Excel
            </Button>
            {canManage ? (
              <>
                <Button icon={<UploadOutlined />} onClick={() => void navigate('/institutions/import')}>
                  批量导入
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => void navigate('/institutions/new')}
                >
                  登记机构
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <InstitutionFilterBar
        value={filters}
        rootCode={me.regionCode}
        onChange={(f) => update({ ...f, pageSize })}
      />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView<Institution>
        rows={list.data?.items ?? []}
        rowKey={(i) => i.id}
        columns={institutionColumns}
        renderCard={(i) => <InstitutionCard institution={i} />}
        loading={list.isFetching}
        emptyText="没有符合条件的机构"
        paging={{
          page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, size) => update({ ...filters, page: size === pageSize ? p : 1, pageSize: size }),
        }}
      />
    </div>
  );
}
