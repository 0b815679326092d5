import { Descriptions, Modal } from 'antd';
import type { AuditEntry } from '../../../common/contracts/audit';
import { AUDIT_RESULT_LABELS } from '../../../common/enums';
import { formatDateTime } from '../../lib/format';
import { actionLabel, entityTypeLabel } from './labels';

export function AuditDetailModal({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  return (
    <Modal
      open={!!entry}
      title={entry ? `审计记录 #${entry.seq}` : '审计记录'}
      onCancel={onClose}
      footer={null}
      width={640}
    >
      {entry ? (
        <Descriptions column={1} size="small" bordered className="fx-audit-detail">
          <Descriptions.Item label="时间">{formatDateTime(entry.at)}</Descriptions.Item>
          <Descriptions.Item label="操作">
            {actionLabel(entry.action)}（{entry.action}）
          </Descriptions.Item>
          <Descriptions.Item label="结果">{AUDIT_RESULT_LABELS[entry.result]}</Descriptions.Item>
          <Descriptions.Item label="操作人">{entry.actorUsername ?? '系统'}</Descriptions.Item>
          <Descriptions.Item label="对象">
            {entityTypeLabel(entry.entityType)} {entry.entityId ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label="区划代码">{entry.regionCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="IP">{entry.ip ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="请求编号">{entry.requestId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="详细内容">
            <pre className="fx-json">{JSON.stringify(entry.details ?? {}, null, 2)}</pre>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Modal>
  );
}
