import { useState } from 'react';
import { Button, Flex, Input, Typography } from 'antd';
import { Sheet } from '../../components/Sheet';
import { SendStatus } from '../../components/SendStatus';
import type { SendState } from '../../lib/reliable-send';
import { longDate } from './labels';

/** "不适用": for an institution whose services are suspended or that is closed, with the reason. */
export function NotApplicableSheet({
  open,
  institutionName,
  date,
  initial,
  send,
  onRetryNow,
  onStop,
  onChange,
  onSubmit,
  onClose,
}: {
  open: boolean;
  institutionName: string;
  date: string;
  initial: string;
  send: SendState;
  onRetryNow: () => void;
  onStop: () => void;
  onChange: (reason: string) => void;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState(initial);
  const busy = send.phase === 'sending' || send.phase === 'retrying';
  const ok = reason.trim().length >= 2;
  return (
    <Sheet
      open={open}
      onClose={onClose}
      closable={!busy}
      title="报送“不适用”"
      footer={
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          disabled={!ok}
          onClick={() => onSubmit(reason.trim())}
        >
          {busy ? '正在提交…' : '确认报送不适用'}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {institutionName} · {longDate(date)}
        </Typography.Text>
        <Typography.Text>机构暂停服务或停业期间，每日报送“不适用”并说明原因，不计为漏报。</Typography.Text>
        <label className="fx-field">
          <span className="fx-field-label">原因</span>
          <Input.TextArea
            value={reason}
            disabled={busy}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder="如：按区民政局通知暂停登记服务"
            onChange={(e) => {
              setReason(e.target.value);
              onChange(e.target.value);
            }}
          />
        </label>
        <SendStatus state={send} onRetryNow={onRetryNow} onStop={onStop} />
      </Flex>
    </Sheet>
  );
}
