import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IncidentQuery } from '../../../common/contracts/incidents';
import { incidentsApi } from '../../api/incidents';

/** Emergencies must show up quickly on every level: the board refreshes every 30 s. */
export const INCIDENT_REFRESH_MS = 30_000;

export function useIncidentList(params: Partial<IncidentQuery>) {
  return useQuery({
    queryKey: ['incidents', 'list', params],
    queryFn: () => incidentsApi.list(params),
    placeholderData: keepPreviousData,
    refetchInterval: INCIDENT_REFRESH_MS,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: ['incidents', 'detail', id],
    queryFn: () => incidentsApi.get(id),
    refetchInterval: INCIDENT_REFRESH_MS,
  });
}

export function useInvalidateIncidents() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['incidents'] });
}
