import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import type { LiftResult } from '../../../common/contracts/emergency';
import { emergencyApi } from '../../api/emergency';
import { errorMessage } from '../../api/client';

export interface LiftTarget {
  orderId: string;
  /** One institution, or null for every institution still closed under the order. */
  institution: { id: string; name: string } | null;
  remaining: number;
}

/** Lifts closed management, for one institution or the whole order; a reason is required. */
export function LiftModal({
  target,
  onClose,
  onLifted,
}: {
  target: LiftTarget | null;
  onClose: () => void;
  onLifted: (result: LiftResult) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (!target) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const r = await emergencyApi.lift(target.orderId, {
        reason: values.reason.trim(),
        ...(target.institution ? { institutionIds: [target.institution.id] } : {}),
      });
      message.success(
        `已解除 ${r.lifted} 家机构的封闭管理${r.reopened ? `，其中 ${r.reopened} 家恢复正常运营` : ''}`,
      );
      form.resetFields();
      onLifted(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!target}
      title={target?.institution ? `解除封闭管理：${target.institution.name}` : '全部解除封闭管理'}
      okText="确认解除"
      okButtonProps={{ danger: true }}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          target?.institution
            ? '解除后，若没有其他封控指令仍在约束该机构，它将恢复正常运营。'
            : `将解除本指令下仍在封闭管理的 ${target?.remaining ?? 0} 家机构；没有其他封控指令约束的机构恢复正常运营。`
        }
      />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label="解除原因"
          rules={[
            { required: true, whitespace: true, message: '请填写解除原因' },
            { min: 2, message: '原因至少 2 个字' },
            { max: 500, message: '原因最多 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="例如：辖区连续 14 天无新增病例，经指挥部研究解除封闭管理" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
