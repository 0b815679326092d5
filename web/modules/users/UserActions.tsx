import { KeyOutlined, StopOutlined, CheckCircleOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Typography } from 'antd';
import type { UpdateUserInput, User } from '../../../common/contracts/users';
import { isLocked } from './UserStatus';

export interface UserActionsProps {
  user: User;
  self: boolean;
  busy: boolean;
  onPatch: (change: Omit<UpdateUserInput, 'version'>, done: string) => void;
}

/** The account actions, each confirmed first: disable or enable, reset the password, unlock. */
export function UserActions({ user, self, busy, onPatch }: UserActionsProps) {
  return (
    <Flex vertical gap={12}>
      {user.disabled ? (
        <Popconfirm
          title="启用该账户？"
          description="启用后该用户可以重新登录。"
          okText="启用"
          cancelText="取消"
          onConfirm={() => onPatch({ disabled: false }, '账户已启用')}
        >
          <Button icon={<CheckCircleOutlined />} block disabled={busy}>
            启用账户
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title="停用该账户？"
          description="停用后该用户无法登录，已登录的会话随即失效。"
          okText="停用"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          disabled={self}
          onConfirm={() => onPatch({ disabled: true }, '账户已停用')}
        >
          <Button icon={<StopOutlined />} danger block disabled={busy || self}>
            停用账户{self ? '（不能停用自己）' : ''}
          </Button>
        </Popconfirm>
      )}
      <Popconfirm
        title="重置该用户的密码？"
        description="将生成一个临时密码，用户下次登录时必须修改。"
        okText="重置"
        cancelText="取消"
        onConfirm={() => onPatch({ resetPassword: true }, '密码已重置')}
      >
        <Button icon={<KeyOutlined />} block disabled={busy}>
          重置密码
        </Button>
      </Popconfirm>
      {isLocked(user) ? (
        <Popconfirm
          title="解除锁定？"
          description="将清除登录失败次数，用户可立即重新登录。"
          okText="解锁"
          cancelText="取消"
          onConfirm={() => onPatch({ unlock: true }, '账户已解锁')}
        >
          <Button icon={<UnlockOutlined />} block disabled={busy}>
            解除锁定
          </Button>
        </Popconfirm>
      ) : (
        <Typography.Text type="secondary" className="fx-small">
          账户未被锁定。连续登录失败过多时账户会被锁定，可在此解锁。
        </Typography.Text>
      )}
    </Flex>
  );
}
