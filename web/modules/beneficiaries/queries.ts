import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplyInput,
  Counts,
  CreateHouseholdInput,
  Household,
  HouseholdDetail,
  ImportEvent,
  Revealed,
  StatusChangeInput,
} from '../../../common/contracts/beneficiaries';
import { ApiError, queryString, request } from '../../api/client';

export interface HouseholdFilters {
  region?: string | undefined;
  programme?: string | undefined;
  status?: string | undefined;
  idNumber?: string | undefined;
  page: number;
  pageSize: number;
}

const one = (id: string) => `/beneficiaries/${encodeURIComponent(id)}`;

export const beneficiariesApi = {
  list: (f: HouseholdFilters) =>
    request<{ items: Household[]; total: number }>('GET', `/beneficiaries${queryString({ ...f })}`),
  get: (id: string) => request<HouseholdDetail>('GET', one(id)),
  counts: (region?: string) => request<Counts>('GET', `/beneficiaries/counts${queryString({ region })}`),
  create: (input: CreateHouseholdInput) => request<HouseholdDetail>('POST', '/beneficiaries', input),
  apply: (input: ApplyInput) => request<HouseholdDetail>('POST', '/beneficiaries/applications', input),
  reveal: (id: string, reason: string) => request<Revealed>('POST', `${one(id)}/reveal`, { reason }),
  status: (id: string, input: StatusChangeInput) =>
    request<HouseholdDetail>('POST', `${one(id)}/status`, input),
  step: (id: string, step: 'review' | 'approve' | 'reject', note: string) =>
    request<HouseholdDetail>('POST', `${one(id)}/${step}`, { note }),
};

export const useHouseholds = (f: HouseholdFilters) =>
  useQuery({
    queryKey: ['beneficiaries', 'list', f],
    queryFn: () => beneficiariesApi.list(f),
    placeholderData: keepPreviousData,
  });
export const useHousehold = (id: string) =>
  useQuery({ queryKey: ['beneficiaries', 'detail', id], queryFn: () => beneficiariesApi.get(id) });
export const useCounts = (region?: string) =>
  useQuery({ queryKey: ['beneficiaries', 'counts', region], queryFn: () => beneficiariesApi.counts(region) });

/** Any write: refreshes every beneficiary query afterwards. */
export function useBeneficiaryWrite<A, R>(fn: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void client.invalidateQueries({ queryKey: ['beneficiaries'] }),
  });
}

/**
 * Uploads an import sheet and reads the NDJSON answer line by line as the server writes it
 * (progress after each batch of about 1,000 rows, each bad row, the totals at the end).
 */
export async function streamImport(file: File, onEvent: (e: ImportEvent) => void): Promise<void> {
  const me = await request<{ csrfToken: string }>('GET', '/auth/me');
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch('/api/beneficiaries/import', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': me.csrfToken },
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { code: string; message: string } | null;
    throw new ApiError(res.status, body ?? { code: 'IMPORT_FAILED', message: '导入失败' });
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += value;
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as ImportEvent);
  }
  if (rest.trim()) onEvent(JSON.parse(rest) as ImportEvent);
}
