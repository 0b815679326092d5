import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecordMovementInput } from '../../../common/contracts/supplies';
import { suppliesApi } from '../../api/supplies';

export function useStock(institutionId: string) {
  return useQuery({
    queryKey: ['supplies', 'stock', institutionId],
    queryFn: () => suppliesApi.stock(institutionId),
  });
}

export function useMovements(institutionId: string) {
  return useQuery({
    queryKey: ['supplies', 'movements', institutionId],
    queryFn: () => suppliesApi.movements(institutionId),
  });
}

export function useBelowNorm(region: string) {
  return useQuery({
    queryKey: ['supplies', 'below-norm', region],
    queryFn: () => suppliesApi.belowNorm(region),
    placeholderData: keepPreviousData,
  });
}

export function useRecordMovement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordMovementInput) => suppliesApi.record(input),
    onSuccess: (stock) => {
      client.setQueryData(['supplies', 'stock', stock.institutionId], stock);
      void client.invalidateQueries({ queryKey: ['supplies'] });
    },
  });
}

/** 12.5 天, or a dash when nothing was consumed lately. */
export function coverText(days: number | null): string {
  return days === null ? '无近期消耗' : `${Math.round(days * 10) / 10} 天`;
}

export function qty(n: number, unit: string | null): string {
  return `${Math.round(n * 100) / 100}${unit ? ` ${unit}` : ''}`;
}
