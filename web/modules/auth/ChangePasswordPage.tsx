import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PASSWORD_PROBLEM_LABELS, type PasswordProblem } from '../../../common/password-policy';
import { authApi } from '../../api/auth';
import { ApiError, errorMessage, isApiError } from '../../api/client';
import { useAuth, useUser } from '../../lib/auth';
import { AuthLayout } from '../../layouts/AuthLayout';
import { PasswordHints, passwordLooksValid } from '../../components/PasswordHints';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function policyText(error: ApiError): string {
  const problems = (error.details as { problems?: PasswordProblem[] } | undefined)?.problems;
  return problems?.length ? problems.map((p) => PASSWORD_PROBLEM_LABELS[p] ?? p).join('；') : error.message;
}

export function ChangePasswordPage() {
  const user = useUser();
  const { setSession, logout } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const forced = user.mustChangePassword;

  const onFinish = async (values: PasswordForm) => {
    setSubmitting(true);
    setError(null);
    try {
      setSession(
        await authApi.changePassword({
          currentPassword: values.currentPassword,
          newPassword: values.newPassword,
        }),
      );
      message.success('密码已修改');
      void navigate('/', { replace: true });
    } catch (e) {
      if (isApiError(e, 'PASSWORD_WRONG')) form.setFields([{ name: 'currentPassword', errors: [e.message] }]);
      else if (isApiError(e, 'PASSWORD_POLICY'))
        form.setFields([{ name: 'newPassword', errors: [policyText(e)] }]);
      else setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthLayout
      title="修改密码"
      subtitle={
        forced ? (
          <Alert type="info" showIcon title="首次登录或密码已被重置，请先设置新密码后再使用系统。" />
        ) : (
          `当前账户：${user.name}（${user.username}）`
        )
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<PasswordForm> form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label="当前密码"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={<PasswordHints password={newPassword} username={user.username} />}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: (_, value: string | undefined) =>
                !value || passwordLooksValid(value, user.username)
                  ? Promise.resolve()
                  : Promise.reject(new Error('新密码不符合密码策略')),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          确认修改
        </Button>
        {forced ? (
          <Button
            type="link"
            block
            onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
          >
            退出登录
          </Button>
        ) : (
          <Button type="link" block onClick={() => navigate('/')}>
            返回首页
          </Button>
        )}
      </Form>
    </AuthLayout>
  );
}
