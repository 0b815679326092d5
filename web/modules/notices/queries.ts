import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { noticesApi, type NoticeFilters } from '../../api/notices';

export function useNoticeList(filters: NoticeFilters) {
  return useQuery({
    queryKey: ['notices', 'list', filters],
    queryFn: () => noticesApi.list(filters),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useNotice(id: string) {
  return useQuery({ queryKey: ['notices', 'detail', id], queryFn: () => noticesApi.get(id) });
}

export function useInvalidateNotices() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['notices'] });
}
