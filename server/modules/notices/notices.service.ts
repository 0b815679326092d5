import { createHash, randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Attachment, Notice, NoticeDetail, NoticeList, NoticeQuery, Recipient, RemindInput, SendNoticeInput } from '../../../common/contracts/notices';
import { isWithin } from '../../../common/region-code';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, badRequest, notFound } from '../../core/errors';
import type { FileKind } from '../../core/files';
import { institutions } from '../../db/schema/institutions';
import { noticeAttachments, noticeRecipients, notices } from '../../db/schema/notices';
import { regions } from '../../db/schema/regions';
import { institutionScope } from '../institutions/institutions.scope';

type NoticeRow = typeof notices.$inferSelect;
type RecipientRow = typeof noticeRecipients.$inferSelect;

/** Recipient rows addressed to this reader: their bureau's region, or their institution. */
function mineFilter(actor: Actor): SQL {
  if (actor.institutionId) return and(eq(noticeRecipients.kind, 'institution'), eq(noticeRecipients.institutionId, actor.institutionId))!;
  return and(eq(noticeRecipients.kind, 'region'), eq(noticeRecipients.regionCode, actor.regionCode))!;
}

export async function uploadAttachment(ctx: Ctx, file: { fileName: string; buffer: Buffer; kind: FileKind }): Promise<Attachment> {
  const actor = requirePermission(ctx, 'notices:send');
  const id = randomUUID();
  await withTx(ctx, async (tx) => {
    await tx.db.insert(noticeAttachments).values({
      id,
      uploadedById: actor.userId,
      fileName: file.fileName,
      kind: file.kind,
      size: file.buffer.length,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      content: file.buffer,
      createdAt: tx.now(),
    });
    await recordAudit(tx, { action: 'notice.attachment.upload', entityType: 'notice_attachment', entityId: id, details: { fileName: file.fileName, size: file.buffer.length } });
  });
  return { id, fileName: file.fileName, kind: file.kind, size: file.buffer.length };
}

export async function sendNotice(ctx: Ctx, input: SendNoticeInput): Promise<NoticeDetail> {
  const actor = requirePermission(ctx, 'notices:send');
  const codes = [...new Set(input.regionCodes)];
  for (const c of codes) if (c === actor.regionCode || !isWithin(c, actor.regionCode)) throw notFound('REGION_NOT_FOUND');
  const known = codes.length ? await ctx.db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes)) : [];
  if (known.length !== codes.length) throw notFound('REGION_NOT_FOUND');
  const instIds = [...new Set(input.institutionIds)];
  const insts = instIds.length
    ? await ctx.db.select({ id: institutions.id, regionCode: institutions.regionCode }).from(institutions).where(and(inArray(institutions.id, instIds), institutionScope(actor)))
    : [];
  if (insts.length !== instIds.length) throw notFound('INSTITUTION_NOT_FOUND');
  return withTx(ctx, async (tx) => {
    const id = randomUUID();
    const now = tx.now();
    await tx.db.insert(notices).values({
      id,
      senderRegionCode: actor.regionCode,
      senderId: actor.userId,
      senderName: actor.name,
      title: input.title,
      body: input.body,
      ackDeadline: input.ackDeadline ? new Date(input.ackDeadline) : null,
      createdAt: now,
    });
    const rows = [
      ...codes.map((regionCode) => ({ id: randomUUID(), noticeId: id, kind: 'region' as const, regionCode, institutionId: null })),
      ...insts.map((i) => ({ id: randomUUID(), noticeId: id, kind: 'institution' as const, regionCode: i.regionCode, institutionId: i.id })),
    ];
    for (let i = 0; i < rows.length; i += 1_000) await tx.db.insert(noticeRecipients).values(rows.slice(i, i + 1_000));
    if (input.attachmentIds.length) {
      const linked = await tx.db
        .update(noticeAttachments)
        .set({ noticeId: id })
        .where(and(inArray(noticeAttachments.id, input.attachmentIds), eq(noticeAttachments.uploadedById, actor.userId), isNull(noticeAttachments.noticeId)))
        .returning({ id: noticeAttachments.id });
      if (linked.length !== new Set(input.attachmentIds).size) throw badRequest('VALIDATION_FAILED', '附件不存在或已被使用');
    }
    await recordAudit(tx, {
      action: 'notice.send',
      entityType: 'notice',
      entityId: id,
      regionCode: actor.regionCode,
      details: { title: input.title, regions: codes, institutions: instIds, attachments: input.attachmentIds },
    });
    return detail(tx, actor, id);
  });
}

