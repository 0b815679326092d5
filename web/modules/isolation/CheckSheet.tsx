import dayjs, { type Dayjs } from 'dayjs';
import { Button, DatePicker, Form, Input, InputNumber, Radio, Segmented, message } from 'antd';
import { businessDay } from '../../../common/business-day';
import {
  CHECK_KINDS,
  CHECK_KIND_LABELS,
  TEST_RESULTS,
  TEST_RESULT_LABELS,
  type CheckKind,
} from '../../../common/contracts/isolation';
import { errorMessage } from '../../api/client';
import { Sheet } from '../../components/Sheet';
import { applyServerErrors } from '../../lib/forms';
import { useRecordCheck } from './queries';

interface CheckValues {
  kind: CheckKind;
  day: Dayjs;
  symptoms?: boolean;
  temperature?: number;
  testResult?: (typeof TEST_RESULTS)[number];
  note?: string;
}

/** Records a symptom check, a test result or a health screening for one person. */
export function CheckSheet({
  personId,
  open,
  onClose,
}: {
  personId: string;
  open: boolean;
  onClose: () => void;
}) {
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
