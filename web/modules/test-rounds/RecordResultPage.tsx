import '../../components/work-pages.css';
import { useEffect, useState } from 'react';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Skeleton, Typography, message } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  TESTED_WHO,
  TESTED_WHO_LABELS,
  type NotTested,
  type RecordResultAnswer,
} from '../../../common/contracts/test-rounds';
import { INSTITUTION_TYPE_LABELS } from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { formatMinute } from '../../lib/format';
import { useRecordResult, useRound, useRoundInstitutions } from './queries';

interface Values {
  residentsTested: number;
  staffTested: number;
  negative: number;
  positive: number;
  notTested: NotTested[];
}

const EMPTY: Values = { residentsTested: 0, staffTested: 0, negative: 0, positive: 0, notTested: [] };

/** Records (or corrects) one institution's results: a reporter their own, an officer any in scope. */
export function RecordResultPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const institutionId = user.institutionId ?? params.get('institutionId') ?? undefined;
  const round = useRound(id);
  const list = useRoundInstitutions(id, undefined);
  const row = list.data?.items.find((i) => i.institutionId === institutionId);
  const [form] = Form.useForm<Values>();
  const record = useRecordResult(id);
  const [answer, setAnswer] = useState<RecordResultAnswer | null>(null);

  useEffect(() => {
    setAnswer(null);
    const r = row?.result;
    form.setFieldsValue(
      r
        ? {
            residentsTested: r.residentsTested,
            staffTested: r.staffTested,
            negative: r.negative,
            positive: r.positive,
            notTested: r.notTested,
          }
        : EMPTY,
    );
  }, [row, form]);

  const submit = (v: Values) => {
    if (!institutionId) return;
    record.mutate(
      { institutionId, ...v, notTested: v.notTested ?? [] },
      {
        onSuccess: (a) => {
          setAnswer(a);
          void message.success('检测结果已保存');
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        },
      },
    );
  };

  if (round.error) return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  if (!round.data) return <Skeleton active />;

  return (
    <div className="fx-tr-form">
      <PageHeader
        top={
          <Link to={`/test-rounds/${id}`} className="fx-muted">
            <ArrowLeftOutlined /> {round.data.name}
          </Link>
        }
        title="填报检测结果"
        subtitle={`${round.data.startsOn} 至 ${round.data.endsOn}`}
      />
      {!user.institutionId ? (
        <Form.Item label="机构（代填）" layout="vertical">
          <Select<string>
            className="fx-tr-select"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择本轮检测的机构"
            value={institutionId}
            loading={list.isLoading}
            onChange={(v) => setParams({ institutionId: v })}
            options={(list.data?.items ?? []).map((i) => ({
              value: i.institutionId,
              label: `${i.name}${i.result ? '（已填报）' : ''}`,
            }))}
          />
        </Form.Item>
      ) : null}
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {institutionId && list.data && !row ? (
        <Alert type="warning" showIcon title="该机构不在本轮检测范围内（机构类型或区划不符）" />
      ) : null}
      {row ? (
        <>
          <Card size="small" className="fx-block">
            <Typography.Text strong>{row.name}</Typography.Text>
            <div className="fx-tr-meta">
              <span>{INSTITUTION_TYPE_LABELS[row.type]}</span>
              <span>在册服务对象 {row.residents} 人</span>
              <span>工作人员 {row.staff} 人</span>
            </div>
            {row.result ? (
              <div className="fx-tr-meta">
                已于 {formatMinute(row.result.recordedAt)} 由 {row.result.recordedByName} 填报，再次保存即更正
              </div>
            ) : null}
          </Card>
          {row.carriedOver.length > 0 ? (
            <Alert
              className="fx-block"
              type="warning"
              showIcon
              title={`上一轮未检的 ${row.carriedOver.length} 人须在本轮检测`}
              description={row.carriedOver.map((p) => (
                <div key={`${p.who}-${p.label}`}>
                  {TESTED_WHO_LABELS[p.who]} {p.label}（上轮：{p.reason}）
                </div>
              ))}
            />
          ) : null}
          <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={EMPTY}>
            <div className="fx-tr-grid2">
              <Form.Item
                name="residentsTested"
                label="服务对象已检"
                rules={[{ required: true, message: '请填写' }]}
              >
                <InputNumber min={0} precision={0} inputMode="numeric" />
              </Form.Item>
              <Form.Item
                name="staffTested"
                label="工作人员已检"
                rules={[{ required: true, message: '请填写' }]}
              >
                <InputNumber min={0} precision={0} inputMode="numeric" />
              </Form.Item>
              <Form.Item name="negative" label="阴性" rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={0} precision={0} inputMode="numeric" />
              </Form.Item>
              <Form.Item
                name="positive"
                label="阳性"
                dependencies={['residentsTested', 'staffTested', 'negative']}
                rules={[
                  { required: true, message: '请填写' },
                  ({ getFieldValue }) => ({
                    validator: (_, v: number | null) => {
                      const tested =
                        Number(getFieldValue('residentsTested') ?? 0) +
                        Number(getFieldValue('staffTested') ?? 0);
                      const sum = Number(getFieldValue('negative') ?? 0) + Number(v ?? 0);
                      return sum === tested
                        ? Promise.resolve()
                        : Promise.reject(new Error(`阴性 + 阳性（${sum}）须等于检测人数（${tested}）`));
                    },
                  }),
                ]}
              >
                <InputNumber min={0} precision={0} inputMode="numeric" />
              </Form.Item>
            </div>
            <Typography.Title level={5}>未检测人员</Typography.Title>
            <Typography.Paragraph type="secondary" className="fx-small">
              只填床位号或工号，不填身份证号；未检人员会结转到下一轮。
            </Typography.Paragraph>
            <Form.List name="notTested">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <div key={f.key} className="fx-tr-nt-row">
                      <Form.Item
                        name={[f.name, 'who']}
                        label="类别"
                        rules={[{ required: true, message: '请选择' }]}
                      >
                        <Select
                          options={TESTED_WHO.map((w) => ({ value: w, label: TESTED_WHO_LABELS[w] }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'label']}
                        label="床位号/工号"
                        rules={[{ required: true, whitespace: true, message: '请填写' }]}
                      >
                        <Input maxLength={50} placeholder="如 3 号楼 12 床" />
                      </Form.Item>
                      <Form.Item
                        className="fx-tr-nt-reason"
                        name={[f.name, 'reason']}
                        label={
                          <span>
                            未检原因{' '}
                            <Button
                              size="small"
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              onClick={() => remove(f.name)}
                            >
                              删除
                            </Button>
                          </span>
                        }
                        rules={[{ required: true, whitespace: true, message: '请填写未检原因' }]}
                      >
                        <Input maxLength={100} placeholder="如 住院、外出未归" />
                      </Form.Item>
                    </div>
                  ))}
                  <Button
                    block
                    icon={<PlusOutlined />}
                    onClick={() => add({ who: 'resident', label: '', reason: '' })}
                  >
                    添加未检人员
                  </Button>
                  {row.carriedOver.length > 0 ? (
                    <Button
                      type="link"
                      onClick={() =>
                        row.carriedOver.forEach((p) => add({ who: p.who, label: p.label, reason: '' }))
                      }
                    >
                      把结转人员加入未检列表
                    </Button>
                  ) : null}
                </>
              )}
            </Form.List>
            {answer ? (
              <Alert
                className="fx-tr-section"
                type={answer.warnings.length > 0 ? 'warning' : 'success'}
                showIcon
                title={answer.warnings.length > 0 ? '已保存，请注意以下提示' : '已保存，数据无异常'}
                description={
                  answer.warnings.length > 0 ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {answer.warnings.map((w) => (
                        <li key={w.code}>{w.message}</li>
                      ))}
                    </ul>
                  ) : undefined
                }
              />
            ) : null}
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={record.isPending}
              className="fx-tr-section"
            >
              {row.result ? '保存更正' : '提交检测结果'}
            </Button>
          </Form>
        </>
      ) : null}
    </div>
  );
}
