import type {
  Attachment,
  NoticeDetail,
  NoticeList,
  NoticeQuery,
  RemindInput,
  SendNoticeInput,
} from '../../common/contracts/notices';
import { api, upload } from './client';

export type NoticeFilters = Partial<NoticeQuery>;

/** What the compose form sends; the server fills the defaults of the optional lists. */
export type NoticeDraft = Omit<SendNoticeInput, 'regionCodes' | 'institutionIds' | 'attachmentIds'> &
  Partial<Pick<SendNoticeInput, 'regionCodes' | 'institutionIds' | 'attachmentIds'>>;

const one = (id: string) => `/notices/${encodeURIComponent(id)}`;

export const noticesApi = {
  list: (filters: NoticeFilters) => api.get<NoticeList>('/notices', filters),
  get: (id: string) => api.get<NoticeDetail>(one(id)),
  send: (input: NoticeDraft) => api.post<NoticeDetail>('/notices', input),
  acknowledge: (id: string) => api.post<NoticeDetail>(`${one(id)}/ack`, {}),
  remind: (id: string, input: RemindInput = {}) => api.post<{ reminded: number }>(`${one(id)}/remind`, input),
  uploadAttachment: (file: Blob, fileName: string) =>
    upload<Attachment>('/notices/attachments', file, fileName),
};

export const attachmentUrl = (id: string) => `/api/notices/attachments/${encodeURIComponent(id)}`;
