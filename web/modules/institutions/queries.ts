import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { institutionsApi, type InstitutionFilters } from '../../api/institutions';

export function useInstitutionList(filters: InstitutionFilters) {
  return useQuery({
    queryKey: ['institutions', 'list', filters],
    queryFn: () => institutionsApi.list(filters),
    placeholderData: keepPreviousData,
  });
}

export function useInstitution(id: string) {
  return useQuery({ queryKey: ['institutions', 'detail', id], queryFn: () => institutionsApi.get(id) });
}

/** After a change: lists, details, the emergency board counts and the region figures are stale. */
export function useInvalidateInstitutions() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['institutions'] });
    void client.invalidateQueries({ queryKey: ['emergency'] });
    void client.invalidateQueries({ queryKey: ['regions'] });
  };
}
