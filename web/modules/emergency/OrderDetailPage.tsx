import { useState } from 'react';
import { ArrowLeftOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { ClosureOrderDetail } from '../../../common/contracts/emergency';
import { INSTITUTION_TYPE_LABELS } from '../../../common/enums';
import { useCan, useUser } from '../../lib/auth';
import { formatDate, formatDateTime } from '../../lib/format';
import { useIsMobile } from '../../lib/responsive';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { MeasureTags } from '../../components/StatusTags';
import { LiftModal, type LiftTarget } from './LiftModal';
import { OrderStatusTag } from './orderColumns';
import { useInvalidateEmergency, useOrder } from './queries';

type Member = ClosureOrderDetail['institutions'][number];

export function OrderDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const order = useOrder(id);
  if (order.error) return <QueryError error={order.error} onRetry={() => void order.refetch()} />;
  if (!order.data) return <Skeleton active />;
  return <OrderView order={order.data} />;
}

function MemberState({ m }: { m: Member }) {
  if (!m.liftedAt) return <Tag color="red">封闭管理中</Tag>;
  return (
    <Flex vertical gap={2} align="flex-start">
      <Tag color="default">已解除</Tag>
      <span className="fx-muted fx-small fx-break">
        {m.liftedByName} · {formatDateTime(m.liftedAt)}
        {m.liftReason ? ` · ${m.liftReason}` : ''}
      </span>
    </Flex>
  );
}

function OrderView({ order: o }: { order: ClosureOrderDetail }) {
  const me = useUser();
  const mobile = useIsMobile();
  const canManage = useCan('emergency:manage') && !me.institutionId;
  const invalidate = useInvalidateEmergency();
  const [target, setTarget] = useState<LiftTarget | null>(null);
  const remaining = o.institutions.filter((m) => !m.liftedAt).length;

  const liftOne = (m: Member) =>
    setTarget({ orderId: o.id, institution: { id: m.institutionId, name: m.name }, remaining });

  const liftButton = (m: Member) =>
    canManage && !m.liftedAt ? (
      <Button size="small" icon={<UnlockOutlined />} onClick={() => liftOne(m)}>
        解除
      </Button>
    ) : null;

  const columns: TableColumnsType<Member> = [
    {
      title: '机构名称',
      key: 'name',
      fixed: 'left',
      render: (_, m) => <Link to={`/institutions/${m.institutionId}`}>{m.name}</Link>,
    },
    { title: '类型', key: 'type', render: (_, m) => INSTITUTION_TYPE_LABELS[m.type] },
    { title: '状态', key: 'state', render: (_, m) => <MemberState m={m} /> },
    ...(canManage
      ? [{ title: '操作', key: 'actions', render: (_: unknown, m: Member) => liftButton(m) }]
      : []),
  ];

  return (
    <div>
      <PageHeader
        top={
          <Link to="/orders" className="fx-back">
            <ArrowLeftOutlined /> 封控指令
          </Link>
        }
        title={
          <Flex align="center" gap={8} wrap>
            <span>{o.regionName} · 封闭管理</span>
            <OrderStatusTag order={o} />
          </Flex>
        }
        subtitle={`${o.issuingBureau}（${o.issuedByName}）于 ${formatDateTime(o.createdAt)} 下达`}
        extra={
          canManage && remaining > 0 ? (
            <Button
              danger
              icon={<UnlockOutlined />}
              onClick={() => setTarget({ orderId: o.id, institution: null, remaining })}
            >
              全部解除（{remaining} 家）
            </Button>
          ) : undefined
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" title="指令内容">
          <Descriptions
            column={mobile ? 1 : 2}
            size="small"
            items={[
              { key: 'start', label: '开始日期', children: formatDate(o.startsOn) },
              {
                key: 'end',
                label: '计划结束',
                children: o.plannedEnd ? formatDate(o.plannedEnd) : '至下达解除指令为止',
              },
              { key: 'reason', label: '事由', span: mobile ? 1 : 2, children: o.reason },
              {
                key: 'measures',
                label: '管理措施',
                span: mobile ? 1 : 2,
                children: <MeasureTags measures={o.measures} />,
              },
              { key: 'exemptions', label: '豁免情形', span: mobile ? 1 : 2, children: o.exemptions ?? '无' },
              {
                key: 'count',
                label: '涉及机构',
                children: `${o.institutionCount} 家，已解除 ${o.liftedCount} 家`,
              },
            ]}
          />
        </Card>
        <Card size="small" title={`涉及机构（${o.institutions.length}）`}>
          <DataView<Member>
            rows={o.institutions}
            rowKey={(m) => m.institutionId}
            columns={columns}
            renderCard={(m) => (
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Flex vertical gap={4} align="flex-start" style={{ minWidth: 0 }}>
                  <Link to={`/institutions/${m.institutionId}`} className="fx-card-title">
                    {m.name}
                  </Link>
                  <Typography.Text type="secondary">{INSTITUTION_TYPE_LABELS[m.type]}</Typography.Text>
                  <MemberState m={m} />
                </Flex>
                {liftButton(m)}
              </Flex>
            )}
            emptyText="没有机构"
          />
        </Card>
      </Flex>
      <LiftModal
        target={target}
        onClose={() => setTarget(null)}
        onLifted={() => {
          setTarget(null);
          invalidate();
        }}
      />
    </div>
  );
}
