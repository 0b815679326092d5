import type { Incident, IncidentList, IncidentQuery } from '../../common/contracts/incidents';
import { api } from './client';

export const incidentsApi = {
  list: (params: Partial<IncidentQuery>) => api.get<IncidentList>('/incidents', { ...params }),
  get: (id: string) => api.get<Incident>(`/incidents/${encodeURIComponent(id)}`),
  /** Records that the caller's level has seen it. */
  acknowledge: (id: string) => api.post<Incident>(`/incidents/${encodeURIComponent(id)}/ack`),
};
