import { AlertOutlined, CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../../common/contracts/incidents';
import { INCIDENT_KIND_LABELS, REGION_LEVEL_LABELS } from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { incidentsApi } from '../../api/incidents';
import { useCan, useUser } from '../../lib/auth';
import { REFRESH_MS } from './queries';
import { shanghaiDateTime } from './labels';

function IncidentItem({ incident, canAck }: { incident: Incident; canAck: boolean }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const ack = useMutation({
    mutationFn: () => incidentsApi.acknowledge(incident.id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['incidents'] });
      void message.success('已签收');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const levels = [...new Set(incident.acks.map((a) => REGION_LEVEL_LABELS[a.level]))];
  return (
    <div className="fx-incident" data-testid="incident">
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Tag color="red">{INCIDENT_KIND_LABELS[incident.kind]}</Tag>
          <Typography.Text strong>{incident.institutionName}</Typography.Text>
          <div className="fx-muted fx-small">
            {incident.regionName} · {shanghaiDateTime(incident.occurredAt)}
            {incident.personsAffected ? ` · 涉及 ${incident.personsAffected} 人` : ''}
          </div>
        </div>
        {canAck && !incident.acknowledgedByMe ? (
          <Button size="small" type="primary" danger loading={ack.isPending} onClick={() => ack.mutate()}>
            签收
          </Button>
        ) : incident.acknowledgedByMe ? (
          <Tag icon={<CheckOutlined />} color="green">
            已签收
          </Tag>
        ) : null}
      </Flex>
      <Typography.Paragraph
        ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
        className="fx-incident-text"
      >
        {incident.description}
      </Typography.Paragraph>
      <div className="fx-muted fx-small">
        {incident.reportedByName} 报告 · {levels.length ? `已签收：${levels.join('、')}` : '尚无签收'}
      </div>
    </div>
  );
}

/** Open emergencies of the region, above the day's figures: they stay here until closed. */
export function IncidentsCard({ region }: { region: string }) {
  const user = useUser();
  const canRead = useCan('incidents:read');
  const list = useQuery({
    queryKey: ['incidents', 'open', region],
    queryFn: () => incidentsApi.list({ region, status: 'open', pageSize: 20 }),
    refetchInterval: REFRESH_MS,
    enabled: canRead,
  });
  if (!canRead || !list.data) return null;
  const { items, open } = list.data;
  if (open === 0) {
    return (
      <div className="fx-incidents-none fx-muted fx-small" data-testid="incidents-none">
        <AlertOutlined /> 无未关闭的紧急情况
      </div>
    );
  }
  return (
    <Card
      size="small"
      className="fx-incidents fx-block"
      title={
        <span className="fx-incidents-title">
          <AlertOutlined /> 紧急情况 {open} 起未关闭
        </span>
      }
      data-testid="incidents-card"
    >
      <Flex vertical gap={10}>
        {items.map((i) => (
          <IncidentItem key={i.id} incident={i} canAck={!user.institutionId} />
        ))}
        {open > items.length ? (
          <div className="fx-muted fx-small">另有 {open - items.length} 起未显示</div>
        ) : null}
      </Flex>
    </Card>
  );
}
