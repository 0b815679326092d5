import { EditOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { User } from '../../../common/contracts/users';
import { ROLE_LABELS } from '../../../common/enums';
import { formatDateTime } from '../../lib/format';
import { UserStatus } from './UserStatus';

export function userColumns(onEdit: ((user: User) => void) | null): TableColumnsType<User> {
  return [
    { title: '用户名', dataIndex: 'username', key: 'username', fixed: 'left' },
    { title: '姓名', dataIndex: 'name', key: 'name' },
    { title: '角色', key: 'role', render: (_, u) => <Tag color="blue">{ROLE_LABELS[u.role]}</Tag> },
    { title: '所属区划', dataIndex: 'regionName', key: 'region' },
    { title: '状态', key: 'status', render: (_, u) => <UserStatus user={u} /> },
    { title: '动态验证码', key: 'totp', render: (_, u) => (u.totpEnabled ? '已启用' : '未启用') },
    { title: '最近登录', key: 'lastLogin', render: (_, u) => formatDateTime(u.lastLoginAt) },
    ...(onEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, u: User) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(u)}>
                管理
              </Button>
            ),
          },
        ]
      : []),
  ];
}

/** One user as a card on a phone. */
export function UserCard({ user, onEdit }: { user: User; onEdit: ((user: User) => void) | null }) {
  return (
    <Flex justify="space-between" align="flex-start" gap={8}>
      <Flex vertical gap={4} style={{ minWidth: 0 }}>
        <div>
          <Typography.Text strong>{user.name}</Typography.Text>{' '}
          <Typography.Text type="secondary">{user.username}</Typography.Text>
        </div>
        <div>
          <Tag color="blue">{ROLE_LABELS[user.role]}</Tag>
          <Typography.Text type="secondary">{user.regionName}</Typography.Text>
        </div>
        <div>
          <UserStatus user={user} />
          {user.totpEnabled ? <Tag>动态验证码</Tag> : null}
        </div>
        <Typography.Text type="secondary" className="fx-small">
          最近登录 {formatDateTime(user.lastLoginAt)}
        </Typography.Text>
      </Flex>
      {onEdit ? (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(user)}>
          管理
        </Button>
      ) : null}
    </Flex>
  );
}
