import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactAnswer, Coverage, RecordContactInput, StartSweepInput, Sweep, Worklist } from '../../../common/contracts/sweeps';
import { queryString, request } from '../../api/client';

const one = (id: string) => `/sweeps/${encodeURIComponent(id)}`;

export const sweepsApi = {
  list: () => request<{ items: Sweep[] }>('GET', '/sweeps'),
  start: (input: StartSweepInput) => request<Sweep>('POST', '/sweeps', input),
  get: (id: string) => request<Sweep>('GET', one(id)),
  close: (id: string) => request<Sweep>('POST', `${one(id)}/close`),
  coverage: (id: string, region?: string) => request<Coverage>('GET', `${one(id)}/coverage${queryString({ region })}`),
  worklist: (id: string, village?: string) => request<Worklist>('GET', `${one(id)}/worklist${queryString({ village, pageSize: 500 })}`),
  record: (id: string, input: RecordContactInput, key: string) => request<ContactAnswer>('POST', `${one(id)}/contacts`, input, { 'Idempotency-Key': key }),
  reveal: (id: string, householdId: string, reason: string) =>
    request<{ members: Array<{ name: string; phone: string | null; relation: string }> }>('POST', `${one(id)}/households/${householdId}/reveal`, { reason }),
};

export const useSweeps = () => useQuery({ queryKey: ['sweeps', 'list'], queryFn: sweepsApi.list });
export const useSweep = (id: string) => useQuery({ queryKey: ['sweeps', 'detail', id], queryFn: () => sweepsApi.get(id) });
/** Coverage is watched while cadres work: polled like the daily-report completeness board. */
export const COVERAGE_REFRESH_MS = 10_000;
export const useCoverage = (id: string, region?: string) =>
  useQuery({
    queryKey: ['sweeps', 'coverage', id, region],
    queryFn: () => sweepsApi.coverage(id, region),
    placeholderData: keepPreviousData,
    refetchInterval: COVERAGE_REFRESH_MS,
    staleTime: 0,
  });
export const worklistKey = (id: string, village?: string) => ['sweeps', 'worklist', id, village ?? ''];
export const useWorklist = (id: string, village?: string) => useQuery({ queryKey: worklistKey(id, village), queryFn: () => sweepsApi.worklist(id, village) });

export function useStartSweep() {
  const client = useQueryClient();
  return useMutation({ mutationFn: sweepsApi.start, onSuccess: () => void client.invalidateQueries({ queryKey: ['sweeps'] }) });
}

export function useCloseSweep(id: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => sweepsApi.close(id), onSuccess: () => void client.invalidateQueries({ queryKey: ['sweeps'] }) });
}

/** Records a contact with an optimistic row update: the household moves to "done" at once, rolled back on failure. */
export function useRecordContact(id: string, village: string | undefined) {
  const client = useQueryClient();
  const key = worklistKey(id, village);
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: RecordContactInput; idempotencyKey: string; cadreName: string }) => sweepsApi.record(id, input, idempotencyKey),
    onMutate: async ({ input, cadreName }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Worklist>(key);
      if (before) {
        const contact = { channel: input.channel, outcome: input.outcome, note: input.note ?? null, cadreName, callId: null, at: new Date().toISOString() };
        client.setQueryData<Worklist>(key, { ...before, items: before.items.map((i) => (i.householdId === input.householdId ? { ...i, contact } : i)) });
      }
      return { before };
    },
    onError: (_e, _v, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: ['sweeps'] }),
  });
}
