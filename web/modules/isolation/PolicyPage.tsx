import '../../components/work-pages.css';
import { useState } from 'react';
import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Skeleton,
  Tag,
  Typography,
  message,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { businessDay } from '../../../common/business-day';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { RegionPicker } from '../../components/RegionPicker';
import { useCan, useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { usePolicy, useSetPolicy } from './queries';

interface Values {
  days: number;
  effectiveFrom?: Dayjs;
  reason: string;
}

/** The isolation period in force for a region (inherited from above), its history, and for officers a change. */
export function PolicyPage() {
  const user = useUser();
  const canConfigure = useCan('isolation:configure');
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? user.regionCode;
  const policy = usePolicy(region);
  const setPolicy = useSetPolicy();
  const [form] = Form.useForm<Values>();
  const [recomputed, setRecomputed] = useState<number | null>(null);
  const today = businessDay(new Date());

  const submit = (v: Values) =>
    setPolicy.mutate(
      {
        regionCode: region,
        days: v.days,
        ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') } : {}),
        reason: v.reason.trim(),
      },
      {
        onSuccess: (r) => {
          setRecomputed(r.recomputed);
          form.resetFields();
          void message.success(`隔离期已调整为 ${r.days} 天`);
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        },
      },
    );

  const p = policy.data;
  const own = p?.history.find((h) => h.regionCode === p.source);

  return (
    <div className="fx-tr-form">
      <PageHeader
        top={
          <Link to="/isolation" className="fx-muted">
            <ArrowLeftOutlined /> 入院前隔离
          </Link>
        }
        title="隔离期政策"
        subtitle="按区划设置，下级未设置时沿用上级；未设置时默认 14 天"
      />
      {!user.institutionId ? (
        <RegionPicker
          rootCode={user.regionCode}
          value={region}
          onChange={(code) => {
            setRecomputed(null);
            setParams(code && code !== user.regionCode ? { region: code } : {});
          }}
          className="fx-tr-select fx-block"
        />
      ) : null}
      {policy.error ? <QueryError error={policy.error} onRetry={() => void policy.refetch()} /> : null}
      {!p && !policy.error ? <Skeleton active /> : null}
      {p ? (
        <Card size="small" className="fx-block fx-tr-section">
          <div className="fx-tr-stat-label">现行隔离期</div>
          <div className="fx-tr-clock">{p.days} 天</div>
          <div className="fx-tr-meta">
            {p.source ? (
              <span>
                由 {own?.regionName ?? p.source} 规定，{p.effectiveFrom} 起执行
              </span>
            ) : (
              <span>全国默认（未另行规定）</span>
            )}
          </div>
        </Card>
      ) : null}
      {recomputed !== null ? (
        <Alert
          className="fx-block"
          type="success"
          showIcon
          title={`已重新计算 ${recomputed} 名在隔人员的隔离期`}
          closable={{ onClose: () => setRecomputed(null) }}
        />
      ) : null}
      {canConfigure && p ? (
        <Card size="small" title="调整隔离期" className="fx-block">
          <Alert
            className="fx-block"
            type="warning"
            showIcon
            title="调整后，本区划及下级所有正在隔离人员的隔离期按新政策重新计算（已解除的不受影响），并记入审计日志。"
          />
          <Form<Values> form={form} layout="vertical" onFinish={submit}>
            <div className="fx-tr-grid2">
              <Form.Item name="days" label="隔离天数" rules={[{ required: true, message: '请填写天数' }]}>
                <InputNumber min={1} max={60} precision={0} inputMode="numeric" addonAfter="天" />
              </Form.Item>
              <Form.Item name="effectiveFrom" label="生效日期" extra="不填为今天">
                <DatePicker
                  inputReadOnly
                  style={{ width: '100%' }}
                  disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today}
                />
              </Form.Item>
            </div>
            <Form.Item
              name="reason"
              label="依据或理由"
              rules={[{ required: true, whitespace: true, min: 2, message: '请填写依据（如文件号）' }]}
            >
              <Input.TextArea
                maxLength={300}
                autoSize={{ minRows: 2 }}
                placeholder="如：市指挥部〔2026〕12 号通知"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={setPolicy.isPending}>
              保存并重新计算
            </Button>
          </Form>
        </Card>
      ) : null}
      {p ? (
        <Card size="small" title="历史记录（本级及上级）">
          {p.history.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未设置过，执行默认 14 天" />
          ) : null}
          {p.history.map((h, i) => (
            <div key={`${h.regionCode}-${h.effectiveFrom}-${i}`} className="fx-tr-list-row">
              <div className="fx-tr-name">
                <div>
                  <b>{h.days} 天</b> <Tag>{h.regionName}</Tag>
                </div>
                {h.reason ? (
                  <Typography.Text type="secondary" className="fx-small">
                    {h.reason}
                  </Typography.Text>
                ) : null}
              </div>
              <div className="fx-muted fx-small" style={{ textAlign: 'right', flexShrink: 0 }}>
                <div>{h.effectiveFrom} 起</div>
                <div>{h.createdByName}</div>
              </div>
            </div>
          ))}
        </Card>
      ) : null}
    </div>
  );
}
