import type { Incident, IncidentList, IncidentQuery, ReportIncidentInput } from '../../common/contracts/incidents';
import { api } from './client';

export const incidentsApi = {
  list: (params: Partial<IncidentQuery>) => api.get<IncidentList>('/incidents', { ...params }),
  get: (id: string) => api.get<Incident>(`/incidents/${encodeURIComponent(id)}`),
  /** Records that the caller's level has seen it. */
  acknowledge: (id: string) => api.post<Incident>(`/incidents/${encodeURIComponent(id)}/ack`),
  /** Reports an emergency; the same key and body answer with the first incident again. */
  report: (input: ReportIncidentInput, idempotencyKey: string) =>
    api.post<Incident>('/incidents', input, { 'Idempotency-Key': idempotencyKey }),
  close: (id: string, resolution: string) =>
    api.post<Incident>(`/incidents/${encodeURIComponent(id)}/close`, { resolution }),
};
