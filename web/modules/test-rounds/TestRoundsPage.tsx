import '../../components/work-pages.css';
import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Tag, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { ROUND_STATE_LABELS, type Round } from '../../../common/contracts/test-rounds';
import { INSTITUTION_TYPES, INSTITUTION_TYPE_LABELS } from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { Sheet } from '../../components/Sheet';
import { useCan, useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { usePlanRound, useRounds } from './queries';

const STATE_COLORS: Record<Round['state'], string> = {
  planned: 'default',
  in_progress: 'processing',
  ended: 'success',
};

export function RoundStateTag({ state }: { state: Round['state'] }) {
  return <Tag color={STATE_COLORS[state]}>{ROUND_STATE_LABELS[state]}</Tag>;
}

function typesText(types: Round['types']): string {
  return types.map((t) => INSTITUTION_TYPE_LABELS[t]).join('、');
}

interface PlanValues {
  name: string;
  regionCode: string;
  types: Round['types'];
  startsOn: Dayjs;
  endsOn: Dayjs;
}

function PlanRoundSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const user = useUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<PlanValues>();
  const plan = usePlanRound();
  const submit = (v: PlanValues) => {
    plan.mutate(
      {
        name: v.name,
        regionCode: v.regionCode,
        types: v.types,
        startsOn: v.startsOn.format('YYYY-MM-DD'),
        endsOn: v.endsOn.format('YYYY-MM-DD'),
      },
      {
        onSuccess: (round) => {
          void message.success('检测轮次已部署');
          form.resetFields();
          onClose();
          void navigate(`/test-rounds/${round.id}`);
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        },
      },
    );
  };
  return (
    <Sheet
      open={open}
      title="部署检测轮次"
      onClose={onClose}
      closable={!plan.isPending}
      footer={
        <Button type="primary" block loading={plan.isPending} onClick={() => form.submit()}>
          部署
        </Button>
      }
    >
      <Form<PlanValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ regionCode: user.regionCode, startsOn: dayjs(), endsOn: dayjs().add(2, 'day') }}
      >
        <Form.Item
          name="name"
          label="轮次名称"
          rules={[{ required: true, min: 2, message: '请填写轮次名称（至少 2 个字）' }]}
        >
          <Input placeholder="如：第 3 轮全员核酸检测" maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label="检测区划" rules={[{ required: true, message: '请选择区划' }]}>
          <RegionPicker rootCode={user.regionCode} />
        </Form.Item>
        <Form.Item
          name="types"
          label="机构类型"
          rules={[{ required: true, message: '至少选择一种机构类型' }]}
        >
          <Select
            mode="multiple"
            placeholder="选择参加检测的机构类型"
            options={INSTITUTION_TYPES.map((t) => ({ value: t, label: INSTITUTION_TYPE_LABELS[t] }))}
          />
        </Form.Item>
        <div className="fx-tr-grid2">
          <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker inputReadOnly allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label="结束日期"
            dependencies={['startsOn']}
            rules={[
              { required: true, message: '请选择结束日期' },
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | undefined) =>
                  !v || !getFieldValue('startsOn') || !v.isBefore(getFieldValue('startsOn') as Dayjs, 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error('结束日期不能早于开始日期')),
              }),
            ]}
          >
            <DatePicker inputReadOnly allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Typography.Text type="secondary" className="fx-small">
          上一轮该区划未检测的人员会自动结转到本轮。
        </Typography.Text>
      </Form>
    </Sheet>
  );
}

const columns: TableColumnsType<Round> = [
  { title: '轮次', key: 'name', render: (_, r) => <Link to={`/test-rounds/${r.id}`}>{r.name}</Link> },
  { title: '区划', dataIndex: 'regionName', key: 'region' },
  { title: '时间', key: 'window', render: (_, r) => `${r.startsOn} 至 ${r.endsOn}` },
  { title: '机构类型', key: 'types', render: (_, r) => typesText(r.types) },
  { title: '状态', key: 'state', render: (_, r) => <RoundStateTag state={r.state} /> },
  { title: '部署人', dataIndex: 'createdByName', key: 'by' },
];

/** The rounds planned for the user's region (by it or above it). */
export function TestRoundsPage() {
  const user = useUser();
  const canPlan = useCan('tests:plan');
  const [planning, setPlanning] = useState(false);
  const rounds = useRounds(user.regionCode);
  return (
    <div>
      <PageHeader
        title="检测轮次"
        subtitle={`${user.regionName} · 核酸/抗原全员检测`}
        extra={
          canPlan ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)}>
              部署检测轮次
            </Button>
          ) : undefined
        }
      />
      {rounds.error ? <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} /> : null}
      <DataView<Round>
        rows={rounds.data?.items ?? []}
        rowKey={(r) => r.id}
        loading={rounds.isLoading}
        columns={columns}
        emptyText="暂无检测轮次"
        renderCard={(r) => (
          <Link to={`/test-rounds/${r.id}`} className="fx-tr-link">
            <div className="fx-tr-card-head">
              <Typography.Text strong className="fx-tr-name">
                {r.name}
              </Typography.Text>
              <RoundStateTag state={r.state} />
            </div>
            <div className="fx-tr-meta">
              <span>{r.regionName}</span>
              <span>
                {r.startsOn} 至 {r.endsOn}
              </span>
            </div>
            <div className="fx-tr-meta">{typesText(r.types)}</div>
          </Link>
        )}
      />
      {canPlan ? <PlanRoundSheet open={planning} onClose={() => setPlanning(false)} /> : null}
    </div>
  );
}
