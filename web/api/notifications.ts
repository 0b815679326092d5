import type { Notification, NotificationList } from '../../common/contracts/notifications';
import { api } from './client';

export const notificationsApi = {
  list: (params: { unread?: 'true' | 'false'; page?: number; pageSize?: number } = {}) =>
    api.get<NotificationList>('/notifications', { ...params }),
  read: (id: string) => api.post<Notification>(`/notifications/${encodeURIComponent(id)}/read`),
  readAll: () => api.post<{ updated: number }>('/notifications/read-all'),
};
