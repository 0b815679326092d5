import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { assistanceApi, type PaperworkFilter } from './api';

export function useFunds(region?: string) {
  return useQuery({
    queryKey: ['assistance', 'funds', region ?? ''],
    queryFn: () => assistanceApi.funds(region),
    placeholderData: keepPreviousData,
  });
}

export function useLedger(townCode: string | null) {
  return useQuery({
    queryKey: ['assistance', 'ledger', townCode],
    queryFn: () => assistanceApi.ledger(townCode!),
    enabled: !!townCode,
  });
}

export function useGrants(params: { region?: string; paperwork?: PaperworkFilter; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['assistance', 'grants', params],
    queryFn: () => assistanceApi.grants(params),
    placeholderData: keepPreviousData,
  });
}

export function useThreshold(countyCode: string | null) {
  return useQuery({
    queryKey: ['assistance', 'threshold', countyCode],
    queryFn: () => assistanceApi.threshold(countyCode!),
    enabled: !!countyCode,
  });
}

export function useGrantDetail(grantId: string | null) {
  return useQuery({
    queryKey: ['assistance', 'grant', grantId],
    queryFn: () => assistanceApi.grantDetail(grantId!),
    enabled: !!grantId,
  });
}

/** A grant moves money and paperwork: funds, ledgers and grants all refresh. */
export function useInvalidateAssistance() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['assistance'] });
}
