import type {
  Completeness,
  CorrectReportInput,
  DailyReport,
  Deadline,
  MissingList,
  SubmitReportInput,
} from '../../common/contracts/daily-reports';
import type { InstitutionDetail, InstitutionList } from '../../common/contracts/institutions';
import type { z } from '../../common/contracts/zod';
import { api, queryString } from './client';

export type DeadlineInfo = z.infer<typeof Deadline>;
export type MissingInfo = z.infer<typeof MissingList>;
export type MissingItem = MissingInfo['items'][number];
export type CompletenessView = Completeness['view'];

export interface CompletenessParams {
  region?: string;
  date?: string;
  view?: CompletenessView;
}

export const dailyReportsApi = {
  /** Submits once per Idempotency-Key: a retry with the same key and body gets the first answer again. */
  submit: (input: SubmitReportInput, idempotencyKey: string) =>
    api.post<DailyReport>('/daily-reports', input, { 'Idempotency-Key': idempotencyKey }),
  get: (institutionId: string, date: string) =>
    api.get<{ report: DailyReport | null }>('/daily-reports', { institutionId, date }),
  correct: (id: string, input: CorrectReportInput) =>
    api.patch<DailyReport>(`/daily-reports/${encodeURIComponent(id)}`, input),
  completeness: (params: CompletenessParams) =>
    api.get<Completeness>('/daily-reports/completeness', { ...params }),
  missing: (params: { region?: string; date?: string }) =>
    api.get<MissingInfo>('/daily-reports/missing', { ...params }),
  deadline: (regionCode: string) =>
    api.get<DeadlineInfo>(`/daily-reports/deadlines/${encodeURIComponent(regionCode)}`),
  setDeadline: (regionCode: string, time: string) =>
    api.put<DeadlineInfo>('/daily-reports/deadlines', { regionCode, time }),
  /** The institution a report is for: name, status and the closure orders in force. */
  institution: (id: string) => api.get<InstitutionDetail>(`/institutions/${encodeURIComponent(id)}`),
  /** Institutions to pick one to report on behalf of (代报). */
  institutions: (params: { region?: string; q?: string; page?: number; pageSize?: number }) =>
    api.get<InstitutionList>('/institutions', { ...params }),
};

/** A plain link (the session cookie goes along): the browser downloads the workbook itself. */
export function completenessExportUrl(params: CompletenessParams): string {
  return `/api/daily-reports/completeness/export${queryString({ ...params })}`;
}
