import { Page, PageSize, RegionCode } from './common';
import { z } from './zod';

/** An in-app notification of the signed-in user (reminders, welfare checks, incidents ...). */
export const Notification = z.object({
  id: z.string(),
  /** What it is about: `reminder`, `welfare_check`, `incident`, `incident_closed`, ... */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path of the web app to open, e.g. `/incidents/<id>`. */
  link: z.string().nullable(),
  regionCode: RegionCode.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({ items: z.array(Notification), total: z.number().int(), unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  page: Page,
  pageSize: PageSize,
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;
