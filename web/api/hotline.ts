import type { VerifyCallInput } from '../../common/contracts/assistance';
import type {
  CallList,
  CallQuery,
  CallStats,
  HotlineCall,
  HotlineDirectory,
  HotlineNumber,
  HotlineNumberInput,
  TakeCallInput,
} from '../../common/contracts/hotline';
import type { z } from '../../common/contracts/zod';
import { api } from './client';

export type CallListResult = z.infer<typeof CallList>;
export type CallStatsResult = z.infer<typeof CallStats>;
export type DirectoryResult = z.infer<typeof HotlineDirectory>;

export const hotlineApi = {
  /** Public: needs no session. */
  directory: (region?: string) => api.get<DirectoryResult>('/hotline/directory', { region }),
  publishNumber: (input: HotlineNumberInput) => api.post<HotlineNumber>('/hotline/directory', input),
  calls: (params: Partial<CallQuery>) => api.get<CallListResult>('/hotline/calls', { ...params }),
  /** Records a call; the same key and body answer with the first call again. */
  takeCall: (input: TakeCallInput, idempotencyKey: string) =>
    api.post<HotlineCall>('/hotline/calls', input, { 'Idempotency-Key': idempotencyKey }),
  claim: (id: string) => api.post<HotlineCall>(`/hotline/calls/${encodeURIComponent(id)}/claim`),
  verify: (id: string, input: VerifyCallInput) => api.post<HotlineCall>(`/hotline/calls/${encodeURIComponent(id)}/verify`, input),
  stats: (params: { region?: string; from?: string; to?: string }) =>
    api.get<CallStatsResult>('/hotline/stats', params),
};
