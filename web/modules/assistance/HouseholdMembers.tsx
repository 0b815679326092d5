import { useState } from 'react';
import { Button, Popover, Spin } from 'antd';
import { MEMBER_RELATION_LABELS } from '../../../common/enums';
import type { Grant } from '../../../common/contracts/assistance';
import { QueryError } from '../../components/QueryError';
import { useGrantDetail } from './queries';

function Members({ grantId }: { grantId: string }) {
  const detail = useGrantDetail(grantId);
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Spin size="small" />;
  const h = detail.data.household;
  if (!h) return <span className="fx-muted">该家庭不在您的管辖范围内</span>;
  return (
    <div data-testid="grant-household-members">
      {h.members.map((m, i) => (
        <div key={i}>
          {m.name}（{MEMBER_RELATION_LABELS[m.relation]}）
        </div>
      ))}
    </div>
  );
}

/** For a grant to a household in the registry: its members (masked names), loaded when opened. */
export function HouseholdMembers({ grant }: { grant: Grant }) {
  const [open, setOpen] = useState(false);
  if (!grant.householdId) return null;
  return (
    <Popover title="登记在册的家庭成员" trigger="click" open={open} onOpenChange={setOpen} content={open ? <Members grantId={grant.id} /> : null}>
      <Button size="small" type="link" style={{ padding: 0, height: 'auto' }}>
        救助对象库家庭
      </Button>
    </Popover>
  );
}
