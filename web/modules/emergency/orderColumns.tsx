import { Flex, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { ClosureOrder } from '../../../common/contracts/emergency';
import { formatDate } from '../../lib/format';
import { ORDER_STATUS_COLORS, ORDER_STATUS_LABELS } from './labels';

export function OrderStatusTag({ order }: { order: ClosureOrder }) {
  return <Tag color={ORDER_STATUS_COLORS[order.status]}>{ORDER_STATUS_LABELS[order.status]}</Tag>;
}

const period = (o: ClosureOrder) =>
  `${formatDate(o.startsOn)} 起${o.plannedEnd ? `，计划至 ${formatDate(o.plannedEnd)}` : ''}`;

const institutionsText = (o: ClosureOrder) =>
  `${o.institutionCount} 家${o.liftedCount ? `（已解除 ${o.liftedCount}）` : ''}`;

export const orderColumns: TableColumnsType<ClosureOrder> = [
  {
    title: '封控区划',
    key: 'region',
    fixed: 'left',
    render: (_, o) => <Link to={`/orders/${o.id}`}>{o.regionName}</Link>,
  },
  { title: '状态', key: 'status', render: (_, o) => <OrderStatusTag order={o} /> },
  { title: '下达单位', key: 'bureau', render: (_, o) => `${o.issuingBureau}（${o.issuedByName}）` },
  { title: '期限', key: 'period', render: (_, o) => period(o) },
  { title: '机构', key: 'count', render: (_, o) => institutionsText(o) },
  {
    title: '事由',
    key: 'reason',
    render: (_, o) => (
      <Typography.Text ellipsis={{ tooltip: o.reason }} style={{ maxWidth: 280 }}>
        {o.reason}
      </Typography.Text>
    ),
  },
];

export function OrderCard({ order: o }: { order: ClosureOrder }) {
  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Link to={`/orders/${o.id}`} className="fx-card-title">
          {o.regionName} · 封闭管理
        </Link>
        <OrderStatusTag order={o} />
      </Flex>
      <Typography.Text className="fx-break">{o.reason}</Typography.Text>
      <div className="fx-figures">
        <span>
          机构 <b>{o.institutionCount}</b>
        </span>
        {o.liftedCount ? (
          <span>
            已解除 <b>{o.liftedCount}</b>
          </span>
        ) : null}
      </div>
      <Typography.Text type="secondary" className="fx-small">
        {o.issuingBureau} · {period(o)}
      </Typography.Text>
    </Flex>
  );
}
