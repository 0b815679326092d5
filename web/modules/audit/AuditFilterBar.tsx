import { useEffect, useState } from 'react';
import { DatePicker, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useIsMobile } from '../../lib/responsive';
import { FilterPanel } from '../../components/FilterPanel';
import { AUDIT_RESULT_LABELS, AUDIT_RESULTS, type AuditResult } from '../../../common/enums';
import { actionOptions, ENTITY_TYPES } from './labels';
import { OpenSelect } from './OpenSelect';

const ACTIONS = actionOptions();
const ENTITY_OPTIONS = Object.entries(ENTITY_TYPES).map(([value, label]) => ({ value, label }));
const typedAction = (text: string) => `以“${text}”开头的操作`;
const typedEntity = (text: string) => `对象类型“${text}”`;

export interface AuditFilterValues {
  action?: string;
  actor?: string;
  entityType?: string;
  result?: AuditResult;
  from?: string;
  to?: string;
}

/** Text fields apply on Enter or blur; selects and dates at once. */
export function AuditFilterBar({
  value,
  onChange,
}: {
  value: AuditFilterValues;
  onChange: (v: AuditFilterValues) => void;
}) {
  const mobile = useIsMobile();
  const [actor, setActor] = useState(value.actor ?? '');
  useEffect(() => setActor(value.actor ?? ''), [value.actor]);
  const range: [Dayjs, Dayjs] | null = value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null;
  const applyActor = () => {
    const next = actor.trim() || undefined;
    if (next !== value.actor) onChange({ ...value, actor: next });
  };

  return (
    <FilterPanel
      active={[value.actor, value.entityType, value.result, value.from, value.to].filter(Boolean).length}
      primary={
        <OpenSelect
          placeholder="全部操作"
          value={value.action}
          onChange={(action) => onChange({ ...value, action })}
          options={ACTIONS}
          typedLabel={typedAction}
          className="fx-filter-item"
        />
      }
    >
      <Input
        allowClear
        placeholder="操作人用户名（回车筛选）"
        value={actor}
        onChange={(e) => setActor(e.target.value)}
        onPressEnter={applyActor}
        onBlur={applyActor}
        className="fx-filter-item"
      />
      <OpenSelect
        placeholder="全部对象类型"
        value={value.entityType}
        onChange={(entityType) => onChange({ ...value, entityType })}
        options={ENTITY_OPTIONS}
        typedLabel={typedEntity}
        className="fx-filter-item"
      />
      <Select<AuditResult>
        allowClear
        placeholder="全部结果"
        value={value.result}
        onChange={(result) => onChange({ ...value, result: result ?? undefined })}
        options={AUDIT_RESULTS.map((r) => ({ value: r, label: AUDIT_RESULT_LABELS[r] }))}
        className="fx-filter-item"
      />
      {mobile ? (
        <>
          <DatePicker
            value={value.from ? dayjs(value.from) : null}
            onChange={(d) => onChange({ ...value, from: d ? d.startOf('day').format() : undefined })}
            placeholder="开始日期"
            className="fx-filter-item"
            inputReadOnly
          />
          <DatePicker
            value={value.to ? dayjs(value.to) : null}
            onChange={(d) => onChange({ ...value, to: d ? d.endOf('day').format() : undefined })}
            placeholder="结束日期"
            className="fx-filter-item"
            inputReadOnly
          />
        </>
      ) : (
        <DatePicker.RangePicker
          value={range}
          onChange={(dates) => {
            const [from, to] = dates ?? [];
            onChange({ ...value, from: from?.startOf('day').format(), to: to?.endOf('day').format() });
          }}
          placeholder={['开始日期', '结束日期']}
          className="fx-filter-range"
        />
      )}
    </FilterPanel>
  );
}
