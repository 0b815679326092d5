import './incidents.css';
import { useState } from 'react';
import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { INCIDENT_KINDS, INCIDENT_KIND_LABELS, type IncidentKind } from '../../../common/enums';
import { errorMessage, isApiError } from '../../api/client';
import { incidentsApi } from '../../api/incidents';
import { institutionsApi } from '../../api/institutions';
import { useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { newIdempotencyKey, SendPausedError, useReliableSend } from '../../lib/reliable-send';
import { InstitutionSelect } from '../../components/InstitutionSelect';
import { PageHeader } from '../../components/PageHeader';
import { SendStatus } from '../../components/SendStatus';
import { useInvalidateIncidents } from './queries';

interface Values {
  institutionId?: string;
  kind: IncidentKind;
  occurredAt: Dayjs;
  description: string;
  personsAffected: number;
}

/** 紧急情况报告: a reporter for their own institution, an officer for one of their region. */
export function ReportIncidentPage() {
  const user = useUser();
  const own = user.institutionId;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const invalidate = useInvalidateIncidents();
  const [form] = Form.useForm<Values>();
  // One key per draft: a retry after a lost answer is recognised and not reported twice.
  const [key, setKey] = useState(newIdempotencyKey);
  const reliable = useReliableSend();
  const ownInst = useQuery({
    queryKey: ['institutions', own],
    queryFn: () => institutionsApi.get(own!),
    enabled: !!own,
  });

  const submit = async (v: Values) => {
    const institutionId = own ?? v.institutionId;
    if (!institutionId) return;
    const body = {
      institutionId,
      kind: v.kind,
      occurredAt: v.occurredAt.toISOString(),
      description: v.description.trim(),
      personsAffected: v.personsAffected ?? 0,
    };
    try {
      const created = await reliable.send(() => incidentsApi.report(body, key));
      setKey(newIdempotencyKey());
      invalidate();
      void message.success('已报告，各级即时收到');
      void navigate(`/incidents/${created.id}`, { replace: true });
    } catch (e) {
      if (e instanceof SendPausedError) return;
      // The draft changed after a send whose answer was lost: a new key makes it a new report.
      if (isApiError(e) && e.status === 422 && /IDEMPOTENCY/i.test(e.code)) setKey(newIdempotencyKey());
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    }
  };

  return (
    <div className="fx-form-page">
      <PageHeader
        top={
          <Link to="/incidents" className="fx-back">
            <ArrowLeftOutlined /> 紧急情况
          </Link>
        }
        title="紧急情况报告"
        subtitle="遇有紧急情况第一时间报告，乡镇、县、市、省各级同时收到"
      />
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ occurredAt: dayjs(), personsAffected: 0 }}
          onFinish={(v) => void submit(v)}
          disabled={reliable.busy}
        >
          {own ? (
            <Form.Item label="报告机构">
              <Input value={ownInst.data?.name ?? '本机构'} readOnly variant="filled" />
            </Form.Item>
          ) : (
            <Form.Item
              name="institutionId"
              label="发生机构"
              rules={[{ required: true, message: '请选择发生紧急情况的机构' }]}
            >
              <InstitutionSelect region={user.regionCode} style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item name="kind" label="情况类别" rules={[{ required: true, message: '请选择情况类别' }]}>
            <Radio.Group
              className="fx-incident-kinds"
              optionType="button"
              options={INCIDENT_KINDS.map((k) => ({ value: k, label: INCIDENT_KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item
            name="occurredAt"
            label="发生时间"
            rules={[
              { required: true, message: '请选择发生时间' },
              {
                validator: (_, v: Dayjs | undefined) =>
                  v && v.isAfter(dayjs().add(5, 'minute'))
                    ? Promise.reject(new Error('发生时间不能晚于现在'))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              inputReadOnly
            />
          </Form.Item>
          <Form.Item
            name="description"
            label="情况说明"
            rules={[
              { required: true, whitespace: true, message: '请简要说明情况' },
              { min: 2, message: '请简要说明情况' },
              { max: 4000, message: '最多 4000 字' },
            ]}
          >
            <Input.TextArea
              rows={4}
              maxLength={4000}
              placeholder="何时、何处、何人、何症状，已采取的措施"
            />
          </Form.Item>
          <Form.Item
            name="personsAffected"
            label="涉及人数"
            rules={[{ type: 'integer', min: 0, max: 100000, message: '请填写 0 以上的整数' }]}
          >
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
          <SendStatus state={reliable.state} onRetryNow={reliable.retryNow} onStop={reliable.stop} />
          {own && ownInst.error ? (
            <Alert type="warning" showIcon title="未能读取本机构信息，仍可报告" className="fx-block" />
          ) : null}
          <div className="fx-form-actions">
            <Button
              type="primary"
              danger
              htmlType="submit"
              size="large"
              block
              icon={<SendOutlined />}
              loading={reliable.busy}
            >
              立即报告
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
