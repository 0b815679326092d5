import { useEffect, useState } from 'react';
import { Input, Select } from 'antd';
import {
  INSTITUTION_STATUS_LABELS,
  INSTITUTION_STATUSES,
  INSTITUTION_TYPE_LABELS,
  INSTITUTION_TYPES,
  type InstitutionStatus,
  type InstitutionType,
} from '../../../common/enums';
import { FilterPanel } from '../../components/FilterPanel';
import { RegionPicker } from '../../components/RegionPicker';
import type { InstitutionFilterValues } from './filters';

export function InstitutionFilterBar({
  value,
  rootCode,
  onChange,
}: {
  value: InstitutionFilterValues;
  rootCode: string;
  onChange: (v: InstitutionFilterValues) => void;
}) {
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  return (
    <FilterPanel
      active={[value.type, value.status, value.region].filter(Boolean).length}
      primary={
        <Input.Search
          allowClear
          placeholder="机构名称、地址或责任人"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(text) => onChange({ ...value, q: text.trim() || undefined })}
          className="fx-filter-input"
          enterButton
          aria-label="搜索机构"
        />
      }
    >
      <RegionPicker
        rootCode={rootCode}
        allowClear
        placeholder="全部区划（含下级）"
        value={value.region}
        onChange={(region) => onChange({ ...value, region })}
        className="fx-filter-item"
      />
      <Select<InstitutionType>
        allowClear
        placeholder="全部类型"
        aria-label="机构类型"
        value={value.type}
        onChange={(type) => onChange({ ...value, type: type ?? undefined })}
        options={INSTITUTION_TYPES.map((t) => ({ value: t, label: INSTITUTION_TYPE_LABELS[t] }))}
        className="fx-filter-item"
      />
      <Select<InstitutionStatus>
        allowClear
        placeholder="全部状态"
        aria-label="当前状态"
        value={value.status}
        onChange={(status) => onChange({ ...value, status: status ?? undefined })}
        options={INSTITUTION_STATUSES.map((s) => ({ value: s, label: INSTITUTION_STATUS_LABELS[s] }))}
        className="fx-filter-item"
      />
    </FilterPanel>
  );
}
