import { useState } from 'react';
import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Tag } from 'antd';
import type { Incident } from '../../../common/contracts/incidents';
import {
  INCIDENT_KIND_LABELS,
  INCIDENT_STATUS_LABELS,
  REGION_LEVEL_LABELS,
  type IncidentKind,
} from '../../../common/enums';
import { errorMessage } from '../../api/client';
import { incidentsApi } from '../../api/incidents';
import { useUser } from '../../lib/auth';
import { useInvalidateIncidents } from './queries';

const KIND_COLORS: Record<IncidentKind, string> = {
  suspected_case: 'orange',
  confirmed_case: 'red',
  fever_cluster: 'volcano',
  death: 'magenta',
  missing_person: 'purple',
  other: 'default',
};

export function KindTag({ kind }: { kind: IncidentKind }) {
  return <Tag color={KIND_COLORS[kind]}>{INCIDENT_KIND_LABELS[kind]}</Tag>;
}

export function IncidentStatusTag({ incident: i }: { incident: Incident }) {
  return (
    <Tag color={i.status === 'open' ? 'red' : 'default'}>{INCIDENT_STATUS_LABELS[i.status]}</Tag>
  );
}

/** Levels that acknowledged, in order: 乡镇(街道)、县级 ... */
export function ackLevelsText(i: Incident): string {
  if (!i.acks.length) return '尚无签收';
  const levels = [...new Set(i.acks.map((a) => REGION_LEVEL_LABELS[a.level]))];
  return `已签收 ${i.acks.length} 人：${levels.join('、')}`;
}

/** Officers above the institution acknowledge; institution reporters only report. */
export function useCanAcknowledge(): boolean {
  const user = useUser();
  return !user.institutionId && user.role !== 'reporter';
}

/** "我已签收" once done; a 签收 button while the incident is open and the caller has not. */
export function AckControl({ incident: i, block }: { incident: Incident; block?: boolean }) {
  const { message } = App.useApp();
  const canAck = useCanAcknowledge();
  const invalidate = useInvalidateIncidents();
  const [busy, setBusy] = useState(false);
  if (i.acknowledgedByMe)
    return (
      <Tag icon={<CheckOutlined />} color="green" data-testid="acked-by-me">
        我已签收
      </Tag>
    );
  if (!canAck || i.status !== 'open') return null;
  const ack = async () => {
    setBusy(true);
    try {
      await incidentsApi.acknowledge(i.id);
      void message.success('已签收');
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
      invalidate();
    }
  };
  return (
    <Button
      type="primary"
      danger
      size="small"
      icon={<CheckOutlined />}
      loading={busy}
      block={block}
      onClick={() => void ack()}
    >
      签收
    </Button>
  );
}
