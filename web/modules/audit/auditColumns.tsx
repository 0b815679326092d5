import { Button, Flex, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntry } from '../../../common/contracts/audit';
import { AUDIT_RESULT_LABELS, ROLE_LABELS, type Role } from '../../../common/enums';
import { formatDateTime } from '../../lib/format';
import { actionLabel, entityTypeLabel } from './labels';

const roleLabel = (role: string | null) => (role ? (ROLE_LABELS[role as Role] ?? role) : '');

function ResultTag({ entry }: { entry: AuditEntry }) {
  return <Tag color={entry.result === 'success' ? 'green' : 'red'}>{AUDIT_RESULT_LABELS[entry.result]}</Tag>;
}

function Actor({ entry }: { entry: AuditEntry }) {
  if (!entry.actorUsername) return <Typography.Text type="secondary">系统</Typography.Text>;
  return (
    <span>
      {entry.actorUsername}
      {entry.actorRole ? (
        <Typography.Text type="secondary">（{roleLabel(entry.actorRole)}）</Typography.Text>
      ) : null}
    </span>
  );
}

const entityText = (e: AuditEntry) =>
  e.entityType ? `${entityTypeLabel(e.entityType)} ${e.entityId ? e.entityId.slice(0, 8) : ''}` : '—';

export function auditColumns(onShow: (entry: AuditEntry) => void): TableColumnsType<AuditEntry> {
  return [
    { title: '序号', dataIndex: 'seq', key: 'seq', width: 80 },
    { title: '时间', key: 'at', render: (_, e) => formatDateTime(e.at) },
    { title: '操作人', key: 'actor', render: (_, e) => <Actor entry={e} /> },
    { title: '操作', key: 'action', render: (_, e) => actionLabel(e.action) },
    { title: '对象', key: 'entity', render: (_, e) => entityText(e) },
    { title: '区划代码', key: 'region', render: (_, e) => e.regionCode ?? '—' },
    { title: '结果', key: 'result', render: (_, e) => <ResultTag entry={e} /> },
    { title: 'IP', key: 'ip', render: (_, e) => e.ip ?? '—' },
    {
      title: '详情',
      key: 'details',
      fixed: 'right',
      render: (_, e) => (
        <Button type="link" size="small" onClick={() => onShow(e)}>
          查看
        </Button>
      ),
    },
  ];
}

export function AuditCard({ entry, onShow }: { entry: AuditEntry; onShow: (entry: AuditEntry) => void }) {
  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{actionLabel(entry.action)}</Typography.Text>
        <ResultTag entry={entry} />
      </Flex>
      <Actor entry={entry} />
      <Typography.Text type="secondary" className="fx-small">
        #{entry.seq} · {formatDateTime(entry.at)} · {entityText(entry)}
      </Typography.Text>
      <Button size="small" onClick={() => onShow(entry)} style={{ alignSelf: 'flex-start' }}>
        查看详情
      </Button>
    </Flex>
  );
}
