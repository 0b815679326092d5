import '../../components/work-pages.css';
import { useState } from 'react';
import { ArrowLeftOutlined, CheckCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Segmented,
  Skeleton,
  Tag,
  Typography,
  message,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { businessDay } from '../../../common/business-day';
import {
  CHECK_KINDS,
  CHECK_KIND_LABELS,
  ISOLATION_ROLE_LABELS,
  TEST_RESULTS,
  TEST_RESULT_LABELS,
  type Blocker,
  type CheckKind,
  type IsolationCheck,
} from '../../../common/contracts/isolation';
import { ISOLATION_REASON_LABELS } from '../../../common/enums';
import { errorMessage, isApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { Sheet } from '../../components/Sheet';
import { useCan } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { formatMinute } from '../../lib/format';
import { ClockTag } from './IsolationPage';
import { daysRemaining } from './labels';
import { useAdmit, usePerson, useRecordCheck } from './queries';

interface CheckValues {
  kind: CheckKind;
  day: Dayjs;
  symptoms?: boolean;
  temperature?: number;
  testResult?: (typeof TEST_RESULTS)[number];
  note?: string;
}

function CheckSheet({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CheckValues>();
  const kind = Form.useWatch('kind', form) ?? 'symptom';
  const record = useRecordCheck(personId);
  const today = businessDay(new Date());
  const submit = (v: CheckValues) =>
    record.mutate(
      {
        kind: v.kind,
        day: v.day.format('YYYY-MM-DD'),
        ...(v.kind === 'symptom' ? { symptoms: v.symptoms } : {}),
        ...(v.kind === 'symptom' && v.temperature != null ? { temperature: v.temperature } : {}),
        ...(v.kind === 'test' ? { testResult: v.testResult } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          void message.success('已登记');
          form.resetFields();
          onClose();
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        },
      },
    );
  return (
    <Sheet
      open={open}
      title="登记检查或检测"
      onClose={onClose}
      closable={!record.isPending}
      footer={
        <Button type="primary" block loading={record.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <Form<CheckValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'symptom', day: dayjs(today) }}
      >
        <Form.Item name="kind" label="类别">
          <Segmented<CheckKind>
            block
            options={CHECK_KINDS.map((k) => ({ value: k, label: CHECK_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item name="day" label="日期" rules={[{ required: true }]}>
          <DatePicker
            inputReadOnly
            allowClear={false}
            style={{ width: '100%' }}
            disabledDate={(d: Dayjs) => d.format('YYYY-MM-DD') > today}
          />
        </Form.Item>
        {kind === 'symptom' ? (
          <>
            <Form.Item
              name="symptoms"
              label="有无发热、咳嗽等症状"
              rules={[{ required: true, message: '请选择有无症状' }]}
            >
              <Radio.Group
                optionType="button"
                options={[
                  { value: false, label: '无症状' },
                  { value: true, label: '有症状' },
                ]}
              />
            </Form.Item>
            <Form.Item name="temperature" label="体温（℃）">
              <InputNumber
                min={34}
                max={43}
                step={0.1}
                precision={1}
                inputMode="decimal"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </>
        ) : null}
        {kind === 'test' ? (
          <Form.Item
            name="testResult"
            label="检测结果"
            rules={[{ required: true, message: '请选择检测结果' }]}
          >
            <Radio.Group
              optionType="button"
              options={TEST_RESULTS.map((r) => ({ value: r, label: TEST_RESULT_LABELS[r] }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={kind === 'screening' ? '筛查医院及结论' : '备注'}
          rules={
            kind === 'screening'
              ? [{ required: true, whitespace: true, message: '请填写筛查医院及结论' }]
              : []
          }
        >
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Sheet>
  );
}

interface OverrideValues {
  approverUsername: string;
  approverPassword: string;
  reason: string;
}

function OverrideSheet({
  personId,
  blockers,
  open,
  onClose,
}: {
  personId: string;
  blockers: Blocker[];
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<OverrideValues>();
  const admit = useAdmit(personId);
  const submit = (v: OverrideValues) =>
    admit.mutate(
      { override: v },
      {
        onSuccess: () => {
          void message.success('已提前解除隔离，审批记录已留存');
          form.resetFields();
          onClose();
        },
        onError: (e) => {
          form.setFieldValue('approverPassword', '');
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        },
      },
    );
  return (
    <Sheet
      open={open}
      title="提前解除隔离（第二人复核）"
      onClose={onClose}
      closable={!admit.isPending}
      footer={
        <Button danger type="primary" block loading={admit.isPending} onClick={() => form.submit()}>
          复核并解除
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        className="fx-block"
        title="以下条件尚未满足"
        description={
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {blockers.map((b) => (
              <li key={b.code}>{b.message}</li>
            ))}
          </ul>
        }
      />
      <Form<OverrideValues> form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          name="approverUsername"
          label="审批人用户名"
          extra="须为另一名有审批权限的人员，由其本人输入密码"
          rules={[{ required: true, whitespace: true, message: '请填写审批人用户名' }]}
        >
          <Input autoComplete="off" autoCapitalize="off" />
        </Form.Item>
        <Form.Item
          name="approverPassword"
          label="审批人密码"
          rules={[{ required: true, message: '请审批人输入密码' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="提前解除理由"
          rules={[
            { required: true, whitespace: true, min: 4, message: '请说明提前解除隔离的理由（至少 4 个字）' },
          ]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Sheet>
  );
}

function checkText(c: IsolationCheck): string {
  if (c.kind === 'symptom')
    return `${c.symptoms ? '有症状' : '无症状'}${c.temperature != null ? `，体温 ${c.temperature}℃` : ''}`;
  if (c.kind === 'test') return c.testResult ? TEST_RESULT_LABELS[c.testResult] : '';
  return '筛查';
}

/** One person: the clock, what still blocks admission, the admission gate, checks and tests. */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  const person = usePerson(id);
  const canRecord = useCan('isolation:record');
  const admit = useAdmit(id);
  const [refused, setRefused] = useState<Blocker[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [overriding, setOverriding] = useState(false);

  if (person.error) return <QueryError error={person.error} onRetry={() => void person.refetch()} />;
  if (!person.data) return <Skeleton active />;
  const p = person.data;
  const left = daysRemaining(p.earliestRelease);
  const action = p.role === 'staff' ? '返岗' : '入院';
  const shownBlockers = refused ?? p.blockers;

  const tryAdmit = () =>
    admit.mutate(
      {},
      {
        onSuccess: () => {
          setRefused(null);
          void message.success(`已办理${action}`);
        },
        onError: (e) => {
          const details = isApiError(e) ? (e.details as { blockers?: Blocker[] } | undefined) : undefined;
          if (isApiError(e) && e.status === 422 && details?.blockers) setRefused(details.blockers);
          else void message.error(errorMessage(e));
        },
      },
    );

  return (
    <div className="fx-tr-form">
      <PageHeader
        top={
          <Link to="/isolation" className="fx-muted">
            <ArrowLeftOutlined /> 入院前隔离
          </Link>
        }
        title={
          <span>
            {p.nameMasked} <ClockTag p={p} />
          </span>
        }
        subtitle={`${p.institutionName} · ${ISOLATION_ROLE_LABELS[p.role]} · ${ISOLATION_REASON_LABELS[p.reason]}`}
      />

      <Card size="small" className="fx-block">
        {p.status === 'isolating' ? (
          <>
            <div className="fx-tr-card-head">
              <div>
                <div className="fx-tr-stat-label">隔离天数</div>
                <div className="fx-tr-clock">
                  第 {p.dayOfIsolation} / {p.requiredDays} 天
                </div>
              </div>
              <div style={{ textAlign: 'right' }}>
                <div className="fx-tr-stat-label">距可解除</div>
                <div className={`fx-tr-clock${left > 0 ? ' fx-tr-over' : ''}`}>
                  {left > 0 ? `${left} 天` : '已期满'}
                </div>
              </div>
            </div>
            <div className="fx-tr-meta">
              <span>开始 {p.startDate}</span>
              <span>最早 {p.earliestRelease} 可解除</span>
              {p.screeningRequired ? (
                <span>定点医院筛查：{p.screeningDone ? '已完成' : '未完成'}</span>
              ) : null}
            </div>
            {shownBlockers.length > 0 ? (
              <Alert
                className="fx-tr-section"
                type={refused ? 'error' : 'warning'}
                showIcon
                title={refused ? `不能办理${action}` : `尚不能${action}`}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {shownBlockers.map((b) => (
                      <li key={b.code}>{b.message}</li>
                    ))}
                  </ul>
                }
              />
            ) : (
              <Alert
                className="fx-tr-section"
                type="success"
                showIcon
                title={`条件已满足，可以办理${action}`}
              />
            )}
            {canRecord ? (
              <>
                <Button
                  type="primary"
                  block
                  className="fx-tr-admit fx-tr-section"
                  icon={<CheckCircleOutlined />}
                  loading={admit.isPending}
                  onClick={tryAdmit}
                >
                  办理{action}
                </Button>
                {refused && refused.length > 0 ? (
                  <Button block danger className="fx-tr-section" onClick={() => setOverriding(true)}>
                    申请提前解除（另一名审批人复核）
                  </Button>
                ) : null}
              </>
            ) : null}
          </>
        ) : (
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'at', label: `${action}时间`, children: formatMinute(p.admittedAt) },
              { key: 'days', label: '隔离期', children: `${p.requiredDays} 天（${p.startDate} 起）` },
              ...(p.overridden
                ? [
                    {
                      key: 'ov',
                      label: '提前解除',
                      children: (
                        <span>
                          <Tag color="red">经复核提前解除</Tag>
                          {p.overrideReason}
                        </span>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>

      <Card size="small" title="身份信息" className="fx-block">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: '姓名', children: p.nameMasked },
            { key: 'id', label: '身份证号', children: p.idNumberMasked ?? '无' },
            { key: 'by', label: '登记', children: `${p.createdByName} · ${formatMinute(p.createdAt)}` },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="症状检查与检测记录"
        extra={
          canRecord && p.status === 'isolating' ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setChecking(true)}>
              登记
            </Button>
          ) : undefined
        }
      >
        {p.checks.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" /> : null}
        {p.checks.map((c) => (
          <div key={c.id} className="fx-tr-list-row">
            <div className="fx-tr-name">
              <div>
                <Tag>{CHECK_KIND_LABELS[c.kind]}</Tag>
                <span className={c.symptoms || c.testResult === 'positive' ? 'fx-tr-bad' : undefined}>
                  {checkText(c)}
                </span>
              </div>
              {c.note ? (
                <Typography.Text type="secondary" className="fx-small">
                  {c.note}
                </Typography.Text>
              ) : null}
            </div>
            <div className="fx-muted fx-small" style={{ textAlign: 'right', flexShrink: 0 }}>
              <div>{c.day}</div>
              <div>{c.recordedByName}</div>
            </div>
          </div>
        ))}
      </Card>
      {canRecord ? <CheckSheet personId={p.id} open={checking} onClose={() => setChecking(false)} /> : null}
      {canRecord ? (
        <OverrideSheet
          personId={p.id}
          blockers={shownBlockers}
          open={overriding}
          onClose={() => {
            setOverriding(false);
            setRefused(null);
          }}
        />
      ) : null}
    </div>
  );
}
