import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Notification, NotificationList, NotificationQuery } from '../../../common/contracts/notifications';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { hmacHex } from '../../core/crypto';
import { notFound, unauthenticated } from '../../core/errors';
import { notifications, webhookDeliveries } from '../../db/schema/notifications';
import { users } from '../../db/schema/users';
import { NOTIFICATION_KIND_PATTERN, retryDelaySeconds, WEBHOOK_BATCH, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_TIMEOUT_MS } from './notifications.rules';

type Row = typeof notifications.$inferSelect;

/**
 * The outbound channel (an SMS or WeCom gateway): FANGXIAN_WEBHOOK_URL, read when a notification is
 * queued, and FANGXIAN_WEBHOOK_SECRET, which signs each body (`X-Fangxian-Signature: sha256=<hmac>`).
 * Both are validated at start by server/env.ts.
 */
export function webhookConfig(): { url: string | null; secret: string | null } {
  return { url: process.env.FANGXIAN_WEBHOOK_URL?.trim() || null, secret: process.env.FANGXIAN_WEBHOOK_SECRET?.trim() || null };
}

export interface NotifyInput {
  userIds: readonly string[];
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  regionCode?: string | null;
  /** Facts for the gateway (institution, day, step ...); never personal data. */
  data?: Record<string, unknown>;
}

/**
 * Notifies users in-app and, when a webhook is configured, queues one delivery naming them. Not a verb
 * of its own: other modules call it inside their transaction, so the rows commit or roll back with the
 * change that caused them, and the caller's audit row records who was notified. Disabled accounts are
 * skipped. Returns how many users were notified.
 */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<{ notified: number; deliveryId: string | null }> {
  const [one] = await notifyAll(ctx, [input]);
  return one!;
}

type Recipient = { id: string; username: string; name: string; role: string; regionCode: string };

/** notify() for many messages at once (the reminder job): one user lookup and bulk inserts. */
export async function notifyAll(ctx: Ctx, inputs: readonly NotifyInput[]): Promise<Array<{ notified: number; deliveryId: string | null }>> {
  if (!ctx.actor) throw unauthenticated();
  for (const input of inputs) if (!NOTIFICATION_KIND_PATTERN.test(input.kind)) throw new Error(`bad notification kind ${input.kind}`);
  const ids = [...new Set(inputs.flatMap((i) => i.userIds))];
  const known = new Map<string, Recipient>();
  for (let i = 0; i < ids.length; i += 1_000) {
    const rows = await ctx.db
      .select({ id: users.id, username: users.username, name: users.name, role: users.role, regionCode: users.regionCode })
      .from(users)
      .where(and(inArray(users.id, ids.slice(i, i + 1_000)), eq(users.disabled, false)));
    for (const r of rows) known.set(r.id, r);
  }
  const now = ctx.now();
  const { url } = webhookConfig();
  const rows: Array<typeof notifications.$inferInsert> = [];
  const deliveries: Array<typeof webhookDeliveries.$inferInsert> = [];
  const results = inputs.map((input) => {
    const recipients = [...new Set(input.userIds)].flatMap((id) => known.get(id) ?? []);
    if (recipients.length === 0) return { notified: 0, deliveryId: null };
    const base = { kind: input.kind, title: input.title, body: input.body, link: input.link ?? null, regionCode: input.regionCode ?? null, createdAt: now };
    for (const u of recipients) rows.push({ id: randomUUID(), userId: u.id, ...base });
    if (!url) return { notified: recipients.length, deliveryId: null };
    const deliveryId = randomUUID();
    const payload = { id: deliveryId, ...base, createdAt: now.toISOString(), recipients, data: input.data ?? {} };
    deliveries.push({ id: deliveryId, kind: input.kind, url, payload, createdAt: now });
    return { notified: recipients.length, deliveryId };
  });
  for (let i = 0; i < rows.length; i += 1_000) await ctx.db.insert(notifications).values(rows.slice(i, i + 1_000));
  for (let i = 0; i < deliveries.length; i += 500) await ctx.db.insert(webhookDeliveries).values(deliveries.slice(i, i + 500));
  return results;
}

function toNotification(r: Row): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    regionCode: r.regionCode,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  };
}

/** The caller's own notifications, newest first, with the number still unread. */
export async function listNotifications(ctx: Ctx, q: NotificationQuery): Promise<NotificationList> {
  const actor = requirePermission(ctx, 'notifications:read');
  const mine = eq(notifications.userId, actor.userId);
  const where = q.unread === 'true' ? and(mine, isNull(notifications.readAt)) : mine;
  const [total] = await ctx.db.select({ n: count() }).from(notifications).where(where);
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [unread] = await ctx.db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt)));
  return { items: rows.map(toNotification), total: Number(total?.n ?? 0), unread: Number(unread?.n ?? 0) };
}

