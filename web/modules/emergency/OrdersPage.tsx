import { Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { ClosureOrder } from '../../../common/contracts/emergency';
import { useUser } from '../../lib/auth';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from '../../lib/url-state';
import { DataView } from '../../components/DataView';
import { FilterPanel } from '../../components/FilterPanel';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { ORDER_STATUS_LABELS, ORDER_STATUSES, type OrderStatus } from './labels';
import { OrderCard, orderColumns } from './orderColumns';
import { useOrderList } from './queries';

interface OrderFilterValues {
  status?: OrderStatus;
  region?: string;
}

/** Closure orders in the user's scope, newest first. */
export function OrdersPage() {
  const me = useUser();
  const [params, setParams] = useSearchParams();
  const statusText = params.get('status');
  const regionText = params.get('region');
  const filters: OrderFilterValues = {
    status: ORDER_STATUSES.find((s) => s === statusText),
    region: regionText && /^\d{12}$/.test(regionText) ? regionText : undefined,
  };
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const list = useOrderList({ ...filters, page, pageSize });
  const update = (next: OrderFilterValues & { page?: number; pageSize?: number }) =>
    setParams(toSearchParams({ ...next }));

  return (
    <div>
      <PageHeader title="封控指令" subtitle="封闭管理指令及其解除情况；降低响应级别不会自动解除封闭管理" />
      <FilterPanel
        active={filters.region ? 1 : 0}
        primary={
          <Select<OrderStatus>
            allowClear
            placeholder="全部状态"
            aria-label="指令状态"
            value={filters.status}
            onChange={(status) => update({ ...filters, status: status ?? undefined, pageSize })}
            options={ORDER_STATUSES.map((s) => ({ value: s, label: ORDER_STATUS_LABELS[s] }))}
            className="fx-filter-item"
          />
        }
      >
        <RegionPicker
          rootCode={me.regionCode}
          allowClear
          placeholder="全部区划（含下级）"
          value={filters.region}
          onChange={(region) => update({ ...filters, region, pageSize })}
          className="fx-filter-item"
        />
      </FilterPanel>
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView<ClosureOrder>
        rows={list.data?.items ?? []}
        rowKey={(o) => o.id}
        columns={orderColumns}
        renderCard={(o) => <OrderCard order={o} />}
        loading={list.isFetching}
        emptyText="没有符合条件的封控指令"
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
