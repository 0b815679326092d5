import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, QRCode, Steps, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { TotpSetup } from '../../../common/contracts/auth';
import { authApi } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { useAuth, useUser } from '../../lib/auth';
import { AuthLayout } from '../../layouts/AuthLayout';

/** Two-factor enrolment: generate a secret, add it to an authenticator app, confirm one code. */
export function TotpEnrolPage() {
  const user = useUser();
  const { setUser, logout } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const generate = () => run(async () => setSetup(await authApi.totpSetup()));
  const enable = (values: { code: string }) =>
    run(async () => {
      setUser(await authApi.totpEnable({ code: values.code }));
      message.success('双因素认证已启用，今后登录需输入动态验证码');
      void navigate('/', { replace: true });
    });

  const required = user.totpEnrollmentRequired;
  return (
    <AuthLayout
      title="绑定动态验证码"
      subtitle={
        required ? (
          <Alert type="info" showIcon title="您的角色要求启用双因素认证，完成绑定后才能继续使用系统。" />
        ) : user.totpEnabled ? (
          <Alert type="success" showIcon title="您已启用双因素认证；重新绑定会替换原有密钥。" />
        ) : undefined
      }
    >
      <Steps
        size="small"
        responsive={false}
        current={setup ? 1 : 0}
        style={{ marginBottom: 16 }}
        items={[{ title: '生成密钥' }, { title: '输入验证码' }]}
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      {!setup ? (
        <Flex vertical gap={12}>
          <Typography.Paragraph>
            请先在手机上安装身份验证器应用（如 Microsoft Authenticator、Google Authenticator 或其他支持 TOTP
            的应用），然后点击下方按钮生成密钥。
          </Typography.Paragraph>
          <Button type="primary" size="large" block loading={busy} onClick={() => void generate()}>
            生成密钥
          </Button>
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text>用身份验证器扫描二维码，或手动输入下面的密钥：</Typography.Text>
          <Flex justify="center">
            <QRCode value={setup.otpauthUrl} size={180} bordered={false} />
          </Flex>
          <div>
            <Typography.Text type="secondary">密钥</Typography.Text>
            <Typography.Paragraph
              copyable={{ text: setup.secret }}
              code
              className="fx-break"
              data-testid="totp-secret"
            >
              {setup.secret}
            </Typography.Paragraph>
            <Typography.Text type="secondary">otpauth 链接</Typography.Text>
            <Typography.Paragraph copyable className="fx-break fx-small">
              {setup.otpauthUrl}
            </Typography.Paragraph>
          </div>
          <Form<{ code: string }>
            layout="vertical"
            size="large"
            onFinish={(v) => void enable(v)}
            requiredMark={false}
          >
            <Form.Item
              name="code"
              label="应用中显示的 6 位动态验证码"
              rules={[
                { required: true, message: '请输入动态验证码' },
                { pattern: /^\d{6}$/, message: '动态验证码为 6 位数字' },
              ]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              验证并启用
            </Button>
          </Form>
        </Flex>
      )}
      {required ? (
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
    </AuthLayout>
  );
}
