import './sweeps.css';
import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, InputNumber, Space, Tag, Typography, message } from 'antd';
import { Link } from 'react-router-dom';
import { PROGRAMME_GROUPS, type StartSweepInput } from '../../../common/contracts/sweeps';
import { BENEFICIARY_PROGRAMMES, BENEFICIARY_PROGRAMME_LABELS, SWEEP_STATUS_LABELS } from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { useCan, useUser } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { useStartSweep, useSweeps } from './queries';

function StartForm({ onDone }: { onDone: () => void }) {
  const user = useUser();
  const [form] = Form.useForm<StartSweepInput>();
  const start = useStartSweep();
  const submit = async (values: StartSweepInput) => {
    try {
      await start.mutateAsync(values);
      void message.success('已发起走访排查，各村(社区)走访清单已生成');
      onDone();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Card title="发起走访排查" size="small" className="sweep-card">
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ regionCode: user.regionCode, programmes: [...PROGRAMME_GROUPS.dibao], noContactDays: 30, hotlineDays: 30 }}>
        <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '请填写名称' }]}>
          <Input placeholder={`${user.regionName}低保户走访排查`} />
        </Form.Item>
        <Form.Item name="regionCode" label="范围" rules={[{ required: true, message: '请选择区划' }]}>
          <RegionPicker rootCode={user.regionCode} />
        </Form.Item>
        <Form.Item label="救助类别" required>
          <Space wrap style={{ marginBottom: 8 }}>
            <Button size="small" onClick={() => form.setFieldValue('programmes', [...PROGRAMME_GROUPS.dibao])}>城乡低保</Button>
            <Button size="small" onClick={() => form.setFieldValue('programmes', [...PROGRAMME_GROUPS.tekun])}>特困</Button>
            <Button size="small" onClick={() => form.setFieldValue('programmes', [...BENEFICIARY_PROGRAMMES])}>全部</Button>
          </Space>
          <Form.Item name="programmes" noStyle rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个类别' }]}>
            <Checkbox.Group options={BENEFICIARY_PROGRAMMES.map((p) => ({ value: p, label: BENEFICIARY_PROGRAMME_LABELS[p] }))} />
          </Form.Item>
        </Form.Item>
        <Space wrap>
          <Form.Item name="noContactDays" label="久未联系（天）">
            <InputNumber min={1} max={365} />
          </Form.Item>
          <Form.Item name="hotlineDays" label="近期来电（天）">
            <InputNumber min={1} max={365} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={start.isPending} block>
          发起
        </Button>
      </Form>
    </Card>
  );
}

/** Sweeps the user sees, newest first; a bureau starts one here. */
export function SweepsPage() {
  const canManage = useCan('sweeps:manage');
  const [open, setOpen] = useState(false);
  const sweeps = useSweeps();
  return (
    <div className="sweep-page">
      <PageHeader title="走访排查" subtitle="低保、特困等困难群众逐户联系，发现新困难" extra={canManage && !open ? <Button type="primary" onClick={() => setOpen(true)}>发起走访排查</Button> : null} />
      {open && <StartForm onDone={() => setOpen(false)} />}
      {sweeps.error ? <QueryError error={sweeps.error} onRetry={() => void sweeps.refetch()} /> : null}
      {sweeps.data?.items.length === 0 && <Typography.Paragraph type="secondary">暂无走访排查。</Typography.Paragraph>}
      {sweeps.data?.items.map((s) => (
        <Card key={s.id} size="small" className="sweep-card" title={<Link to={`/sweeps/${s.id}`}>{s.name}</Link>} extra={<Tag color={s.status === 'open' ? 'processing' : 'default'}>{SWEEP_STATUS_LABELS[s.status]}</Tag>}>
          <div className="sweep-meta">
            {s.regionName} · {s.programmes.map((p) => BENEFICIARY_PROGRAMME_LABELS[p]).join('、')}
          </div>
          <div className="sweep-meta">
            {s.startedByName} 发起于 {formatDateTime(s.startedAt)}
          </div>
          <Space wrap style={{ marginTop: 8 }}>
            <Link to={`/sweeps/${s.id}`}>覆盖情况</Link>
            <Link to={`/sweeps/${s.id}/worklist`}>走访清单</Link>
          </Space>
        </Card>
      ))}
    </div>
  );
}