/** Marks one of the caller's notifications read (again: no change). Someone else's is not found. */
export async function markRead(ctx: Ctx, id: string): Promise<Notification> {
  const actor = requirePermission(ctx, 'notifications:read');
  const [row] = await ctx.db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)));
  if (!row) throw notFound('NOTIFICATION_NOT_FOUND');
  if (row.readAt) return toNotification(row);
  return withTx(ctx, async (tx) => {
    const [after] = await tx.db
      .update(notifications)
      .set({ readAt: tx.now() })
      .where(and(eq(notifications.id, id), isNull(notifications.readAt)))
      .returning();
    if (!after) return toNotification(row);
    await recordAudit(tx, { action: 'notification.read', entityType: 'notification', entityId: id, regionCode: row.regionCode, details: { kind: row.kind } });
    return toNotification(after);
  });
}

/** Marks all of the caller's unread notifications read. */
export async function markAllRead(ctx: Ctx): Promise<{ updated: number }> {
  const actor = requirePermission(ctx, 'notifications:read');
  return withTx(ctx, async (tx) => {
    const done = await tx.db
      .update(notifications)
      .set({ readAt: tx.now() })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (done.length > 0) await recordAudit(tx, { action: 'notification.read_all', entityType: 'notification', details: { count: done.length } });
    return { updated: done.length };
  });
}

export interface DeliveryRun {
  attempted: number;
  delivered: number;
  failed: number;
}

/** POSTs one delivery; never throws. */
async function post(
  d: typeof webhookDeliveries.$inferSelect,
  secret: string | null,
  timeoutMs: number,
): Promise<{ status: number | null; error: string | null; delivered: boolean }> {
  const body = JSON.stringify(d.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Fangxian-Webhook/1',
    'x-fangxian-delivery': d.id,
    'x-fangxian-kind': d.kind,
    'x-fangxian-attempt': String(d.attempts),
  };
  if (secret) headers['x-fangxian-signature'] = `sha256=${hmacHex(Buffer.from(secret, 'utf8'), body)}`;
  try {
    const res = await fetch(d.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { status: res.status, error: ok ? null : `HTTP ${res.status}`, delivered: ok };
  } catch (err) {
    const e = err as Error;
    const error = e.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : `${e.name}: ${e.message}`.slice(0, 500);
    return { status: null, error, delivered: false };
  }
}

/**
 * Delivers the due webhook deliveries: claims a batch in one statement (SKIP LOCKED, so two processes
 * never send the same one at once), POSTs each as JSON with a timeout, and records status, error and
 * attempts. A failed delivery is retried after 1, 2, 4, 8 ... minutes, at most WEBHOOK_MAX_ATTEMPTS times.
 */
export async function deliverWebhooks(ctx: Ctx, opts: { timeoutMs?: number; limit?: number } = {}): Promise<DeliveryRun> {
  // Sending messages out of the platform; the scheduler acts as a national bureau officer.
  requirePermission(ctx, 'notices:send');
  const now = ctx.now();
  const due = sql`${webhookDeliveries.delivered} = false and ${webhookDeliveries.attempts} < ${WEBHOOK_MAX_ATTEMPTS}
    and (${webhookDeliveries.lastAttemptAt} is null
      or ${webhookDeliveries.lastAttemptAt} <= ${now.toISOString()}::timestamptz
        - make_interval(secs => ${sql.raw(String(retryDelaySeconds(1)))} * power(2, greatest(${webhookDeliveries.attempts} - 1, 0))))`;
  const claimed = await ctx.db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now })
    .where(
      inArray(
        webhookDeliveries.id,
        sql`(select id from ${webhookDeliveries} where ${due} order by ${webhookDeliveries.createdAt} limit ${opts.limit ?? WEBHOOK_BATCH} for update skip locked)`,
      ),
    )
    .returning();
  if (claimed.length === 0) return { attempted: 0, delivered: 0, failed: 0 };
  const { secret } = webhookConfig();
  const results = await Promise.all(claimed.map(async (d) => ({ d, r: await post(d, secret, opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS) })));
  const delivered = results.filter((x) => x.r.delivered).length;
  await withTx(ctx, async (tx) => {
    for (const { d, r } of results) {
      await tx.db.update(webhookDeliveries).set({ status: r.status, error: r.error, delivered: r.delivered }).where(eq(webhookDeliveries.id, d.id));
    }
    await recordAudit(tx, {
      action: 'webhook.deliver',
      entityType: 'webhook_delivery',
      details: {
        delivered: results.filter((x) => x.r.delivered).map((x) => x.d.id),
        failed: results.filter((x) => !x.r.delivered).map((x) => ({ id: x.d.id, attempt: x.d.attempts, error: x.r.error })),
      },
    });
  });
  return { attempted: claimed.length, delivered, failed: claimed.length - delivered };
}
