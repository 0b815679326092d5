import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  ConfigProvider,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import type { FigureKey, Figures } from '../../../common/contracts/daily-reports';
import { FIGURE_KEYS, FIGURE_LABELS } from '../../../common/contracts/daily-reports';
import { SUPPLY_CATEGORIES, SUPPLY_CATEGORY_LABELS, type SupplyCategory } from '../../../common/enums';
import { ApiError, errorMessage } from '../../api/client';
import { SendStatus } from '../../components/SendStatus';
import type { SendState } from '../../lib/reliable-send';
import { ALARM_KEYS, FIGURE_GROUPS, FIGURE_UNITS, HEADCOUNT_KEYS } from './labels';

interface SupplyRow {
  category?: string;
  quantity?: number | null;
  unit?: string;
}

/** The form as typed: figures may still be blank. */
export type FigureValues = Partial<Record<FigureKey, number | null>> & {
  disinfectionDone: boolean;
  notes?: string;
  supplies?: SupplyRow[];
  correctionReason?: string;
};

export function emptyFigureValues(): FigureValues {
  const values: FigureValues = { disinfectionDone: true, notes: '', supplies: [] };
  for (const key of FIGURE_KEYS) values[key] = HEADCOUNT_KEYS.includes(key) ? null : 0;
  return values;
}

/** A submitted report's figures back into the form (for a correction). */
export function figureValuesOf(figures: Record<string, unknown> | null): FigureValues {
  const values = emptyFigureValues();
  if (!figures) return values;
  for (const key of FIGURE_KEYS) if (typeof figures[key] === 'number') values[key] = figures[key];
  values.disinfectionDone = figures.disinfectionDone === true;
  values.notes = typeof figures.notes === 'string' ? figures.notes : '';
  values.supplies = Array.isArray(figures.supplies) ? (figures.supplies as SupplyRow[]) : [];
  return values;
}

/** The typed values as the contract's figures (after validation every count is a number). */
export function toFigures(values: FigureValues): Figures {
  const counts = Object.fromEntries(FIGURE_KEYS.map((k) => [k, Number(values[k] ?? 0)])) as Record<
    FigureKey,
    number
  >;
  const supplies = (values.supplies ?? [])
    .filter((s) => s.category && s.quantity !== null && s.quantity !== undefined)
    .map((s) => ({
      category: s.category!,
      quantity: Number(s.quantity),
      ...(s.unit?.trim() ? { unit: s.unit.trim() } : {}),
    }));
  const notes = values.notes?.trim();
  return {
    ...counts,
    disinfectionDone: values.disinfectionDone,
    ...(notes ? { notes } : {}),
    ...(supplies.length ? { supplies } : {}),
  };
}

interface FieldProblem {
  path?: unknown;
  message?: unknown;
}

/** Puts the server's messages (path body.figures.feverCount, body.figures.supplies.0.quantity) on the fields. */
function applyFigureErrors(form: FormInstance<FigureValues>, error: unknown): boolean {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return false;
  const fields = (error.details as FieldProblem[])
    .filter((d) => typeof d.path === 'string' && typeof d.message === 'string')
    .map((d) => {
      const parts = (d.path as string).replace(/^body\.(figures\.)?/, '').split('.');
      return {
        name: parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        errors: [d.message as string],
      };
    })
    .filter((f) => f.name.length > 0 && f.name[0] !== '');
  if (fields.length === 0) return false;
  (form as FormInstance).setFields(fields);
  return true;
}

const CATEGORY_OPTIONS = SUPPLY_CATEGORIES.map((c) => ({ value: c, label: SUPPLY_CATEGORY_LABELS[c] }));

function notMoreThan(other: FigureKey, message: string) {
  return ({ getFieldValue }: { getFieldValue: (name: FigureKey) => unknown }) => ({
    validator(_: unknown, value: number | null | undefined) {
      const limit = getFieldValue(other);
      if (typeof value === 'number' && typeof limit === 'number' && value > limit)
        return Promise.reject(new Error(message));
      return Promise.resolve();
    },
  });
}

function CountField({ name }: { name: FigureKey }) {
  const label = FIGURE_LABELS[name];
  const rules = [
    { required: true, message: `请填写${label}` },
    ...(name === 'positives' ? [notMoreThan('testsDone', '阳性人数不能多于检测人次')] : []),
    ...(name === 'staffLivingIn' ? [notMoreThan('staffOnSite', '封闭在院人数不能多于在岗人数')] : []),
  ];
  const extra =
    name === 'positives' ? '不多于检测人次' : name === 'staffLivingIn' ? '不多于在岗人数' : undefined;
  return (
    <Form.Item
      name={name}
      label={label}
      rules={rules}
      extra={extra}
      dependencies={
        name === 'positives' ? ['testsDone'] : name === 'staffLivingIn' ? ['staffOnSite'] : undefined
      }
      className="fx-figure-item"
    >
      <InputNumber
        min={0}
        max={1_000_000}
        precision={0}
        inputMode="numeric"
        suffix={FIGURE_UNITS[name]}
        style={{ width: '100%' }}
        size="large"
        aria-label={label}
      />
    </Form.Item>
  );
}

