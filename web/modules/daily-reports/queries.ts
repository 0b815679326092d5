import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Completeness, CompletenessNode, DailyReport } from '../../../common/contracts/daily-reports';
import { dailyReportsApi, type CompletenessParams } from '../../api/daily-reports';
import { regionsApi } from '../../api/regions';

/** Officers' boards refresh themselves this often. */
export const REFRESH_MS = 10_000;

export const reportKey = (institutionId: string, date: string) => [
  'daily-reports',
  'report',
  institutionId,
  date,
];

export function useInstitution(id: string) {
  return useQuery({
    queryKey: ['daily-reports', 'institution', id],
    queryFn: () => dailyReportsApi.institution(id),
  });
}

export function useDeadline(regionCode: string | undefined) {
  return useQuery({
    queryKey: ['daily-reports', 'deadline', regionCode],
    queryFn: () => dailyReportsApi.deadline(regionCode!),
    enabled: !!regionCode,
  });
}

export function useReport(institutionId: string, date: string) {
  return useQuery({
    queryKey: reportKey(institutionId, date),
    queryFn: () => dailyReportsApi.get(institutionId, date),
    staleTime: 5_000,
  });
}

/**
 * Missing = expected − (submitted − unexpected), which holds for every node by definition. The server's
 * `official` view currently answers 0 missing for institutions without any row (its filter reads
 * `not r.on_time` on a NULL row), so the board derives it rather than show "0 未报" at 0%.
 */
function withMissing<T extends CompletenessNode>(node: T): T {
  return { ...node, missing: Math.max(0, node.expected - node.submitted + node.unexpected) };
}

function normalise(c: Completeness): Completeness {
  return { ...withMissing(c), children: c.children.map(withMissing) };
}

export function useCompleteness(params: Required<CompletenessParams>) {
  return useQuery({
    queryKey: ['daily-reports', 'completeness', params],
    queryFn: () => dailyReportsApi.completeness(params).then(normalise),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
}

export function useMissing(region: string, date: string) {
  return useQuery({
    queryKey: ['daily-reports', 'missing', region, date],
    queryFn: () => dailyReportsApi.missing({ region, date }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
}

export function useRegionDetail(code: string) {
  return useQuery({ queryKey: ['regions', code], queryFn: () => regionsApi.get(code) });
}

export function useSetDeadline() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ regionCode, time }: { regionCode: string; time: string }) =>
      dailyReportsApi.setDeadline(regionCode, time),
    onSuccess: () => {
      // Descendants inherit it: every deadline and every on-time figure may have changed.
      void client.invalidateQueries({ queryKey: ['daily-reports'] });
    },
  });
}

/** After a submission or correction: the report of the day, and the boards that count it. */
export function useReportSaved() {
  const client = useQueryClient();
  return (report: DailyReport) => {
    client.setQueryData(reportKey(report.institutionId, report.date), { report });
    void client.invalidateQueries({ queryKey: ['daily-reports', 'completeness'] });
    void client.invalidateQueries({ queryKey: ['daily-reports', 'missing'] });
  };
}
