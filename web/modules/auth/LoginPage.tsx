import { useState } from 'react';
import { LockOutlined, PhoneOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { LoginInput } from '../../../common/contracts/auth';
import { authApi } from '../../api/auth';
import { errorMessage, isApiError } from '../../api/client';
import { useAuth } from '../../lib/auth';
import { AuthLayout } from '../../layouts/AuthLayout';

interface LoginForm {
  username: string;
  password: string;
  totpCode?: string;
}

function targetOf(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { user, setSession, signedOutReason } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const target = targetOf(location.state);

  if (user && !submitting) return <Navigate to={target} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const input: LoginInput = { username: values.username.trim(), password: values.password };
      if (needTotp && values.totpCode) input.totpCode = values.totpCode;
      setSession(await authApi.login(input));
      void navigate(target, { replace: true });
    } catch (e) {
      if (isApiError(e, 'TOTP_REQUIRED')) {
        setNeedTotp(true);
        setError(null);
      } else {
        if (isApiError(e, 'TOTP_INVALID')) form.setFieldValue('totpCode', '');
        setError(errorMessage(e));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthLayout title="登录">
      {signedOutReason === 'SESSION_EXPIRED' && !error ? (
        <Alert type="warning" showIcon title="登录已过期，请重新登录" style={{ marginBottom: 16 }} />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<LoginForm> form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="username"
          label="用户名"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
        >
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            disabled={needTotp}
          />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" disabled={needTotp} />
        </Form.Item>
        {needTotp ? (
          <Form.Item
            name="totpCode"
            label="动态验证码"
            extra="请打开身份验证器应用，输入当前显示的 6 位数字。"
            rules={[
              { required: true, message: '请输入动态验证码' },
              { pattern: /^\d{6}$/, message: '动态验证码为 6 位数字' },
            ]}
          >
            <Input
              prefix={<SafetyOutlined />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
            />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {needTotp ? '验证并登录' : '登录'}
        </Button>
        {needTotp ? (
          <Button
            type="link"
            block
            onClick={() => {
              setNeedTotp(false);
              form.setFieldValue('totpCode', undefined);
            }}
          >
            返回重新输入账户
          </Button>
        ) : null}
      </Form>
      <div className="fx-center" style={{ marginTop: 16 }}>
        <Link to="/hotline">
          <PhoneOutlined /> 24 小时救助热线（无需登录）
        </Link>
      </div>
    </AuthLayout>
  );
}
