import type {
  AllocateInput,
  Fund,
  FundLedger,
  FundList,
  Grant,
  GrantDetail,
  GrantInput,
  GrantList,
  GrantQuery,
  PaperworkInput,
  Threshold,
  ThresholdInput,
} from '../../../common/contracts/assistance';
import type { z } from '../../../common/contracts/zod';
import { api } from '../../api/client';

export type FundRow = z.infer<typeof Fund>;
export type FundListResult = z.infer<typeof FundList>;
export type FundLedgerResult = z.infer<typeof FundLedger>;
export type GrantListResult = z.infer<typeof GrantList>;
export type PaperworkFilter = NonNullable<GrantQuery['paperwork']>;

const id = (v: string) => encodeURIComponent(v);

export const assistanceApi = {
  funds: (region?: string) => api.get<FundListResult>('/assistance/funds', { region }),
  allocate: (input: AllocateInput) => api.post<FundRow>('/assistance/funds/allocate', input),
  ledger: (townCode: string) => api.get<FundLedgerResult>(`/assistance/funds/${id(townCode)}`),
  threshold: (countyCode: string) => api.get<Threshold>(`/assistance/thresholds/${id(countyCode)}`),
  setThreshold: (input: ThresholdInput) => api.put<Threshold>('/assistance/thresholds', input),
  grantDetail: (grantId: string) => api.get<GrantDetail>(`/assistance/grants/${id(grantId)}`),
  grants: (params: { region?: string; paperwork?: PaperworkFilter; page?: number; pageSize?: number }) =>
    api.get<GrantListResult>('/assistance/grants', params),
  /** The same key and body answer with the first grant again: a retry never pays twice. */
  grant: (input: GrantInput, idempotencyKey: string) =>
    api.post<Grant>('/assistance/grants', input, { 'Idempotency-Key': idempotencyKey }),
  approve: (grantId: string) => api.post<Grant>(`/assistance/grants/${id(grantId)}/approve`),
  paperwork: (grantId: string, input: PaperworkInput) =>
    api.post<Grant>(`/assistance/grants/${id(grantId)}/paperwork`, input),
};
