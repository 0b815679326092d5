import { useState } from 'react';
import { ArrowLeftOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Skeleton, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { InstitutionDetail, OrderInForce } from '../../../common/contracts/institutions';
import { INSTITUTION_TYPE_LABELS } from '../../../common/enums';
import { useCan } from '../../lib/auth';
import { formatCount, formatDate, formatDateTime } from '../../lib/format';
import { useIsMobile } from '../../lib/responsive';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { InstitutionStatusTag, MeasureTags } from '../../components/StatusTags';
import { StatusChangeModal } from './StatusChangeModal';
import { StatusHistory } from './StatusHistory';
import { useInstitution, useInvalidateInstitutions } from './queries';

export function InstitutionDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const detail = useInstitution(id);
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Skeleton active />;
  return <InstitutionView institution={detail.data} />;
}

function BackLink() {
  return (
    <Link to="/institutions" className="fx-back">
      <ArrowLeftOutlined /> 机构名录
    </Link>
  );
}

function InstitutionView({ institution: i }: { institution: InstitutionDetail }) {
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const canManage = useCan('institutions:manage');
  const canSeeOrders = useCan('emergency:read');
  const invalidate = useInvalidateInstitutions();
  const [changing, setChanging] = useState(false);
  const current = i.history[0];

  return (
    <div>
      <PageHeader
        top={<BackLink />}
        title={<span data-testid="institution-name">{i.name}</span>}
        subtitle={`${INSTITUTION_TYPE_LABELS[i.type]} · ${i.regionName}`}
        extra={
          canManage ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => void navigate(`/institutions/${i.id}/edit`)}>
                编辑信息
              </Button>
              <Button type="primary" icon={<SwapOutlined />} onClick={() => setChanging(true)}>
                变更状态
              </Button>
            </>
          ) : undefined
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" title="当前状态">
          <Flex vertical gap={4}>
            <Flex wrap gap={8} align="center">
              <InstitutionStatusTag status={i.status} />
              {i.statusSince ? <Typography.Text>自 {formatDate(i.statusSince)} 起</Typography.Text> : null}
              {current?.plannedEnd && current.status === i.status ? (
                <Typography.Text type="secondary">计划至 {formatDate(current.plannedEnd)}</Typography.Text>
              ) : null}
            </Flex>
            {current && current.status === i.status ? (
              <>
                <Typography.Text type="secondary" className="fx-break">
                  原因：{current.reason}（{current.orderedByName}）
                </Typography.Text>
                {current.noticeText ? (
                  <Typography.Text className="fx-break">公告：{current.noticeText}</Typography.Text>
                ) : null}
              </>
            ) : null}
          </Flex>
        </Card>

        <Card size="small" title={`生效中的封控指令（${i.ordersInForce.length}）`}>
          {i.ordersInForce.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有针对本机构的封控指令" />
          ) : (
            <Flex vertical gap={12}>
              {i.ordersInForce.map((o) => (
                <OrderInForceItem key={o.id} order={o} link={canSeeOrders} />
              ))}
            </Flex>
          )}
        </Card>

        <Card size="small" title="基本信息">
          <Descriptions
            column={mobile ? 1 : 2}
            size="small"
            className="fx-descriptions"
            items={[
              { key: 'type', label: '机构类型', children: INSTITUTION_TYPE_LABELS[i.type] },
              { key: 'region', label: '所在区划', children: `${i.regionName}（${i.regionCode}）` },
              { key: 'address', label: '地址', span: mobile ? 1 : 2, children: i.address },
              {
                key: 'latlng',
                label: '经纬度',
                children: i.lat !== null && i.lng !== null ? `${i.lat}, ${i.lng}` : '未填写',
              },
              { key: 'beds', label: '床位数', children: formatCount(i.beds) },
              { key: 'residents', label: '服务对象', children: `${formatCount(i.residents)} 人` },
              { key: 'staff', label: '工作人员', children: `${formatCount(i.staff)} 人` },
              { key: 'tekun', label: '集中供养特困人员', children: i.housesTekun ? '是' : '否' },
              { key: 'person', label: '第一责任人', children: i.responsiblePerson },
              {
                key: 'phone',
                label: '责任人电话',
                children: <a href={`tel:${i.responsiblePhone}`}>{i.responsiblePhone}</a>,
              },
              {
                key: 'duty',
                label: '值班电话',
                children: i.dutyPhone ? <a href={`tel:${i.dutyPhone}`}>{i.dutyPhone}</a> : '未填写',
              },
              { key: 'registered', label: '登记日期', children: formatDate(i.registeredOn) },
              { key: 'updated', label: '最近修改', children: formatDateTime(i.updatedAt) },
            ]}
          />
        </Card>

        <Card size="small" title="状态历史">
          <StatusHistory events={i.history} registeredOn={i.registeredOn} linkOrders={canSeeOrders} />
        </Card>
      </Flex>
      {canManage ? (
        <StatusChangeModal
          institution={i}
          open={changing}
          onClose={() => setChanging(false)}
          onChanged={() => {
            setChanging(false);
            invalidate();
          }}
        />
      ) : null}
    </div>
  );
}

function OrderInForceItem({ order: o, link }: { order: OrderInForce; link: boolean }) {
  return (
    <div className="fx-order-item">
      <Flex justify="space-between" wrap gap={4}>
        <Typography.Text strong>{o.issuingBureau}</Typography.Text>
        {link ? <Link to={`/orders/${o.id}`}>查看指令</Link> : null}
      </Flex>
      <Typography.Text type="secondary">
        {formatDate(o.startsOn)} 起{o.plannedEnd ? `，计划至 ${formatDate(o.plannedEnd)}` : '，至解除为止'}
      </Typography.Text>
      <div className="fx-break">{o.reason}</div>
      <div style={{ marginTop: 4 }}>
        <MeasureTags measures={o.measures} />
      </div>
      {o.exemptions ? <div className="fx-muted fx-break">豁免：{o.exemptions}</div> : null}
    </div>
  );
}
