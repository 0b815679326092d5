import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import type { HotlineCall } from '../../../common/contracts/hotline';
import {
  CALL_STATUS_LABELS,
  HOTLINE_CATEGORY_LABELS,
  HOTLINE_URGENCY_LABELS,
  type CallStatus,
  type HotlineCategory,
  type HotlineUrgency,
} from '../../../common/enums';

const LIGHT_COLORS: Record<HotlineCall['light'], string> = {
  green: '#16a34a',
  yellow: '#f59e0b',
  red: '#dc2626',
  done: '#9ca3af',
};

const LIGHT_NAMES: Record<HotlineCall['light'], string> = {
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  done: '已完成',
};

/** Re-renders every minute so a "剩余" figure does not go stale between refetches. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

type Clocked = Pick<HotlineCall, 'light' | 'clocks' | 'status'>;

/** The running clock that is due first (verification, then assistance), or null when all stopped. */
function runningClock(call: Clocked): { name: string; dueAt: string } | null {
  const running = [
    { name: '核实', c: call.clocks.verify },
    { name: '救助', c: call.clocks.payment },
  ].filter((x) => x.c.light !== 'done' && x.c.dueAt);
  running.sort((a, b) => new Date(a.c.dueAt!).getTime() - new Date(b.c.dueAt!).getTime());
  return running[0] ? { name: running[0].name, dueAt: running[0].c.dueAt! } : null;
}

/** 核实剩余 3h / 救助剩余 40 分钟 / 已超时 / 已完成, for the clock due first. */
export function slaText(call: Clocked, now: number): string {
  const clock = runningClock(call);
  if (call.light === 'done' || !clock) return '已完成';
  const left = new Date(clock.dueAt).getTime() - now;
  if (call.light === 'red' || left <= 0) return `${clock.name}已超时`;
  const minutes = Math.floor(left / 60_000);
  if (minutes < 60) return `${clock.name}剩余 ${Math.max(1, minutes)} 分钟`;
  return `${clock.name}剩余 ${Math.floor(minutes / 60)}h`;
}

/** The traffic light of the case (its worst running clock): a coloured dot and the time left. */
export function SlaLight({ call }: { call: Clocked }) {
  const now = useNow();
  return (
    <span className={`fx-sla fx-sla-${call.light}`} title={`办理时限：${LIGHT_NAMES[call.light]}`} data-light={call.light}>
      <span className="fx-sla-dot" style={{ background: LIGHT_COLORS[call.light] }} aria-hidden />
      <span>{slaText(call, now)}</span>
    </span>
  );
}

export function CategoryTag({ category }: { category: HotlineCategory }) {
  return <Tag color="blue">{HOTLINE_CATEGORY_LABELS[category]}</Tag>;
}

export function UrgencyTag({ urgency }: { urgency: HotlineUrgency }) {
  return urgency === 'urgent' ? <Tag color="red">{HOTLINE_URGENCY_LABELS.urgent}</Tag> : null;
}

const STATUS_COLORS: Record<CallStatus, string> = {
  open: 'orange',
  claimed: 'processing',
  verified: 'green',
  closed: 'default',
};

export function CallStatusTag({ status }: { status: CallStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{CALL_STATUS_LABELS[status]}</Tag>;
}

/** Escalated first (the county sees them), then the server's order (newest first). */
export function escalatedFirst(calls: HotlineCall[]): HotlineCall[] {
  return calls
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Number(b.c.escalated) - Number(a.c.escalated) || a.i - b.i)
    .map(({ c }) => c);
}
