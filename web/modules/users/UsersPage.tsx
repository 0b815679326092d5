import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { User, UserWithPassword } from '../../../common/contracts/users';
import { ROLES, type Role } from '../../../common/enums';
import { useCan, useUser } from '../../lib/auth';
import { DEFAULT_PAGE_SIZE, positiveInt, toSearchParams } from '../../lib/url-state';
import { DataView } from '../../components/DataView';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { CreateUserModal } from './CreateUserModal';
import { EditUserDrawer } from './EditUserDrawer';
import { TemporaryPasswordModal, type TemporaryPassword } from './TemporaryPasswordModal';
import { UserFilterBar, type UserFilterValues } from './UserFilterBar';
import { UserCard, userColumns } from './userColumns';
import { useInvalidateUsers, useUserList } from './queries';

export function UsersPage() {
  const me = useUser();
  const canManage = useCan('users:manage');
  const [params, setParams] = useSearchParams();
  const role = params.get('role');
  const filters: UserFilterValues = {
    q: params.get('q') ?? undefined,
    role: role && (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined,
    region: params.get('region') ?? undefined,
  };
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const list = useUserList({ ...filters, page, pageSize });
  const invalidate = useInvalidateUsers();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [temporary, setTemporary] = useState<TemporaryPassword | null>(null);

  const update = (next: UserFilterValues & { page?: number; pageSize?: number }) =>
    setParams(toSearchParams({ ...next }));

  const showPassword = (u: UserWithPassword, reason: TemporaryPassword['reason']) => {
    if (u.temporaryPassword)
      setTemporary({ username: u.username, name: u.name, password: u.temporaryPassword, reason });
  };
  const onEdit = canManage ? setEditing : null;

  return (
    <div>
      <PageHeader
        title="用户管理"
        subtitle={`管辖范围：${me.regionName}`}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建用户
            </Button>
          ) : undefined
        }
      />
      <UserFilterBar value={filters} rootCode={me.regionCode} onChange={(f) => update({ ...f, pageSize })} />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DataView<User>
        rows={list.data?.items ?? []}
        rowKey={(u) => u.id}
        columns={userColumns(onEdit)}
        renderCard={(u) => <UserCard user={u} onEdit={onEdit} />}
        loading={list.isFetching}
        emptyText="没有符合条件的用户"
        paging={{
          page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, size) => update({ ...filters, page: size === pageSize ? p : 1, pageSize: size }),
        }}
      />
      {canManage ? (
        <>
          <CreateUserModal
            open={creating}
            onClose={() => setCreating(false)}
            onCreated={(u) => {
              setCreating(false);
              invalidate();
              showPassword(u, 'created');
            }}
          />
          <EditUserDrawer
            user={editing}
            onClose={() => setEditing(null)}
            onSaved={(u) => {
              invalidate();
              showPassword(u, 'reset');
            }}
          />
        </>
      ) : null}
      <TemporaryPasswordModal value={temporary} onClose={() => setTemporary(null)} />
    </div>
  );
}
