import type {
  CreateInstitutionInput,
  ExportQuery,
  ImportPreview,
  ImportResult,
  Institution,
  InstitutionDetail,
  InstitutionList,
  InstitutionQuery,
  SetStatusInput,
  UpdateInstitutionInput,
} from '../../common/contracts/institutions';
import { api, queryString, upload } from './client';

/** List filters as a page holds them: page and size may be left to the server's defaults. */
export type InstitutionFilters = Partial<InstitutionQuery>;

const one = (id: string) => `/institutions/${encodeURIComponent(id)}`;

export const institutionsApi = {
  list: (filters: InstitutionFilters) => api.get<InstitutionList>('/institutions', filters),
  get: (id: string) => api.get<InstitutionDetail>(one(id)),
  create: (input: CreateInstitutionInput) => api.post<Institution>('/institutions', input),
  update: (id: string, input: UpdateInstitutionInput) => api.patch<Institution>(one(id), input),
  setStatus: (id: string, input: SetStatusInput) => api.post<InstitutionDetail>(`${one(id)}/status`, input),
  previewImport: (file: Blob, fileName: string) =>
    upload<ImportPreview>('/institutions/imports', file, fileName),
  confirmImport: (importId: string) =>
    api.post<ImportResult>(`/institutions/imports/${encodeURIComponent(importId)}/confirm`),
};

/** Plain links (the session cookie goes along): the browser downloads the file itself. */
export const institutionFiles = {
  exportUrl: (filters: Partial<ExportQuery>) => `/api/institutions/export${queryString(filters)}`,
  templateUrl: '/api/institutions/import-template',
};
