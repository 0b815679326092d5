import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallQuery } from '../../../common/contracts/hotline';
import { hotlineApi } from '../../api/hotline';

/** The queue's lights change with the clock and with other operators: refresh every 30 s. */
export const HOTLINE_REFRESH_MS = 30_000;

export function useCallList(params: Partial<CallQuery>) {
  return useQuery({
    queryKey: ['hotline', 'calls', params],
    queryFn: () => hotlineApi.calls(params),
    placeholderData: keepPreviousData,
    refetchInterval: HOTLINE_REFRESH_MS,
  });
}

/** A caller's earlier calls, looked up by the full number while the call is taken. */
export function useCallerHistory(phone: string | null) {
  return useQuery({
    queryKey: ['hotline', 'history', phone],
    queryFn: () => hotlineApi.calls({ phone: phone!, pageSize: 10 }),
    enabled: !!phone,
  });
}

export function useCallStats(params: { region?: string; from?: string; to?: string }) {
  return useQuery({
    queryKey: ['hotline', 'stats', params],
    queryFn: () => hotlineApi.stats(params),
    placeholderData: keepPreviousData,
  });
}

/** The public directory (no session needed). */
export function useDirectory(region?: string) {
  return useQuery({
    queryKey: ['hotline', 'directory', region ?? ''],
    queryFn: () => hotlineApi.directory(region),
  });
}

export function useInvalidateHotline() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['hotline'] });
}