async function recipientNames(ctx: Ctx, rows: RecipientRow[]): Promise<Recipient[]> {
  const regionCodes = [...new Set(rows.filter((r) => r.kind === 'region').map((r) => r.regionCode))];
  const instIds = [...new Set(rows.map((r) => r.institutionId).filter((x): x is string => !!x))];
  const rn = regionCodes.length ? await ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, regionCodes)) : [];
  const inames = instIds.length ? await ctx.db.select({ id: institutions.id, name: institutions.name }).from(institutions).where(inArray(institutions.id, instIds)) : [];
  const names = new Map<string, string>([...rn.map((r) => [r.code, r.name] as const), ...inames.map((i) => [i.id, i.name] as const)]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    regionCode: r.regionCode,
    name: names.get(r.institutionId ?? r.regionCode) ?? r.regionCode,
    institutionId: r.institutionId,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedByName: r.acknowledgedByName,
    remindedAt: r.remindedAt?.toISOString() ?? null,
    remindCount: r.remindCount,
  }));
}

async function toNotices(ctx: Ctx, actor: Actor, rows: NoticeRow[]): Promise<Notice[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const stats = await ctx.db
    .select({ id: noticeRecipients.noticeId, n: count(), acked: sql<number>`count(${noticeRecipients.acknowledgedAt})::int` })
    .from(noticeRecipients)
    .where(inArray(noticeRecipients.noticeId, ids))
    .groupBy(noticeRecipients.noticeId);
  const files = await ctx.db
    .select({ id: noticeAttachments.id, noticeId: noticeAttachments.noticeId, fileName: noticeAttachments.fileName, kind: noticeAttachments.kind, size: noticeAttachments.size })
    .from(noticeAttachments)
    .where(inArray(noticeAttachments.noticeId, ids));
  const mineRows = await ctx.db.select().from(noticeRecipients).where(and(inArray(noticeRecipients.noticeId, ids), mineFilter(actor)));
  const mine = await recipientNames(ctx, mineRows);
  const senders = await ctx.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, [...new Set(rows.map((r) => r.senderRegionCode))]));
  return rows.map((r) => {
    const s = stats.find((x) => x.id === r.id);
    const myId = mineRows.find((m) => m.noticeId === r.id)?.id;
    return {
      id: r.id,
      title: r.title,
      body: r.body,
      senderRegionCode: r.senderRegionCode,
      senderRegionName: senders.find((x) => x.code === r.senderRegionCode)?.name ?? r.senderRegionCode,
      senderName: r.senderName,
      ackDeadline: r.ackDeadline?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      attachments: files.filter((f) => f.noticeId === r.id).map(({ id, fileName, kind, size }) => ({ id, fileName, kind, size })),
      recipientCount: Number(s?.n ?? 0),
      acknowledgedCount: Number(s?.acked ?? 0),
      mine: mine.find((m) => m.id === myId) ?? null,
    };
  });
}

/** A notice the actor may read: one their bureau sent, or one addressed to them. */
async function visibleNotice(ctx: Ctx, actor: Actor, id: string): Promise<{ row: NoticeRow; sender: boolean }> {
  const [row] = await ctx.db.select().from(notices).where(eq(notices.id, id));
  if (!row) throw notFound('NOTICE_NOT_FOUND');
  if (!actor.institutionId && row.senderRegionCode === actor.regionCode) return { row, sender: true };
  const [mine] = await ctx.db.select({ id: noticeRecipients.id }).from(noticeRecipients).where(and(eq(noticeRecipients.noticeId, id), mineFilter(actor)));
  if (!mine) throw notFound('NOTICE_NOT_FOUND');
  return { row, sender: false };
}

async function detail(ctx: Ctx, actor: Actor, id: string): Promise<NoticeDetail> {
  const { row, sender } = await visibleNotice(ctx, actor, id);
  const [notice] = await toNotices(ctx, actor, [row]);
  const recipients = sender ? await recipientNames(ctx, await ctx.db.select().from(noticeRecipients).where(eq(noticeRecipients.noticeId, id))) : [];
  return { ...notice!, recipients };
}

export async function getNotice(ctx: Ctx, id: string): Promise<NoticeDetail> {
  const actor = requirePermission(ctx, 'notices:read');
  return detail(ctx, actor, id);
}

