import { Tag } from 'antd';
import {
  CLOSURE_MEASURE_LABELS,
  INSTITUTION_STATUS_LABELS,
  RESPONSE_LEVEL_LABELS,
  type ClosureMeasure,
  type InstitutionStatus,
  type ResponseLevel,
} from '../../common/enums';

/** Colours of an institution's status: closed management stands out in red. */
export const STATUS_COLORS: Record<InstitutionStatus, string> = {
  operating: 'green',
  closed_management: 'red',
  gatherings_suspended: 'orange',
  services_suspended: 'gold',
  closed: 'default',
};

export function InstitutionStatusTag({ status }: { status: InstitutionStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {INSTITUTION_STATUS_LABELS[status]}
    </Tag>
  );
}

/** The national colours of response levels: Ⅰ red, Ⅱ orange, Ⅲ yellow, Ⅳ blue. */
export const LEVEL_COLORS: Record<ResponseLevel, string> = {
  none: 'default',
  IV: 'blue',
  III: 'gold',
  II: 'orange',
  I: 'red',
};

export function ResponseLevelTag({ level }: { level: ResponseLevel }) {
  return (
    <Tag color={LEVEL_COLORS[level]} data-level={level}>
      {RESPONSE_LEVEL_LABELS[level]}
    </Tag>
  );
}

/** Label of a closure measure; an unknown key (a newer server) shows as is. */
export function measureLabel(key: string): string {
  return CLOSURE_MEASURE_LABELS[key as ClosureMeasure] ?? key;
}

export function MeasureTags({ measures }: { measures: readonly string[] }) {
  if (measures.length === 0) return <span className="fx-muted">未列明措施</span>;
  return (
    <div className="fx-tags fx-wrap-tags">
      {measures.map((m) => (
        <Tag key={m}>{measureLabel(m)}</Tag>
      ))}
    </div>
  );
}
