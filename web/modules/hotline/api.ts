import type { CallDetail, CallPhoto, CloseCallInput, HotlineCall, RevealedCaller } from '../../../common/contracts/hotline';
import type { GrantList } from '../../../common/contracts/assistance';
import type { z } from '../../../common/contracts/zod';
import { api, queryString, upload } from '../../api/client';

const base = (id: string) => `/hotline/calls/${encodeURIComponent(id)}`;

/** The case page's calls: detail, photos, reveal, close, and the grants linked to the case. */
export const caseApi = {
  get: (id: string) => api.get<CallDetail>(base(id)),
  uploadPhoto: (id: string, file: File) => upload<CallPhoto>(`${base(id)}/photos`, file, file.name),
  photoUrl: (id: string, photoId: string) => `/api${base(id)}/photos/${encodeURIComponent(photoId)}`,
  reveal: (id: string, reason: string) => api.post<z.infer<typeof RevealedCaller>>(`${base(id)}/reveal`, { reason }),
  close: (id: string, input: CloseCallInput) => api.post<HotlineCall>(`${base(id)}/close`, input),
  grants: (callId: string) => api.get<z.infer<typeof GrantList>>('/assistance/grants', { callId }),
  exportUrl: (params: { region?: string; from?: string }) => `/api/hotline/calls/export${queryString(params)}`,
};
