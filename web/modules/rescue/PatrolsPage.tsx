import '../../components/work-pages.css';
import { useState } from 'react';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Patrol } from '../../../common/contracts/rescue';
import { errorMessage } from '../../api/client';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { useCan, useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { formatMinute } from '../../lib/format';
import { positiveInt, toSearchParams } from '../../lib/url-state';
import { useCreatePatrol, usePatrols } from './queries';

const PAGE_SIZE = 20;

interface Values {
  regionCode: string;
  patrolledAt: Dayjs;
  team: string;
  area: string;
  findings: string;
}

/** The patrol form; one Idempotency-Key per draft, so a retry on a weak network records it once. */
function PatrolForm({ onDone }: { onDone: (p: Patrol) => void }) {
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const create = useCreatePatrol();
  const submit = (v: Values) =>
    create.mutate(
      {
        input: {
          regionCode: v.regionCode,
          patrolledAt: v.patrolledAt.toISOString(),
          team: v.team.trim(),
          area: v.area.trim(),
          findings: v.findings.trim(),
        },
        key,
      },
      {
        onSuccess: (p) => {
          void message.success('巡查已登记');
          setKey(crypto.randomUUID());
          form.resetFields();
          onDone(p);
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        },
      },
    );
  return (
    <Card size="small" className="fx-block" title="登记巡查">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ regionCode: user.regionCode, patrolledAt: dayjs() }}
      >
        <Form.Item name="regionCode" label="巡查区域（县区、乡镇或村社区）" rules={[{ required: true }]}>
          <RegionPicker rootCode={user.regionCode} />
        </Form.Item>
        <Form.Item name="patrolledAt" label="巡查时间" rules={[{ required: true }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item name="team" label="巡查人员" rules={[{ required: true, min: 2 }]}>
          <Input placeholder="如：区救助站 张伟、刘洋；城管中队" maxLength={200} />
        </Form.Item>
        <Form.Item name="area" label="巡查区域或路线" rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} placeholder="如：火车站—中华路—丁字口—桥洞" maxLength={500} />
        </Form.Item>
        <Form.Item name="findings" label="巡查情况" rules={[{ required: true }]}>
          <Input.TextArea rows={3} placeholder="发现流浪乞讨人员几名、劝导情况等" maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={create.isPending}>
          保存巡查记录
        </Button>
      </Form>
    </Card>
  );
}

/** 巡查记录: the patrol log, newest first, and the form. */
export function PatrolsPage() {
  const navigate = useNavigate();
  const canRecord = useCan('rescue:record');
  const [adding, setAdding] = useState(false);
  const [params, setParams] = useSearchParams();
  const page = positiveInt(params.get('page'), 1);
  const patrols = usePatrols(page, PAGE_SIZE);
  const columns: TableColumnsType<Patrol> = [
    {
      title: '巡查时间',
      key: 'at',
      render: (_, p) => <Link to={`/rescue/patrols/${p.id}`}>{formatMinute(p.patrolledAt)}</Link>,
    },
    { title: '区域', key: 'region', render: (_, p) => p.regionName },
    { title: '路线', dataIndex: 'area', key: 'area' },
    { title: '人员', dataIndex: 'team', key: 'team' },
    { title: '发现人数', dataIndex: 'personsFound', key: 'n' },
  ];
  return (
    <div>
      <PageHeader
        top={
          <Link to="/rescue" className="fx-muted">
            <ArrowLeftOutlined /> 流浪乞讨救助
          </Link>
        }
        title="巡查记录"
        extra={
          canRecord && !adding ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              登记巡查
            </Button>
          ) : null
        }
      />
      {adding ? <PatrolForm onDone={(p) => void navigate(`/rescue/patrols/${p.id}`)} /> : null}
      {patrols.error ? <QueryError error={patrols.error} onRetry={() => void patrols.refetch()} /> : null}
      <DataView<Patrol>
        rows={patrols.data?.items ?? []}
        rowKey={(p) => p.id}
        loading={patrols.isLoading}
        columns={columns}
        emptyText="还没有巡查记录"
        paging={{
          page,
          pageSize: PAGE_SIZE,
          total: patrols.data?.total ?? 0,
          onChange: (p) => setParams(toSearchParams({ page: p })),
        }}
        renderCard={(p) => (
          <Link to={`/rescue/patrols/${p.id}`} className="fx-tr-link">
            <div className="fx-tr-card-head">
              <Typography.Text strong>{formatMinute(p.patrolledAt)}</Typography.Text>
              <span className="fx-muted">发现 {p.personsFound} 人</span>
            </div>
            <div className="fx-tr-meta fx-tr-name">{p.regionName}</div>
            <div className="fx-tr-meta fx-tr-name">{p.area}</div>
          </Link>
        )}
      />
    </div>
  );
}
