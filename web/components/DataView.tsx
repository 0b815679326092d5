import type { ReactNode } from 'react';
import { Card, Empty, Flex, Pagination, Spin, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useIsMobile } from '../lib/responsive';

export interface PageState {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
}

export interface DataViewProps<T> {
  rows: T[];
  rowKey: (row: T) => string;
  columns: TableColumnsType<T>;
  /** How one row reads on a phone, where a table would not fit. */
  renderCard: (row: T) => ReactNode;
  loading?: boolean;
  paging?: PageState;
  emptyText?: string;
}

/** A table on wide screens, a column of cards on phones; both paged by the server. */
export function DataView<T extends object>({
  rows,
  rowKey,
  columns,
  renderCard,
  loading,
  paging,
  emptyText = '暂无数据',
}: DataViewProps<T>) {
  const mobile = useIsMobile();
  if (!mobile) {
    return (
      <Table<T>
        rowKey={rowKey}
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        pagination={
          paging
            ? {
                current: paging.page,
                pageSize: paging.pageSize,
                total: paging.total,
                showSizeChanger: true,
                showTotal: (total) => `共 ${total} 条`,
                onChange: paging.onChange,
              }
            : false
        }
      />
    );
  }
  return (
    <Spin spinning={!!loading}>
      <Flex vertical gap={8}>
        {rows.length === 0 && !loading ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        ) : null}
        {rows.map((row) => (
          <Card key={rowKey(row)} size="small" className="fx-row-card">
            {renderCard(row)}
          </Card>
        ))}
        {paging && paging.total > paging.pageSize ? (
          <Flex justify="center" style={{ marginTop: 8 }}>
            <Pagination
              simple
              current={paging.page}
              pageSize={paging.pageSize}
              total={paging.total}
              onChange={paging.onChange}
            />
          </Flex>
        ) : null}
        {paging ? <div className="fx-muted fx-center">共 {paging.total} 条</div> : null}
      </Flex>
    </Spin>
  );
}
