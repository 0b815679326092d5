import { useState } from 'react';
import { Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { INSTITUTION_TYPE_LABELS } from '../../../common/enums';
import { dailyReportsApi } from '../../api/daily-reports';
import { useDebounced } from '../../lib/use-debounced';

/** Finds any institution of the region by name, to report for it (代报) or correct its report. */
export function InstitutionPicker({
  region,
  onPick,
}: {
  region: string;
  onPick: (institutionId: string) => void;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const list = useQuery({
    queryKey: ['daily-reports', 'pick-institution', region, q],
    queryFn: () => dailyReportsApi.institutions({ region, ...(q ? { q } : {}), pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      value={null}
      placeholder="代报或更正其他机构：输入机构名称"
      aria-label="选择机构代报"
      className="fx-institution-picker"
      loading={list.isFetching}
      notFoundContent={list.isFetching ? '正在搜索…' : '没有找到机构'}
      onChange={(id) => id && onPick(id)}
      options={(list.data?.items ?? []).map((i) => ({
        value: i.id,
        label: (
          <div>
            <div>{i.name}</div>
            <Typography.Text type="secondary" className="fx-small">
              {INSTITUTION_TYPE_LABELS[i.type]} · {i.regionName}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
