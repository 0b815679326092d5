import { useState } from 'react';
import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { COMPLETENESS_COUNTERS, type CompletenessNode } from '../../../common/contracts/daily-reports';
import { useIsMobile } from '../../lib/responsive';
import { COUNTERS, RateBar } from './CompletenessSummary';

/** A child row, or the institutions registered at the region's own code (本级直属), which no child holds. */
export interface ChildRow extends CompletenessNode {
  direct?: boolean;
}

/** The children, plus a 本级直属 row when the region's own institutions are not under any child. */
export function childRows(node: CompletenessNode & { children: CompletenessNode[] }): ChildRow[] {
  const rows: ChildRow[] = [...node.children];
  const rest = Object.fromEntries(
    COMPLETENESS_COUNTERS.map((k) => [k, node[k] - node.children.reduce((sum, c) => sum + c[k], 0)]),
  ) as Pick<CompletenessNode, (typeof COMPLETENESS_COUNTERS)[number]>;
  if (COMPLETENESS_COUNTERS.some((k) => rest[k] !== 0)) {
    // Without `children`: a table would take them for a tree.
    const { children: _children, ...own } = node;
    rows.unshift({
      ...own,
      ...rest,
      regionName: `${node.regionName}本级直属机构`,
      direct: true,
    });
  }
  return rows;
}

const active = (r: ChildRow) => r.expected > 0 || r.submitted > 0;

function ChildCard({ row, onOpen }: { row: ChildRow; onOpen: (code: string) => void }) {
  const body = (
    <>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong className="fx-child-name">
          {row.regionName}
        </Typography.Text>
        <Flex align="center" gap={6} className="fx-child-ratio">
          <span>
            <b>{row.submitted}</b>/{row.expected}
          </span>
          {!row.direct ? <RightOutlined className="fx-muted" /> : null}
        </Flex>
      </Flex>
      <RateBar node={row} size="small" />
      <div className="fx-child-figures">
        <span>日报 {row.reports}</span>
        <span>零报 {row.zero}</span>
        <span>不适用 {row.notApplicable}</span>
        <span className={row.late > 0 ? 'fx-text-warn' : undefined}>迟报 {row.late}</span>
        <span className={row.missing > 0 ? 'fx-text-danger' : undefined}>未报 {row.missing}</span>
      </div>
    </>
  );
  if (row.direct)
    return (
      <Card size="small" className="fx-child-card">
        {body}
      </Card>
    );
  return (
    <Card
      size="small"
      hoverable
      className="fx-child-card"
      onClick={() => onOpen(row.regionCode)}
      role="link"
      tabIndex={0}
      aria-label={`${row.regionName}，已报 ${row.submitted} / 应报 ${row.expected}`}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(row.regionCode);
      }}
      data-region-code={row.regionCode}
    >
      {body}
    </Card>
  );
}

function columns(onOpen: (code: string) => void): TableColumnsType<ChildRow> {
  return [
    {
      title: '区划',
      key: 'name',
      fixed: 'left',
      render: (_, r) =>
        r.direct ? (
          r.regionName
        ) : (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r.regionCode)}>
            {r.regionName}
          </Button>
        ),
    },
    { title: '完成率', key: 'rate', width: 200, render: (_, r) => <RateBar node={r} size="small" /> },
    ...COUNTERS.map(({ key, label }) => ({
      title: label,
      dataIndex: key,
      key,
      align: 'right' as const,
      render: (v: number) =>
        key === 'missing' && v > 0 ? (
          <span className="fx-text-danger">{v}</span>
        ) : key === 'late' && v > 0 ? (
          <span className="fx-text-warn">{v}</span>
        ) : (
          v
        ),
    })),
  ];
}

/** The next level down: a table on wide screens, cards on phones; a click drills down. */
export function ChildCompleteness({ rows, onOpen }: { rows: ChildRow[]; onOpen: (code: string) => void }) {
  const mobile = useIsMobile();
  const [showIdle, setShowIdle] = useState(false);
  const busy = rows.filter(active);
  const idle = rows.filter((r) => !active(r));
  const shown = showIdle ? [...busy, ...idle] : busy;
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下级区划" />;
  const more =
    idle.length > 0 ? (
      <Button type="link" onClick={() => setShowIdle(!showIdle)} className="fx-idle-toggle">
        {showIdle ? '收起无应报机构的区划' : `另有 ${idle.length} 个区划无应报机构，展开`}
      </Button>
    ) : null;
  if (!mobile) {
    return (
      <>
        <Table<ChildRow>
          rowKey={(r) => (r.direct ? `${r.regionCode}-direct` : r.regionCode)}
          columns={columns(onOpen)}
          dataSource={shown}
          pagination={false}
          size="middle"
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({
            onClick: r.direct ? undefined : () => onOpen(r.regionCode),
            className: r.direct ? undefined : 'fx-clickable-row',
          })}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="下级区划均无应报机构" />,
          }}
        />
        {more}
      </>
    );
  }
  return (
    <Flex vertical gap={8}>
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="下级区划均无应报机构" />
      ) : null}
      {shown.map((row) => (
        <ChildCard key={row.direct ? `${row.regionCode}-direct` : row.regionCode} row={row} onOpen={onOpen} />
      ))}
      {more}
    </Flex>
  );
}
