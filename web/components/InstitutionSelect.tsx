import { useState, type CSSProperties } from 'react';
import { Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { INSTITUTION_TYPE_LABELS } from '../../common/enums';
import { institutionsApi } from '../api/institutions';
import { useDebounced } from '../lib/use-debounced';

export interface InstitutionSelectProps {
  /** Institutions of this region (and below). */
  region: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  className?: string;
  id?: string;
  allowClear?: boolean;
}

/** Picks one institution of a region by name (officers acting for an institution). */
export function InstitutionSelect({
  region,
  value,
  onChange,
  placeholder = '输入机构名称查找',
  style,
  className,
  id,
  allowClear,
}: InstitutionSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const list = useQuery({
    queryKey: ['institutions', 'pick', region, q],
    queryFn: () => institutionsApi.list({ region, ...(q ? { q } : {}), pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const chosen = useQuery({
    queryKey: ['institutions', value],
    queryFn: () => institutionsApi.get(value!),
    enabled: !!value,
  });
  const items = list.data?.items ?? [];
  const options = items.map((i) => ({
    value: i.id,
    name: i.name,
    label: (
      <div className="fx-option-two-line">
        <div>{i.name}</div>
        <Typography.Text type="secondary" className="fx-small">
          {INSTITUTION_TYPE_LABELS[i.type]} · {i.regionName}
        </Typography.Text>
      </div>
    ),
  }));
  if (value && chosen.data && !items.some((i) => i.id === value))
    options.unshift({ value, name: chosen.data.name, label: <div>{chosen.data.name}</div> });
  return (
    <Select<string>
      id={id}
      style={style}
      className={className}
      value={value}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onOpenChange={(open) => !open && setSearch('')}
      placeholder={placeholder}
      aria-label="选择机构"
      loading={list.isFetching}
      notFoundContent={list.isFetching ? '正在搜索…' : '没有找到机构'}
      onChange={(v) => onChange?.(v ?? undefined)}
      labelRender={(p) => options.find((o) => o.value === p.value)?.name ?? chosen.data?.name ?? '…'}
      options={options}
    />
  );
}
