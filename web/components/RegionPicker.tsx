import { useMemo, useState, type CSSProperties } from 'react';
import { Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Region } from '../../common/contracts/regions';
import { REGION_LEVEL_LABELS } from '../../common/enums';
import { isWithin } from '../../common/region-code';
import { regionsApi } from '../api/regions';
import { useDebounced } from '../lib/use-debounced';

export interface RegionPickerProps {
  /** The region the choice must lie within (the user's scope). */
  rootCode: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: CSSProperties;
  className?: string;
}

interface Option {
  value: string;
  label: string;
  region: Region;
}

const toOption = (region: Region): Option => ({ value: region.code, label: region.name, region });

/** Picks a region within `rootCode`: the root and its children at first, any region by name or code when typed. */
export function RegionPicker({
  rootCode,
  value,
  onChange,
  placeholder = '输入名称或代码搜索区划',
  allowClear,
  id,
  style,
  className,
}: RegionPickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const root = useQuery({ queryKey: ['regions', rootCode], queryFn: () => regionsApi.get(rootCode) });
  const children = useQuery({
    queryKey: ['regions', rootCode, 'children'],
    queryFn: () => regionsApi.children(rootCode),
  });
  const found = useQuery({
    queryKey: ['regions', 'search', q],
    queryFn: () => regionsApi.search(q),
    enabled: q.length > 0,
  });
  const selected = useQuery({
    queryKey: ['regions', value],
    queryFn: () => regionsApi.get(value!),
    enabled: !!value && value !== rootCode,
  });

  const options = useMemo(() => {
    const list: Region[] = q
      ? (found.data?.items ?? [])
      : [...(root.data ? [root.data] : []), ...(children.data?.items ?? [])];
    // Keep the chosen region nameable after a search is cleared.
    if (!q && selected.data && !list.some((r) => r.code === selected.data.code)) list.unshift(selected.data);
    return list.filter((r) => isWithin(r.code, rootCode)).map(toOption);
  }, [q, found.data, root.data, children.data, selected.data, rootCode]);

  return (
    <Select<string, Option>
      id={id}
      style={style}
      className={className}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onOpenChange={(open) => !open && setSearch('')}
      loading={root.isLoading || found.isFetching}
      notFoundContent={q ? (found.isFetching ? '正在搜索…' : '没有找到管辖范围内的区划') : '暂无区划'}
      options={options}
      optionRender={(option) => (
        <div>
          <div>{option.data.region.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {REGION_LEVEL_LABELS[option.data.region.level]} · {option.data.region.code}
          </Typography.Text>
        </div>
      )}
    />
  );
}
