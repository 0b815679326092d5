import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Skeleton, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ADMIN_TRIAD, ROLE_LABELS, ROLES, type Role } from '../../../common/enums';
import { authApi } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { useUser } from '../../lib/auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';

const sameSet = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

/** The security policy: which roles must sign in with a one-time code (TOTP) as a second factor. */
export function SecurityPolicyPage() {
  const me = useUser();
  const { message } = App.useApp();
  const client = useQueryClient();
  const policy = useQuery({ queryKey: ['auth', 'policy'], queryFn: authApi.policy });
  const [roles, setRoles] = useState<Role[]>([]);
  useEffect(() => {
    if (policy.data) setRoles(policy.data.totpRequiredRoles);
  }, [policy.data]);

  const save = useMutation({
    mutationFn: (next: Role[]) => authApi.setPolicy({ totpRequiredRoles: next }),
    onSuccess: (data) => {
      client.setQueryData(['auth', 'policy'], data);
      message.success('安全策略已保存');
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const dirty = !!policy.data && !sameSet(roles, policy.data.totpRequiredRoles);
  return (
    <div>
      <PageHeader title="安全策略" subtitle="设置哪些角色登录时必须使用动态验证码（双因素认证）" />
      {policy.error ? <QueryError error={policy.error} onRetry={() => void policy.refetch()} /> : null}
      {policy.isLoading ? <Skeleton active /> : null}
      {policy.data ? (
        <Card title="要求双因素认证的角色">
          <Alert
            type="info"
            showIcon
            className="fx-block"
            title="勾选的角色在下次登录后必须先绑定身份验证器，之后每次登录都需输入 6 位动态验证码。"
            description="按等级保护要求，建议至少为系统管理员、安全管理员、审计管理员（三员）开启。"
          />
          <Checkbox.Group value={roles} onChange={(v) => setRoles(v)} className="fx-role-grid">
            {ROLES.map((r) => (
              <Checkbox key={r} value={r}>
                {ROLE_LABELS[r]}
                {ADMIN_TRIAD.includes(r) ? (
                  <Tag color="purple" style={{ marginInlineStart: 6 }}>
                    三员
                  </Tag>
                ) : null}
              </Checkbox>
            ))}
          </Checkbox.Group>
          {dirty && roles.includes(me.role) && !me.totpEnabled ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 16 }}
              title="您本人的角色也在所选范围内，保存后需立即绑定动态验证码才能继续操作。"
            />
          ) : null}
          <Flex wrap gap={8} align="center" style={{ marginTop: 16 }}>
            <Button
              type="primary"
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate(roles)}
            >
              保存策略
            </Button>
            <Button
              disabled={!dirty || save.isPending}
              onClick={() => setRoles(policy.data.totpRequiredRoles)}
            >
              撤销修改
            </Button>
            <Typography.Text type="secondary">已选 {roles.length} 个角色</Typography.Text>
          </Flex>
        </Card>
      ) : null}
    </div>
  );
}
