import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { InstitutionDetail } from '../../../common/contracts/institutions';
import {
  INSTITUTION_STATUS_LABELS,
  INSTITUTION_STATUSES,
  type InstitutionStatus,
} from '../../../common/enums';
import { institutionsApi } from '../../api/institutions';
import { errorMessage } from '../../api/client';
import { applyServerErrors } from '../../lib/forms';
import { useIsMobile } from '../../lib/responsive';

interface StatusForm {
  status: InstitutionStatus;
  effectiveFrom: Dayjs;
  plannedEnd?: Dayjs | null;
  reason: string;
  noticeText?: string;
}

const NOTICE_HINTS: Partial<Record<InstitutionStatus, string>> = {
  services_suspended: '对外公告，例如“即日起暂停办理婚姻登记，恢复时间另行通知”',
  gatherings_suspended: '对外公告，例如“暂停集体活动和聚集性服务”',
  closed: '对外公告，例如停业或注销说明',
};

/** Changes the status of one institution from a chosen day, with the reason and an optional public notice. */
export function StatusChangeModal({
  institution,
  open,
  onClose,
  onChanged,
}: {
  institution: InstitutionDetail;
  open: boolean;
  onClose: () => void;
  onChanged: (next: InstitutionDetail) => void;
}) {
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const [form] = Form.useForm<StatusForm>();
  const status = Form.useWatch('status', form);
  const effectiveFrom = Form.useWatch('effectiveFrom', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const next = await institutionsApi.setStatus(institution.id, {
        status: values.status,
        effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
        plannedEnd: values.plannedEnd ? values.plannedEnd.format('YYYY-MM-DD') : null,
        reason: values.reason.trim(),
        noticeText: values.noticeText?.trim() ? values.noticeText.trim() : null,
      });
      message.success(`已变更为“${INSTITUTION_STATUS_LABELS[values.status]}”`);
      form.resetFields();
      onChanged(next);
    } catch (e) {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`变更状态：${institution.name}`}
      okText="确认变更"
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<StatusForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ effectiveFrom: dayjs() }}
      >
        <Form.Item
          name="status"
          label="新状态"
          extra={`当前：${INSTITUTION_STATUS_LABELS[institution.status]}`}
          rules={[{ required: true, message: '请选择新状态' }]}
        >
          <Select<InstitutionStatus>
            placeholder="请选择"
            options={INSTITUTION_STATUSES.map((s) => ({ value: s, label: INSTITUTION_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label="生效日期"
          extra="不能早于机构登记日期；可填写今后的日期"
          rules={[{ required: true, message: '请选择生效日期' }]}
        >
          <DatePicker style={{ width: '100%' }} inputReadOnly={mobile} allowClear={false} />
        </Form.Item>
        {status && status !== 'operating' ? (
          <Form.Item
            name="plannedEnd"
            label="计划结束日期（选填）"
            dependencies={['effectiveFrom']}
            rules={[
              {
                validator: (_, v: Dayjs | null | undefined) =>
                  !v || !effectiveFrom || !v.isBefore(effectiveFrom, 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error('计划结束日期不能早于生效日期')),
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} inputReadOnly={mobile} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label="原因"
          rules={[
            { required: true, whitespace: true, message: '请填写变更原因' },
            { min: 2, message: '原因至少 2 个字' },
            { max: 500, message: '原因最多 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="例如：辖区出现本土病例，依据县应急指挥部通知" />
        </Form.Item>
        {status && status !== 'operating' ? (
          <Form.Item
            name="noticeText"
            label="公告文本（选填）"
            extra={NOTICE_HINTS[status]}
            rules={[{ max: 2000, message: '公告最多 2000 个字' }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