/**
 * The daily report form, phone first: counts in two columns with numeric keypads, optional supplies
 * and notes, and the submit button kept in reach at the bottom. The values are the caller's draft.
 */
export function ReportForm({
  initial,
  send,
  correction,
  onRetryNow,
  onStop,
  onChange,
  onSubmit,
  onCancel,
}: {
  initial: FigureValues;
  send: SendState;
  /** Set when correcting a sent report: after the deadline a reason is required. */
  correction?: { reasonRequired: boolean };
  onRetryNow: () => void;
  onStop: () => void;
  onChange: (values: FigureValues) => void;
  /** Resolves when handled; rejects with the server's error for the fields. */
  onSubmit: (figures: Figures, correctionReason?: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<FigureValues>();
  const { message } = App.useApp();
  const busy = send.phase === 'sending' || send.phase === 'retrying';
  const alarm = Form.useWatch(
    (values: FigureValues) => ALARM_KEYS.some((k) => typeof values[k] === 'number' && values[k] > 0),
    form,
  );

  const finish = async (values: FigureValues) => {
    try {
      await onSubmit(toFigures(values), values.correctionReason?.trim() || undefined);
    } catch (error) {
      if (!applyFigureErrors(form, error)) message.error(errorMessage(error));
    }
  };

  return (
    <Form<FigureValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={busy}
      onValuesChange={(_, all) => onChange(all)}
      onFinish={(values) => void finish(values)}
      onFinishFailed={() => message.warning('有数据未填或有误，请检查标红的项目')}
      scrollToFirstError={{ block: 'center' }}
      className="fx-report-form"
      requiredMark={false}
    >
      <Flex vertical gap={12}>
        {FIGURE_GROUPS.map((group) => (
          <Card key={group.title} size="small" title={group.title}>
            <div className="fx-figure-grid">
              {group.keys.map((key) => (
                <CountField key={key} name={key} />
              ))}
              {group.title === '防控措施' ? (
                <Form.Item
                  name="disinfectionDone"
                  label={FIGURE_LABELS.disinfectionDone}
                  valuePropName="checked"
                  className="fx-figure-item"
                >
                  <Switch checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
              ) : null}
            </div>
          </Card>
        ))}
        {alarm ? (
          <Alert
            type="error"
            showIcon
            title="有发热、疑似、确诊或阳性人员"
            description="请同时按紧急情况报告流程第一时间上报，不要等到日报。"
          />
        ) : null}
        <Card size="small" title="物资消耗（选填）">
          <Form.List name="supplies">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="flex-start" className="fx-supply-row">
                    <Form.Item
                      name={[field.name, 'category']}
                      rules={[{ required: true, message: '请选择' }]}
                      className="fx-supply-category"
                    >
                      <Select<SupplyCategory>
                        placeholder="物资"
                        options={CATEGORY_OPTIONS}
                        aria-label="物资类别"
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'quantity']}
                      rules={[{ required: true, message: '请填写' }]}
                      className="fx-supply-quantity"
                    >
                      <InputNumber
                        min={0}
                        inputMode="decimal"
                        placeholder="数量"
                        style={{ width: '100%' }}
                        aria-label="消耗数量"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']} className="fx-supply-unit">
                      <Input placeholder="单位" maxLength={10} aria-label="单位" />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label="删除这一项"
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ quantity: null, unit: '' })}
                  block
                  type="dashed"
                >
                  添加消耗物资
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Card size="small" title="备注（选填）">
          <Form.Item name="notes" style={{ marginBottom: 0 }}>
            <Input.TextArea
              maxLength={1000}
              showCount
              autoSize={{ minRows: 2, maxRows: 6 }}
              placeholder="需要说明的其他情况"
              aria-label="备注"
            />
          </Form.Item>
        </Card>
        {correction ? (
          <Card size="small" title="更正原因">
            <Form.Item
              name="correctionReason"
              style={{ marginBottom: 0 }}
              rules={
                correction.reasonRequired
                  ? [{ required: true, min: 2, message: '截止时间后更正须说明原因' }]
                  : []
              }
              extra={
                correction.reasonRequired
                  ? '已过截止时间：更正须说明原因，原数据保留备查'
                  : '截止前更正直接替换原数据'
              }
            >
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} aria-label="更正原因" />
            </Form.Item>
          </Card>
        ) : null}
        <div className="fx-form-actions">
          {/* In reach while the form is frozen for a retry: its own buttons stay enabled. */}
          <ConfigProvider componentDisabled={false}>
            <SendStatus state={send} onRetryNow={onRetryNow} onStop={onStop} />
          </ConfigProvider>
          <Flex gap={8}>
            <Button size="large" onClick={onCancel} className="fx-form-cancel">
              返回
            </Button>
            <Button type="primary" size="large" htmlType="submit" loading={busy} block>
              {busy ? '正在提交…' : correction ? '提交更正' : '提交日报告'}
            </Button>
          </Flex>
          <Typography.Text type="secondary" className="fx-small">
            填写内容保留在本页，网络中断也不会丢失。
          </Typography.Text>
        </div>
      </Flex>
    </Form>
  );
}
