import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import type { ResponseResult } from '../../../common/contracts/emergency';
import {
  CLOSURE_MEASURE_LABELS,
  CLOSURE_MEASURES,
  DEFAULT_CLOSURE_MEASURES,
  INSTITUTION_TYPE_LABELS,
  INSTITUTION_TYPES,
  RESIDENTIAL_TYPES,
  RESPONSE_LEVEL_LABELS,
  responseSeverity,
  type ClosureMeasure,
  type InstitutionType,
  type ResponseLevel,
} from '../../../common/enums';
import { emergencyApi } from '../../api/emergency';
import { errorMessage } from '../../api/client';
import { useIsMobile } from '../../lib/responsive';
import { LEVEL_CHOICES } from './labels';

interface LevelForm {
  level?: ResponseLevel;
  closeTypes: InstitutionType[];
  measures: ClosureMeasure[];
  plannedEnd?: Dayjs | null;
  reason?: string;
}

export interface SetLevelModalProps {
  regionCode: string;
  regionName: string;
  current: ResponseLevel;
  open: boolean;
  onClose: () => void;
  /** Called as soon as the server has applied the change (refresh the counts). */
  onChanged: (result: ResponseResult) => void;
}

/**
 * Sets a region's response level. Starting or raising offers closed management for chosen institution
 * types (the residential ones pre-checked) in the same action; lowering or ending lifts nothing.
 */
export function SetLevelModal(props: SetLevelModalProps) {
  return props.open ? <SetLevelDialog {...props} /> : null;
}

function SetLevelDialog({ regionCode, regionName, current, onClose, onChanged }: SetLevelModalProps) {
  const mobile = useIsMobile();
  const [form] = Form.useForm<LevelForm>();
  const level = Form.useWatch('level', form);
  const closeTypes = Form.useWatch('closeTypes', form) ?? [];
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<ResponseResult | null>(null);

  const raising = !!level && level !== 'none' && responseSeverity(level) > responseSeverity(current);
  const lowering = !!level && responseSeverity(level) < responseSeverity(current);
  const same = !!level && level === current;

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values?.level) return;
    setSaving(true);
    setError(null);
    try {
      const r = await emergencyApi.setResponse({
        regionCode,
        level: values.level,
        ...(raising
          ? {
              closeTypes: values.closeTypes,
              measures: values.measures,
              plannedEnd: values.plannedEnd ? values.plannedEnd.format('YYYY-MM-DD') : null,
            }
          : {}),
        ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
      });
      setResult(r);
      onChanged(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  if (result) {
    const started = result.previousLevel === 'none';
    const title =
      result.level === 'none'
        ? `${regionName}已结束应急响应`
        : started
          ? `${regionName}已启动${RESPONSE_LEVEL_LABELS[result.level]}`
          : `${regionName}已调整为${RESPONSE_LEVEL_LABELS[result.level]}`;
    const raised = responseSeverity(result.level) > responseSeverity(result.previousLevel);
    return (
      <Modal
        open
        title="设置响应级别"
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        }
        width={560}
      >
        <Result
          status={result.order || !raised ? 'success' : 'info'}
          title={title}
          subTitle={
            <Flex vertical gap={4} data-testid="level-result">
              {result.order ? (
                <Typography.Text strong>
                  已对 {result.order.institutionCount} 家机构实行封闭管理
                </Typography.Text>
              ) : raised ? (
                <Typography.Text>
                  没有需要新实行封闭管理的机构（所选类型的机构已封闭管理、已停业或未选择类型）
                </Typography.Text>
              ) : (
                <Typography.Text>已实行的封闭管理保持不变，需在“封控指令”中逐一或批量解除</Typography.Text>
              )}
              {result.order ? <Link to={`/orders/${result.order.id}`}>查看封控指令</Link> : null}
            </Flex>
          }
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={`设置响应级别：${regionName}`}
      okText={raising ? (closeTypes.length ? '确认并实行封闭管理' : '确认') : '确认'}
      okButtonProps={{ disabled: !level || same }}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      width={640}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary">当前：{RESPONSE_LEVEL_LABELS[current]}</Typography.Paragraph>
      <Form<LevelForm>
        form={form}
        layout="vertical"
        initialValues={{ closeTypes: [...RESIDENTIAL_TYPES], measures: [...DEFAULT_CLOSURE_MEASURES] }}
      >
        <Form.Item name="level" label="新的响应级别" rules={[{ required: true, message: '请选择响应级别' }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            className="fx-level-choices"
            options={LEVEL_CHOICES.map((c) => ({
              value: c.value,
              label: c.value === 'none' ? (current === 'none' ? '不响应' : '结束响应') : c.label,
            }))}
          />
        </Form.Item>
        {same ? <Alert type="info" showIcon title="与当前级别相同，无需调整" /> : null}
        {lowering ? (
          <Alert
            type="warning"
            showIcon
            data-testid="lowering-note"
            title={level === 'none' ? '结束响应不会解除封闭管理' : '降低响应级别不会解除封闭管理'}
            description="已实行封闭管理的机构将继续封闭，直到在“封控指令”中逐一或批量解除（须说明原因）。"
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {raising ? (
          <>
            <Form.Item
              name="closeTypes"
              label={
                current === 'none'
                  ? '启动响应的同时，对以下类型机构实行封闭管理'
                  : '提级的同时，对以下类型机构实行封闭管理'
              }
              extra="已默认勾选住宿类机构；已封闭管理或已停业的机构不重复处理。全部不勾选则只调整级别。"
            >
              <Checkbox.Group className="fx-check-grid">
                {INSTITUTION_TYPES.map((t) => (
                  <Checkbox key={t} value={t}>
                    {INSTITUTION_TYPE_LABELS[t]}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
            {closeTypes.length > 0 ? (
              <>
                <Form.Item name="measures" label="封闭管理措施">
                  <Checkbox.Group className="fx-check-grid">
                    {CLOSURE_MEASURES.map((m) => (
                      <Checkbox key={m} value={m}>
                        {CLOSURE_MEASURE_LABELS[m]}
                      </Checkbox>
                    ))}
                  </Checkbox.Group>
                </Form.Item>
                <Form.Item
                  name="plannedEnd"
                  label="计划结束日期（选填）"
                  extra="到期不会自动解除，仍须下达解除指令"
                >
                  <DatePicker style={{ width: '100%' }} inputReadOnly={mobile} />
                </Form.Item>
              </>
            ) : null}
          </>
        ) : null}
        {level && !same ? (
          <Form.Item name="reason" label="事由（选填）" rules={[{ max: 500, message: '最多 500 个字' }]}>
            <Input.TextArea
              rows={2}
              placeholder={
                raising
                  ? `例如：${regionName}发现本土确诊病例，启动应急响应`
                  : '例如：疫情形势趋稳，调整响应级别'
              }
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
