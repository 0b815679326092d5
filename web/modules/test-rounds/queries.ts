import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanRoundInput, RecordResultInput } from '../../../common/contracts/test-rounds';
import { testRoundsApi } from '../../api/test-rounds';

export function useRounds(region: string) {
  return useQuery({ queryKey: ['test-rounds', 'list', region], queryFn: () => testRoundsApi.list(region) });
}

export function useRound(id: string, region?: string) {
  return useQuery({
    queryKey: ['test-rounds', 'detail', id, region],
    queryFn: () => testRoundsApi.get(id, region),
    placeholderData: keepPreviousData,
  });
}

export function useRoundInstitutions(id: string, region: string | undefined, missing?: boolean) {
  return useQuery({
    queryKey: ['test-rounds', 'institutions', id, region, missing],
    queryFn: () => testRoundsApi.institutions(id, { region, missing }),
    placeholderData: keepPreviousData,
  });
}

export function usePlanRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PlanRoundInput) => testRoundsApi.plan(input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['test-rounds'] }),
  });
}

export function useRecordResult(roundId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordResultInput) => testRoundsApi.record(roundId, input),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['test-rounds'] }),
  });
}

/** tested / expected as a percentage, never capped at 100 %; null when nobody is expected. */
export function coverageRate(tested: number, expected: number): number | null {
  return expected > 0 ? Math.round((tested / expected) * 1000) / 10 : null;
}