export async function listNotices(ctx: Ctx, q: NoticeQuery): Promise<NoticeList> {
  const actor = requirePermission(ctx, 'notices:read');
  let where: SQL;
  if (q.box === 'outbox') {
    where = actor.institutionId ? sql`false` : eq(notices.senderRegionCode, actor.regionCode);
    if (q.pending === 'true') where = and(where, sql`exists (select 1 from ${noticeRecipients} r where r.notice_id = "notices"."id" and r.acknowledged_at is null)`)!;
  } else {
    const pending = q.pending === 'true' ? sql` and r.acknowledged_at is null` : sql``;
    const mine = actor.institutionId
      ? sql`r.kind = 'institution' and r.institution_id = ${actor.institutionId}`
      : sql`r.kind = 'region' and r.region_code = ${actor.regionCode}`;
    where = sql`exists (select 1 from ${noticeRecipients} r where r.notice_id = "notices"."id" and ${mine}${pending})`;
  }
  const [total] = await ctx.db.select({ n: count() }).from(notices).where(where);
  // The inbox shows what still needs signing first, across pages; then the newest.
  const mineRow = actor.institutionId
    ? sql`r.kind = 'institution' and r.institution_id = ${actor.institutionId}`
    : sql`r.kind = 'region' and r.region_code = ${actor.regionCode}`;
  const pendingFirst = sql`exists (select 1 from ${noticeRecipients} r where r.notice_id = "notices"."id" and ${mineRow} and r.acknowledged_at is null) desc`;
  const rows = await ctx.db
    .select()
    .from(notices)
    .where(where)
    .orderBy(...(q.box === 'inbox' ? [pendingFirst] : []), desc(notices.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await toNotices(ctx, actor, rows), total: Number(total?.n ?? 0) };
}

export async function acknowledge(ctx: Ctx, id: string): Promise<NoticeDetail> {
  const actor = requirePermission(ctx, 'notices:read');
  await visibleNotice(ctx, actor, id);
  return withTx(ctx, async (tx) => {
    const done = await tx.db
      .update(noticeRecipients)
      .set({ acknowledgedAt: tx.now(), acknowledgedById: actor.userId, acknowledgedByName: actor.name })
      .where(and(eq(noticeRecipients.noticeId, id), mineFilter(actor), isNull(noticeRecipients.acknowledgedAt)))
      .returning({ id: noticeRecipients.id, regionCode: noticeRecipients.regionCode });
    if (done.length === 0) throw new AppError(409, 'NOTICE_ALREADY_ACKNOWLEDGED');
    await recordAudit(tx, { action: 'notice.acknowledge', entityType: 'notice', entityId: id, regionCode: done[0]!.regionCode, details: { recipients: done.map((d) => d.id) } });
    return detail(tx, actor, id);
  });
}

/** Reminds the recipients who have not acknowledged (all, or the chosen ones). */
export async function remind(ctx: Ctx, id: string, input: RemindInput): Promise<{ reminded: number }> {
  const actor = requirePermission(ctx, 'notices:send');
  const { sender } = await visibleNotice(ctx, actor, id);
  if (!sender) throw notFound('NOTICE_NOT_FOUND');
  return withTx(ctx, async (tx) => {
    const where = [eq(noticeRecipients.noticeId, id), isNull(noticeRecipients.acknowledgedAt)];
    if (input.recipientIds) where.push(inArray(noticeRecipients.id, input.recipientIds));
    const done = await tx.db
      .update(noticeRecipients)
      .set({ remindedAt: tx.now(), remindCount: sql`${noticeRecipients.remindCount} + 1` })
      .where(and(...where))
      .returning({ id: noticeRecipients.id });
    await recordAudit(tx, { action: 'notice.remind', entityType: 'notice', entityId: id, regionCode: actor.regionCode, details: { recipients: done.map((d) => d.id) } });
    return { reminded: done.length };
  });
}

export async function downloadAttachment(ctx: Ctx, attachmentId: string): Promise<{ fileName: string; kind: string; content: Buffer }> {
  const actor = requirePermission(ctx, 'notices:read');
  const [file] = await ctx.db.select().from(noticeAttachments).where(eq(noticeAttachments.id, attachmentId));
  if (!file) throw notFound('NOTICE_NOT_FOUND');
  if (file.noticeId) await visibleNotice(ctx, actor, file.noticeId);
  else if (file.uploadedById !== actor.userId) throw notFound('NOTICE_NOT_FOUND');
  return { fileName: file.fileName, kind: file.kind, content: file.content };
}

