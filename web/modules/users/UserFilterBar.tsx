import { useEffect, useState } from 'react';
import { Input, Select } from 'antd';
import type { Role } from '../../../common/enums';
import { ROLE_LABELS, ROLES } from '../../../common/enums';
import { FilterPanel } from '../../components/FilterPanel';
import { RegionPicker } from '../../components/RegionPicker';

export interface UserFilterValues {
  q?: string;
  role?: Role;
  region?: string;
}

export function UserFilterBar({
  value,
  rootCode,
  onChange,
}: {
  value: UserFilterValues;
  rootCode: string;
  onChange: (v: UserFilterValues) => void;
}) {
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  return (
    <FilterPanel
      active={(value.role ? 1 : 0) + (value.region ? 1 : 0)}
      primary={
        <Input.Search
          allowClear
          placeholder="用户名或姓名"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(text) => onChange({ ...value, q: text.trim() || undefined })}
          className="fx-filter-item"
          enterButton
        />
      }
    >
      <Select<Role>
        allowClear
        placeholder="全部角色"
        value={value.role}
        onChange={(role) => onChange({ ...value, role: role ?? undefined })}
        options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        className="fx-filter-item"
      />
      <RegionPicker
        rootCode={rootCode}
        allowClear
        placeholder="全部区划"
        value={value.region}
        onChange={(region) => onChange({ ...value, region })}
        className="fx-filter-item"
      />
    </FilterPanel>
  );
}
