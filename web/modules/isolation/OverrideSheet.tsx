import { Alert, Button, Form, Input, message } from 'antd';
import type { Blocker } from '../../../common/contracts/isolation';
import { errorMessage } from '../../api/client';
import { Sheet } from '../../components/Sheet';
import { applyServerErrors } from '../../lib/forms';
import { useAdmit } from './queries';

interface OverrideValues {
  approverUsername: string;
  approverPassword: string;
  reason: string;
}

/** Early release with a second person: their username, their own password and a reason. */
export function OverrideSheet({
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
