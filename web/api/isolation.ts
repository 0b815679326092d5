import type {
  AdmitInput,
  IsolationPerson,
  IsolationPersonDetail,
  IsolationState,
  Policy,
  PolicyInput,
  RecordCheckInput,
  RegisterPersonInput,
} from '../../common/contracts/isolation';
import { api } from './client';

const one = (id: string) => `/isolation/${encodeURIComponent(id)}`;

export interface PersonFilters {
  region?: string;
  institutionId?: string;
  status?: IsolationState;
  page?: number;
  pageSize?: number;
}

export const isolationApi = {
  list: (filters: PersonFilters) =>
    api.get<{ items: IsolationPerson[]; total: number }>('/isolation', { ...filters }),
  register: (input: RegisterPersonInput) => api.post<IsolationPersonDetail>('/isolation', input),
  get: (id: string) => api.get<IsolationPersonDetail>(one(id)),
  recordCheck: (id: string, input: RecordCheckInput) =>
    api.post<IsolationPersonDetail>(`${one(id)}/checks`, input),
  admit: (id: string, input: AdmitInput) => api.post<IsolationPersonDetail>(`${one(id)}/admit`, input),
  policy: (region?: string) => api.get<Policy>('/isolation/policy', { region }),
  setPolicy: (input: PolicyInput) => api.put<Policy & { recomputed: number }>('/isolation/policy', input),
};
