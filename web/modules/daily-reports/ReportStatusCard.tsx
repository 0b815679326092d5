import { useEffect, useState, type ReactNode } from 'react';
import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import type { DailyReport } from '../../../common/contracts/daily-reports';
import { FIGURE_KEYS, FIGURE_LABELS } from '../../../common/contracts/daily-reports';
import { SUPPLY_CATEGORY_LABELS, type SupplyCategory } from '../../../common/enums';
import {
  ALARM_KEYS,
  CHECKLIST_KEYS,
  CHECKLIST_LABELS,
  deadlineOf,
  FIGURE_UNITS,
  formatDuration,
  KIND_SHORT,
  longDate,
  shanghaiClock,
  shanghaiDateTime,
} from './labels';

/** The current time, ticking every `ms`. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export type ObligationStatus = 'pending' | 'overdue' | 'on_time' | 'late';

export function obligationStatus(
  report: DailyReport | null,
  deadline: Date | null,
  now: number,
): ObligationStatus {
  if (report) return report.onTime ? 'on_time' : 'late';
  return deadline && now > deadline.getTime() ? 'overdue' : 'pending';
}

const STATUS_VIEW: Record<ObligationStatus, { label: string; color: string; icon: ReactNode }> = {
  pending: { label: '未报', color: 'orange', icon: <ClockCircleOutlined /> },
  overdue: { label: '未报 · 已超时', color: 'red', icon: <ExclamationCircleFilled /> },
  on_time: { label: '已报 · 按时', color: 'green', icon: <CheckCircleFilled /> },
  late: { label: '迟报', color: 'volcano', icon: <ExclamationCircleFilled /> },
};

function SentFigures({ figures }: { figures: Record<string, unknown> }) {
  const supplies = Array.isArray(figures.supplies)
    ? (figures.supplies as { category: string; quantity: number; unit?: string }[])
    : [];
  return (
    <div>
      <div className="fx-sent-grid">
        {FIGURE_KEYS.map((key) => {
          const value = typeof figures[key] === 'number' ? figures[key] : 0;
          const alarm = ALARM_KEYS.includes(key) && value > 0;
          return (
            <div key={key} className={alarm ? 'fx-sent-item fx-alarm' : 'fx-sent-item'}>
              <span className="fx-sent-label">{FIGURE_LABELS[key]}</span>
              <b>
                {value}
                <small> {FIGURE_UNITS[key]}</small>
              </b>
            </div>
          );
        })}
        <div className="fx-sent-item">
          <span className="fx-sent-label">{FIGURE_LABELS.disinfectionDone}</span>
          <b>{figures.disinfectionDone === true ? '是' : '否'}</b>
        </div>
      </div>
      {supplies.length ? (
        <div className="fx-sent-extra">
          物资消耗：
          {supplies
            .map(
              (s) =>
                `${SUPPLY_CATEGORY_LABELS[s.category as SupplyCategory] ?? s.category} ${s.quantity}${s.unit ?? ''}`,
            )
            .join('，')}
        </div>
      ) : null}
      {typeof figures.notes === 'string' && figures.notes ? (
        <div className="fx-sent-extra">备注：{figures.notes}</div>
      ) : null}
    </div>
  );
}

/** What was sent for the day: kind, when and by whom, and its content. */
export function SentReport({ report }: { report: DailyReport }) {
  return (
    <Flex vertical gap={8} data-testid="sent-report">
      <div>
        <Tag color="blue">{KIND_SHORT[report.kind]}</Tag>
        {report.onBehalf ? <Tag color="purple">代报</Tag> : null}
        <Typography.Text type="secondary">
          {shanghaiDateTime(report.submittedAt)} · {report.submittedByName} 提交
        </Typography.Text>
      </div>
      {report.kind === 'zero' && report.checklist ? (
        <div className="fx-checked-list">
          {CHECKLIST_KEYS.map((key) => (
            <div key={key} className={report.checklist![key] ? 'fx-checked' : 'fx-unchecked'}>
              {report.checklist![key] ? '✓' : '✗'} {CHECKLIST_LABELS[key]}
            </div>
          ))}
          <div className="fx-muted">签认人：{report.signer ?? '—'}</div>
        </div>
      ) : null}
      {report.kind === 'report' && report.figures ? <SentFigures figures={report.figures} /> : null}
      {report.kind === 'not_applicable' ? <div>原因：{report.reason ?? '—'}</div> : null}
      {report.correctedAt ? (
        <Typography.Text type="secondary" className="fx-small">
          已于 {shanghaiDateTime(report.correctedAt)} 更正（第 {report.version} 版）
          {report.correctionReason ? `，原因：${report.correctionReason}` : ''}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The day's obligation: due time, status, and what was sent. */
export function ReportStatusCard({
  date,
  today,
  deadlineTime,
  report,
  children,
}: {
  date: string;
  today: string;
  deadlineTime: string | undefined;
  report: DailyReport | null | undefined;
  /** The actions (zero report, form ...) below the status. */
  children?: ReactNode;
}) {
  const now = useNow(30_000);
  const deadline = deadlineTime ? deadlineOf(date, deadlineTime) : null;
  const status = report === undefined ? null : obligationStatus(report, deadline, now);
  const view = status ? STATUS_VIEW[status] : null;
  return (
    <Card className="fx-today-card" data-testid="today-card">
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {date === today ? '今日报送' : `${Number(date.slice(5, 7))}月${Number(date.slice(8))}日报送`}
        </Typography.Title>
        <Typography.Text strong className="fx-deadline" data-testid="deadline">
          截止 {deadlineTime ?? '--:--'}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary">{longDate(date)}</Typography.Text>
      {view ? (
        <Flex align="center" gap={8} wrap className="fx-today-status">
          <Tag color={view.color} icon={view.icon} className="fx-status-tag" data-testid="report-status">
            {view.label}
          </Tag>
          {status === 'pending' && deadline ? (
            <Typography.Text type="secondary">
              距截止还有 {formatDuration(deadline.getTime() - now)}
            </Typography.Text>
          ) : null}
          {status === 'overdue' ? <Typography.Text type="danger">现在报送将记为迟报</Typography.Text> : null}
          {report && deadline ? (
            <Typography.Text type="secondary">{shanghaiClock(report.submittedAt)} 报送</Typography.Text>
          ) : null}
        </Flex>
      ) : null}
      {report ? <SentReport report={report} /> : null}
      {children}
    </Card>
  );
}
