import { Page, PageSize, RegionCode, Timestamp, Uuid } from './common';
import { z } from './zod';

export const SendNoticeInput = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    body: z.string().trim().min(1).max(20_000),
    regionCodes: z.array(RegionCode).max(500).default([]),
    institutionIds: z.array(Uuid).max(5_000).default([]),
    ackDeadline: Timestamp.nullable().optional(),
    attachmentIds: z.array(Uuid).max(10).default([]),
  })
  .refine((v) => v.regionCodes.length + v.institutionIds.length > 0, { message: '请至少选择一个接收单位', path: ['regionCodes'] });
export type SendNoticeInput = z.infer<typeof SendNoticeInput>;

export const Attachment = z.object({ id: z.string(), fileName: z.string(), kind: z.string(), size: z.number().int() });
export type Attachment = z.infer<typeof Attachment>;

export const Recipient = z.object({
  id: z.string(),
  kind: z.enum(['region', 'institution']),
  regionCode: RegionCode,
  name: z.string(),
  institutionId: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  remindedAt: z.string().nullable(),
  remindCount: z.number().int(),
});
export type Recipient = z.infer<typeof Recipient>;

export const Notice = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  senderRegionCode: RegionCode,
  senderRegionName: z.string(),
  senderName: z.string(),
  ackDeadline: z.string().nullable(),
  createdAt: z.string(),
  attachments: z.array(Attachment),
  recipientCount: z.number().int(),
  acknowledgedCount: z.number().int(),
  /** For an inbox entry: this reader's own recipient row. */
  mine: Recipient.nullable(),
});
export type Notice = z.infer<typeof Notice>;

export const NoticeDetail = Notice.extend({ recipients: z.array(Recipient) });
export type NoticeDetail = z.infer<typeof NoticeDetail>;

export const NoticeList = z.object({ items: z.array(Notice), total: z.number().int() });
export type NoticeList = z.infer<typeof NoticeList>;

export const NoticeQuery = z.strictObject({
  box: z.enum(['inbox', 'outbox']).default('inbox'),
  pending: z.enum(['true', 'false']).optional(),
  page: Page,
  pageSize: PageSize,
});
export type NoticeQuery = z.infer<typeof NoticeQuery>;

export const RemindInput = z.strictObject({ recipientIds: z.array(Uuid).min(1).max(5_000).optional() });
export type RemindInput = z.infer<typeof RemindInput>;

export const RemindResult = z.object({ reminded: z.number().int() });
