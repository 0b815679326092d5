import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { emergencyApi, type OrderFilters } from '../../api/emergency';

/** The board refreshes by itself: a leader watching it sees closures as they happen. */
export const BOARD_POLL_MS = 15_000;

export function useSummary(region: string) {
  return useQuery({
    queryKey: ['emergency', 'summary', region],
    queryFn: () => emergencyApi.summary(region),
    refetchInterval: BOARD_POLL_MS,
    staleTime: 5_000,
    placeholderData: keepPreviousData,
  });
}

export function useResponseHistory(region: string) {
  return useQuery({
    queryKey: ['emergency', 'responses', region],
    queryFn: () => emergencyApi.responses(region),
  });
}

export function useOrderList(filters: OrderFilters) {
  return useQuery({
    queryKey: ['emergency', 'orders', filters],
    queryFn: () => emergencyApi.orders(filters),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string) {
  return useQuery({ queryKey: ['emergency', 'order', id], queryFn: () => emergencyApi.order(id) });
}

/** After a level change, a closure or a lift: the board, the orders and every institution view are stale. */
export function useInvalidateEmergency() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['emergency'] });
    void client.invalidateQueries({ queryKey: ['institutions'] });
    void client.invalidateQueries({ queryKey: ['regions'] });
  };
}
