import { useState } from 'react';
import { ArrowLeftOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, Skeleton, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { Incident } from '../../../common/contracts/incidents';
import { REGION_LEVEL_LABELS } from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { incidentsApi } from '../../api/incidents';
import { useCan } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { formatMinute } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { AckControl, IncidentStatusTag, KindTag } from './IncidentBits';
import { useIncident, useInvalidateIncidents } from './queries';

export function IncidentDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const incident = useIncident(id);
  if (incident.error) return <QueryError error={incident.error} onRetry={() => void incident.refetch()} />;
  if (!incident.data) return <Skeleton active />;
  return <IncidentView incident={incident.data} />;
}

function CloseForm({ incident }: { incident: Incident }) {
  const { message } = App.useApp();
  const invalidate = useInvalidateIncidents();
  const [form] = Form.useForm<{ resolution: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ resolution }: { resolution: string }) => {
    setBusy(true);
    try {
      await incidentsApi.close(incident.id, resolution.trim());
      void message.success('已关闭，处置结果已记录');
      invalidate();
    } catch (e) {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="关闭并记录处置结果">
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item
          name="resolution"
          label="处置结果"
          rules={[
            { required: true, whitespace: true, message: '请填写处置结果' },
            { min: 2, message: '请填写处置结果' },
            { max: 4000, message: '最多 4000 字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="如：已送医排查，核酸阴性，解除隔离" maxLength={4000} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={busy} icon={<CheckCircleOutlined />}>
          关闭紧急情况
        </Button>
      </Form>
    </Card>
  );
}

function IncidentView({ incident: i }: { incident: Incident }) {
  const canClose = useCan('incidents:manage');
  return (
    <div>
      <PageHeader
        top={
          <Link to="/incidents" className="fx-back">
            <ArrowLeftOutlined /> 紧急情况
          </Link>
        }
        title={<span className="fx-break">{i.institutionName}</span>}
        subtitle={`${i.regionName} · ${i.reportedByName} 报告于 ${formatMinute(i.createdAt)}`}
        extra={<AckControl incident={i} />}
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex vertical gap={8}>
            <Flex wrap gap={4}>
              <KindTag kind={i.kind} />
              <IncidentStatusTag incident={i} />
            </Flex>
            <div className="fx-notice-body fx-break" data-testid="incident-description">
              {i.description}
            </div>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'occurred', label: '发生时间', children: formatMinute(i.occurredAt) },
                { key: 'persons', label: '涉及人数', children: `${i.personsAffected} 人` },
                { key: 'inst', label: '机构', children: i.institutionName },
                { key: 'region', label: '所在区划', children: i.regionName },
              ]}
            />
          </Flex>
        </Card>
        <Card size="small" title={`签收情况（${i.acks.length}）`}>
          {i.acks.length ? (
            <Timeline
              items={i.acks.map((a) => ({
                color: 'green',
                content: (
                  <Flex vertical gap={0}>
                    <span>
                      <Tag>{REGION_LEVEL_LABELS[a.level]}</Tag>
                      {a.regionName} · {a.userName}
                    </span>
                    <span className="fx-muted fx-small">{formatMinute(a.acknowledgedAt)} 签收</span>
                  </Flex>
                ),
              }))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无签收" />
          )}
        </Card>
        {i.status === 'closed' ? (
          <Card size="small" title="处置结果">
            <div className="fx-notice-body fx-break">{i.resolution}</div>
            <Typography.Text type="secondary" className="fx-small">
              {i.closedByName} 于 {formatMinute(i.closedAt)} 关闭
            </Typography.Text>
          </Card>
        ) : canClose ? (
          <CloseForm incident={i} />
        ) : null}
      </Flex>
    </div>
  );
}
