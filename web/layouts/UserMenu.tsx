import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Flex, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '../../common/enums';
import { useAuth, useUser } from '../lib/auth';

/** The header's account corner: who is signed in, where, and the way out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const items: MenuProps['items'] = [
    ...(compact
      ? [
          {
            key: 'who',
            disabled: true,
            label: (
              <Flex vertical className="fx-user-card">
                <Typography.Text strong>{user.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {ROLE_LABELS[user.role]} · {user.regionName}
                </Typography.Text>
              </Flex>
            ),
          },
          { type: 'divider' as const },
        ]
      : []),
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    {
      key: 'totp',
      icon: <SafetyOutlined />,
      label: user.totpEnabled ? '重新绑定动态验证码' : '绑定动态验证码',
    },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate('/password');
    if (key === 'totp') void navigate('/totp');
    if (key === 'logout') {
      void logout().then(() => {
        message.success('已退出登录');
        void navigate('/login', { replace: true });
      });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      {compact ? (
        <Button type="text" shape="circle" aria-label={`账户：${user.name}`} className="fx-avatar-button">
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1d4ed8' }} />
        </Button>
      ) : (
        <Button type="text" className="fx-user-button" aria-label={`账户：${user.name}`}>
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1d4ed8' }} />
          <span className="fx-user-name">{user.name}</span>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {ROLE_LABELS[user.role]}
          </Tag>
          <Typography.Text type="secondary">{user.regionName}</Typography.Text>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      )}
    </Dropdown>
  );
}
