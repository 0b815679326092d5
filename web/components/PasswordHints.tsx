import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import {
  characterClasses,
  PASSWORD_HISTORY_DEPTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_PROBLEM_LABELS,
} from '../../common/password-policy';

interface Rule {
  label: string;
  ok: boolean;
}

function rules(password: string, username: string): Rule[] {
  const length = [...password].length;
  const name = username.trim().toLowerCase();
  return [
    {
      label: `长度 ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 个字符`,
      ok: length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH,
    },
    { label: PASSWORD_PROBLEM_LABELS.too_few_classes, ok: characterClasses(password) >= 3 },
    {
      label: PASSWORD_PROBLEM_LABELS.contains_username,
      ok: name.length < 3 || !password.toLowerCase().includes(name),
    },
  ];
}

/** Whether a password passes the rules the browser can check (the server also checks common and reused ones). */
export function passwordLooksValid(password: string, username: string): boolean {
  return rules(password, username).every((r) => r.ok);
}

/** Live password-policy hints under a new-password field. */
export function PasswordHints({ password, username }: { password: string; username: string }) {
  const typed = password.length > 0;
  return (
    <Flex vertical gap={2} className="fx-password-hints" aria-live="polite">
      {rules(password, username).map((r) => (
        <Typography.Text key={r.label} type={!typed ? 'secondary' : r.ok ? 'success' : 'danger'}>
          {typed && r.ok ? <CheckCircleFilled /> : typed ? <CloseCircleFilled /> : <InfoCircleOutlined />}{' '}
          {r.label}
        </Typography.Text>
      ))}
      <Typography.Text type="secondary">
        <InfoCircleOutlined /> {PASSWORD_PROBLEM_LABELS.common}，且不能与最近 {PASSWORD_HISTORY_DEPTH}{' '}
        次使用过的密码相同
      </Typography.Text>
    </Flex>
  );
}
