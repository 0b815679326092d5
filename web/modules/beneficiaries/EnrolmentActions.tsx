import { useState } from 'react';
import { Alert, Button, Input, Space, message } from 'antd';
import type { HouseholdDetail } from '../../../common/contracts/beneficiaries';
import { errorMessage } from '../../api/client';
import { useCan } from '../../lib/auth';
import { beneficiariesApi, useBeneficiaryWrite } from './queries';

/** 审核 (applied → reviewed) and 审批 (approve or reject), with a note; shown for applications only. */
export function EnrolmentActions({ household: h }: { household: HouseholdDetail }) {
  const canReview = useCan('beneficiaries:manage');
  const canApprove = useCan('beneficiaries:approve');
  const [note, setNote] = useState('');
  const step = useBeneficiaryWrite((s: 'review' | 'approve' | 'reject') =>
    beneficiariesApi.step(h.id, s, note),
  );
  if (h.status !== 'applied' && h.status !== 'reviewed') return null;
  const run = (s: 'review' | 'approve' | 'reject') =>
    step.mutate(s, { onSuccess: () => setNote(''), onError: (e) => void message.error(errorMessage(e)) });
  const buttons = [
    h.status === 'applied' && canReview && (
      <Button key="review" type="primary" onClick={() => run('review')} disabled={note.trim().length < 2}>
        审核通过
      </Button>
    ),
    h.status === 'reviewed' && canApprove && (
      <Button key="approve" type="primary" onClick={() => run('approve')} disabled={note.trim().length < 2}>
        审批通过
      </Button>
    ),
    canApprove && (
      <Button key="reject" danger onClick={() => run('reject')} disabled={note.trim().length < 2}>
        不予通过
      </Button>
    ),
  ].filter(Boolean);
  return (
    <Alert
      style={{ marginBottom: 12 }}
      type="info"
      title={h.status === 'applied' ? '申请待审核' : '已审核，待审批（审批人须不同于受理人和审核人）'}
      description={
        buttons.length > 0 ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={2}
              maxLength={500}
              placeholder="审核、审批意见"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Space wrap>{buttons}</Space>
          </Space>
        ) : (
          '您没有该步骤的权限'
        )
      }
    />
  );
}
