import type { Region, RegionDetail, RegionWithCounts } from '../../common/contracts/regions';
import { api } from './client';

export const regionsApi = {
  provinces: () => api.get<{ items: Region[] }>('/regions'),
  search: (q: string) => api.get<{ items: Region[] }>('/regions', { q }),
  get: (code: string) => api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`),
  children: (code: string) =>
    api.get<{ items: RegionWithCounts[] }>(`/regions/${encodeURIComponent(code)}/children`),
};
