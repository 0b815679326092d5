import { useState } from 'react';
import { Alert, Button, Checkbox, Flex, Input, Typography } from 'antd';
import type { Checklist } from '../../../common/contracts/daily-reports';
import { Sheet } from '../../components/Sheet';
import { SendStatus } from '../../components/SendStatus';
import type { SendState } from '../../lib/reliable-send';
import { CHECKLIST_KEYS, CHECKLIST_LABELS, longDate } from './labels';

export interface ZeroValues {
  checklist: Checklist;
  signer: string;
}

/** The one-tap "无异常" attestation: three checks ticked in advance and the signer's name. */
export function ZeroReportSheet({
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
  onWriteReport,
}: {
  open: boolean;
  institutionName: string;
  date: string;
  initial: ZeroValues;
  send: SendState;
  onRetryNow: () => void;
  onStop: () => void;
  onChange: (values: ZeroValues) => void;
  onSubmit: (values: ZeroValues) => void;
  onClose: () => void;
  onWriteReport: () => void;
}) {
  const [values, setValues] = useState<ZeroValues>(initial);
  const busy = send.phase === 'sending' || send.phase === 'retrying';
  const update = (next: ZeroValues) => {
    setValues(next);
    onChange(next);
  };
  const signer = values.signer.trim();
  const fever = !values.checklist.noFever;

  return (
    <Sheet
      open={open}
      onClose={onClose}
      closable={!busy}
      title="零报告：今日无异常"
      footer={
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          disabled={fever || !signer}
          onClick={() => onSubmit({ ...values, signer })}
        >
          {busy ? '正在提交…' : '确认提交零报告'}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {institutionName} · {longDate(date)}
        </Typography.Text>
        <div className="fx-checklist" role="group" aria-label="核查清单">
          {CHECKLIST_KEYS.map((key) => (
            <Checkbox
              key={key}
              checked={values.checklist[key]}
              disabled={busy}
              onChange={(e) =>
                update({ ...values, checklist: { ...values.checklist, [key]: e.target.checked } })
              }
            >
              {CHECKLIST_LABELS[key]}
            </Checkbox>
          ))}
        </div>
        {fever ? (
          <Alert
            type="error"
            showIcon
            title="有发热或症状人员时不能报“无异常”"
            description="请填写日报告，写明发热人数和处置情况。"
            action={
              <Button size="small" onClick={onWriteReport}>
                填写日报告
              </Button>
            }
          />
        ) : null}
        <label className="fx-field">
          <span className="fx-field-label">签认人姓名</span>
          <Input
            size="large"
            value={values.signer}
            disabled={busy}
            maxLength={50}
            placeholder="核实情况并签认的人"
            autoComplete="name"
            onChange={(e) => update({ ...values, signer: e.target.value })}
            status={!signer ? 'warning' : undefined}
          />
        </label>
        <SendStatus state={send} onRetryNow={onRetryNow} onStop={onStop} />
      </Flex>
    </Sheet>
  );
}
