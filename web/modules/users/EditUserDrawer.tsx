import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Divider, Drawer, Flex, Form, Input, Select } from 'antd';
import type { UpdateUserInput, User, UserWithPassword } from '../../../common/contracts/users';
import { ROLE_LABELS } from '../../../common/enums';
import { ASSIGNABLE_ROLES } from '../../../common/permissions';
import { usersApi } from '../../api/users';
import { errorMessage, isApiError } from '../../api/client';
import { useUser } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { useIsMobile } from '../../lib/responsive';
import { RegionPicker } from '../../components/RegionPicker';
import { UserActions } from './UserActions';
import { UserStatus } from './UserStatus';

interface EditForm {
  name: string;
  role: User['role'];
  regionCode: string;
}

export interface EditUserDrawerProps {
  user: User | null;
  onClose: () => void;
  /** Called with the saved user (and a new temporary password after a reset). */
  onSaved: (user: UserWithPassword) => void;
}

/** Edit a user's name, role and region, and run the account actions (disable, reset, unlock). */
export function EditUserDrawer({ user: initial, onClose, onSaved }: EditUserDrawerProps) {
  const me = useUser();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditForm>();
  const [user, setUser] = useState<User | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setUser(initial);
    setError(null);
    if (initial)
      form.setFieldsValue({ name: initial.name, role: initial.role, regionCode: initial.regionCode });
  }, [initial, form]);

  const assignable = ASSIGNABLE_ROLES[me.role] ?? [];
  const self = user?.id === me.id;

  /** Sends one change with the version read; on a conflict reloads the user so the next try is current. */
  const patch = async (change: Omit<UpdateUserInput, 'version'>, done: string): Promise<void> => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await usersApi.update(user.id, { version: user.version, ...change });
      setUser(saved);
      form.setFieldsValue({ name: saved.name, role: saved.role, regionCode: saved.regionCode });
      if (!saved.temporaryPassword) message.success(done);
      onSaved(saved);
    } catch (e) {
      setError(errorMessage(e));
      if (isApiError(e, 'VERSION_CONFLICT')) {
        const fresh = await usersApi.get(user.id).catch(() => null);
        if (fresh) {
          setUser(fresh);
          form.setFieldsValue({ name: fresh.name, role: fresh.role, regionCode: fresh.regionCode });
        }
      }
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!user) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const change: Omit<UpdateUserInput, 'version'> = {};
    if (values.name.trim() !== user.name) change.name = values.name.trim();
    if (values.role !== user.role) change.role = values.role;
    if (values.regionCode !== user.regionCode) change.regionCode = values.regionCode;
    if (Object.keys(change).length === 0) {
      message.info('没有需要保存的修改');
      return;
    }
    await patch(change, '已保存');
  };

  const roleOptions = (
    assignable.includes(user?.role ?? 'officer') ? assignable : [...assignable, ...(user ? [user.role] : [])]
  ).map((r) => ({
    value: r,
    label: ROLE_LABELS[r],
    disabled: !assignable.includes(r),
  }));

  return (
    <Drawer
      open={!!initial}
      onClose={onClose}
      title={user ? `管理用户：${user.name}` : '管理用户'}
      size={mobile ? '100%' : 480}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" loading={busy} onClick={() => void save()}>
            保存修改
          </Button>
        </Flex>
      }
    >
      {user ? (
        <>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="用户名">{user.username}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <UserStatus user={user} />
            </Descriptions.Item>
            {user.lockedUntil ? (
              <Descriptions.Item label="锁定至">{formatDateTime(user.lockedUntil)}</Descriptions.Item>
            ) : null}
            <Descriptions.Item label="动态验证码">{user.totpEnabled ? '已启用' : '未启用'}</Descriptions.Item>
            <Descriptions.Item label="最近登录">{formatDateTime(user.lastLoginAt)}</Descriptions.Item>
            <Descriptions.Item label="创建时间">{formatDateTime(user.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Form<EditForm> form={form} layout="vertical">
            <Form.Item
              name="name"
              label="姓名"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { max: 50, message: '姓名最多 50 个字' },
              ]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="role" label="角色" extra={self ? '不能修改自己的角色' : undefined}>
              <Select options={roleOptions} disabled={self || !assignable.includes(user.role)} />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label="所属区划"
              rules={[{ required: true, message: '请选择所属区划' }]}
            >
              <RegionPicker rootCode={me.regionCode} />
            </Form.Item>
          </Form>
          <Divider titlePlacement="start">账户操作</Divider>
          <UserActions
            user={user}
            self={self}
            busy={busy}
            onPatch={(change, done) => void patch(change, done)}
          />
        </>
      ) : null}
    </Drawer>
  );
}
