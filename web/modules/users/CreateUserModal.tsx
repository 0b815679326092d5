import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import type { CreateUserInput, UserWithPassword } from '../../../common/contracts/users';
import { ROLE_LABELS } from '../../../common/enums';
import { ASSIGNABLE_ROLES } from '../../../common/permissions';
import { usersApi } from '../../api/users';
import { errorMessage, isApiError } from '../../api/client';
import { useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { RegionPicker } from '../../components/RegionPicker';
import { PasswordHints, passwordLooksValid } from '../../components/PasswordHints';

interface CreateForm {
  username: string;
  name: string;
  role: CreateUserInput['role'];
  regionCode: string;
  passwordMode: 'generate' | 'manual';
  password?: string;
}

export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (user: UserWithPassword) => void;
}) {
  const me = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const mode = Form.useWatch('passwordMode', form);
  const username = Form.useWatch('username', form) ?? '';
  const password = Form.useWatch('password', form) ?? '';
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const roles = ASSIGNABLE_ROLES[me.role] ?? [];

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const input: CreateUserInput = {
        username: values.username.trim(),
        name: values.name.trim(),
        role: values.role,
        regionCode: values.regionCode,
      };
      if (values.passwordMode === 'manual' && values.password) input.password = values.password;
      const created = await usersApi.create(input);
      form.resetFields();
      if (!created.temporaryPassword) message.success(`已创建用户 ${created.username}`);
      onCreated(created);
    } catch (e) {
      if (isApiError(e, 'USERNAME_TAKEN')) form.setFields([{ name: 'username', errors: [e.message] }]);
      else if (isApiError(e, 'PASSWORD_POLICY')) form.setFields([{ name: 'password', errors: [e.message] }]);
      else if (!applyServerErrors(form, e)) setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建用户"
      okText="创建"
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        preserve={false}
        // A national manager picks the region deliberately; others start from their own.
        initialValues={{
          passwordMode: 'generate',
          regionCode: me.regionLevel === 'country' ? undefined : me.regionCode,
        }}
      >
        <Form.Item
          name="username"
          label="用户名"
          extra="3–32 位字母、数字、下划线、点或连字符，用于登录"
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            {
              pattern: /^\s*[a-zA-Z0-9_.-]{3,32}\s*$/,
              message: '用户名为 3–32 位字母、数字、下划线、点或连字符',
            },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="off" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="name"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名最多 50 个字' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            placeholder="请选择角色"
            options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Form.Item>
        <Form.Item name="regionCode" label="所属区划" rules={[{ required: true, message: '请选择所属区划' }]}>
          <RegionPicker rootCode={me.regionCode} />
        </Form.Item>
        <Form.Item name="passwordMode" label="初始密码">
          <Radio.Group
            options={[
              { value: 'generate', label: '自动生成临时密码' },
              { value: 'manual', label: '手动设置' },
            ]}
          />
        </Form.Item>
        {mode === 'manual' ? (
          <Form.Item
            name="password"
            label="密码"
            extra={<PasswordHints password={password} username={username} />}
            rules={[
              { required: true, message: '请输入初始密码' },
              {
                validator: (_, v: string | undefined) =>
                  !v || passwordLooksValid(v, username)
                    ? Promise.resolve()
                    : Promise.reject(new Error('密码不符合密码策略')),
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
