import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { withTx } from '../../core/context';
import type { Database } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { notifications, webhookDeliveries } from '../../db/schema/notifications';
import { ctxFor, seedTestRegions, testDatabase } from '../../test/db';
import { call, login, makeUser, testApp, type Session, type TestUser } from '../../test/http';
import { deliverWebhooks, notify } from './notifications.service';
import { deliveryDue, retryDelaySeconds, WEBHOOK_MAX_ATTEMPTS } from './notifications.rules';

let database: Database;
let app: FastifyInstance;
let alice: TestUser;
let bob: TestUser;
let sender: Ctx;
let aliceSession: Session;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver on 127.0.0.1 with a random port; `answer` decides the status (or hangs). */
async function receiver(answer: (n: number) => number | 'hang'): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      const a = answer(got.length);
      if (a === 'hang') return;
      res.writeHead(a, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, server };
}

const servers: Server[] = [];
const at = (ctx: Ctx, iso: string): Ctx => ({ ...ctx, now: () => new Date(iso) });

beforeAll(async () => {
  database = await testDatabase();
  await seedTestRegions(database);
  alice = await makeUser(database, { username: 'alice', role: 'officer', regionCode: '520302000000' });
  bob = await makeUser(database, { username: 'bob', role: 'town_officer', regionCode: '520302001000' });
  await makeUser(database, { username: 'root', role: 'system_admin', regionCode: '000000000000' });
  sender = ctxFor(database, await makeUser(database, { username: 'nat', role: 'officer', regionCode: '000000000000' }));
  app = await testApp(database);
  aliceSession = await login(app, 'alice');
});
afterEach(() => {
  delete process.env.FANGXIAN_WEBHOOK_URL;
  delete process.env.FANGXIAN_WEBHOOK_SECRET;
  for (const s of servers.splice(0)) s.closeAllConnections();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('in-app notifications', () => {
  it('notify() writes one row per user inside the caller transaction and rolls back with it', async () => {
    await withTx(sender, async (tx) => {
      const res = await notify(tx, { userIds: [alice.id, bob.id, alice.id], kind: 'reminder', title: '第一条', body: '正文', link: '/x', regionCode: '520302000000' });
      expect(res).toEqual({ notified: 2, deliveryId: null });
    });
    await expect(
      withTx(sender, async (tx) => {
        await notify(tx, { userIds: [alice.id], kind: 'reminder', title: '回滚', body: '正文' });
        throw new Error('caller fails');
      }),
    ).rejects.toThrow('caller fails');
    const rows = await database.db.select().from(notifications).where(eq(notifications.userId, alice.id));
    expect(rows.map((r) => r.title)).toEqual(['第一条']);
    expect(await database.db.select().from(webhookDeliveries)).toHaveLength(0);
  });

  it('lists the caller’s own, newest first, with the unread count; marks read once, audited', async () => {
    await withTx(at(sender, '2030-01-01T00:00:00Z'), (tx) => notify(tx, { userIds: [alice.id], kind: 'incident', title: '最新', body: '正文' }));
    const list = (await call(app, aliceSession, 'GET', '/api/notifications')).json();
    expect(list.items.map((n: { title: string }) => n.title)).toEqual(['最新', '第一条']);
    expect(list).toMatchObject({ total: 2, unread: 2 });
    const id = list.items[0].id as string;
    const read = await call(app, aliceSession, 'POST', `/api/notifications/${id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const again = await call(app, aliceSession, 'POST', `/api/notifications/${id}/read`);
    expect(again.json().readAt).toBe(read.json().readAt);
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'notification.read'), eq(auditLog.entityId, id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUsername).toBe('alice');
    const unread = (await call(app, aliceSession, 'GET', '/api/notifications?unread=true')).json();
    expect(unread).toMatchObject({ total: 1, unread: 1 });
    const all = await call(app, aliceSession, 'POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: 1 });
    expect((await call(app, aliceSession, 'GET', '/api/notifications')).json().unread).toBe(0);
  });

  it('someone else’s notification is not found; a role without the permission is refused', async () => {
    const [bobs] = await database.db.select().from(notifications).where(eq(notifications.userId, bob.id));
    const res = await call(app, aliceSession, 'POST', `/api/notifications/${bobs!.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOTIFICATION_NOT_FOUND');
    const root = await login(app, 'root');
    expect((await call(app, root, 'GET', '/api/notifications')).statusCode).toBe(403);
    expect((await call(app, aliceSession, 'GET', '/api/notifications?foo=1')).statusCode).toBe(400);
  });
});

describe('the webhook channel', () => {
  it('queues a delivery when FANGXIAN_WEBHOOK_URL is set and POSTs it as signed JSON to a local server', async () => {
    const hook = await receiver(() => 204);
    servers.push(hook.server);
    process.env.FANGXIAN_WEBHOOK_URL = hook.url;
    process.env.FANGXIAN_WEBHOOK_SECRET = 'a-shared-gateway-secret';
    const queued = await withTx(sender, (tx) => notify(tx, { userIds: [bob.id], kind: 'reminder', title: '未报送提醒', body: '请督促', data: { day: '2030-01-01' } }));
    expect(queued.deliveryId).not.toBeNull();
    const run = await deliverWebhooks(sender);
    expect(run).toEqual({ attempted: 1, delivered: 1, failed: 0 });
    expect(hook.got).toHaveLength(1);
    const body = JSON.parse(hook.got[0]!.body);
    expect(body).toMatchObject({ id: queued.deliveryId, kind: 'reminder', title: '未报送提醒', data: { day: '2030-01-01' } });
    expect(body.recipients).toEqual([{ id: bob.id, username: 'bob', name: 'bob', role: 'town_officer', regionCode: '520302001000' }]);
    expect(hook.got[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(hook.got[0]!.headers['x-fangxian-delivery']).toBe(queued.deliveryId);
    const sig = createHmac('sha256', 'a-shared-gateway-secret').update(hook.got[0]!.body).digest('hex');
    expect(hook.got[0]!.headers['x-fangxian-signature']).toBe(`sha256=${sig}`);
    const [row] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, queued.deliveryId!));
    expect(row).toMatchObject({ delivered: true, status: 204, attempts: 1, error: null });
    expect(await deliverWebhooks(sender)).toEqual({ attempted: 0, delivered: 0, failed: 0 });
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'webhook.deliver'));
    expect(audits.at(-1)!.details).toMatchObject({ delivered: [queued.deliveryId] });
  });

  it('records a failure, waits before retrying, retries with backoff and gives up after the last attempt', async () => {
    const hook = await receiver((n) => (n < 3 ? 500 : 200));
    servers.push(hook.server);
    process.env.FANGXIAN_WEBHOOK_URL = hook.url;
    const t0 = new Date('2030-02-01T00:00:00Z');
    const ctx = at(sender, t0.toISOString());
    const { deliveryId } = await withTx(ctx, (tx) => notify(tx, { userIds: [alice.id], kind: 'incident', title: '紧急情况', body: '请签收' }));
    const later = (s: number) => at(sender, new Date(t0.getTime() + s * 1000).toISOString());
    expect(await deliverWebhooks(ctx)).toMatchObject({ attempted: 1, failed: 1 });
    let [row] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId!));
    expect(row).toMatchObject({ delivered: false, status: 500, attempts: 1, error: 'HTTP 500' });
    expect(await deliverWebhooks(later(30))).toMatchObject({ attempted: 0 });
    expect(await deliverWebhooks(later(60))).toMatchObject({ attempted: 1, failed: 1 });
    expect(await deliverWebhooks(later(60 + 119))).toMatchObject({ attempted: 0 });
    expect(await deliverWebhooks(later(60 + 120))).toMatchObject({ attempted: 1, delivered: 1 });
    [row] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId!));
    expect(row).toMatchObject({ delivered: true, status: 200, attempts: 3 });
    expect(hook.got).toHaveLength(3);
  });

  it('times out a receiver that never answers, and stops after the maximum number of attempts', async () => {
    const hook = await receiver(() => 'hang');
    servers.push(hook.server);
    process.env.FANGXIAN_WEBHOOK_URL = hook.url;
    const t0 = new Date('2030-03-01T00:00:00Z');
    const { deliveryId } = await withTx(at(sender, t0.toISOString()), (tx) => notify(tx, { userIds: [alice.id], kind: 'incident', title: '紧急情况', body: '请签收' }));
    let t = t0.getTime();
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      const run = await deliverWebhooks(at(sender, new Date(t).toISOString()), { timeoutMs: 150 });
      expect(run, `attempt ${attempt}`).toMatchObject({ attempted: 1, failed: 1 });
      t += retryDelaySeconds(attempt) * 1000;
    }
    expect(await deliverWebhooks(at(sender, new Date(t + 86_400_000).toISOString()), { timeoutMs: 150 })).toMatchObject({ attempted: 0 });
    const [row] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId!));
    expect(row).toMatchObject({ delivered: false, status: null, attempts: WEBHOOK_MAX_ATTEMPTS, error: 'timeout after 150 ms' });
    expect(deliveryDue(row!, new Date(t + 86_400_000))).toBe(false);
  });

  it('a refused connection is a failed attempt, not an error of the job', async () => {
    const hook = await receiver(() => 200);
    await new Promise<void>((resolve) => hook.server.close(() => resolve()));
    process.env.FANGXIAN_WEBHOOK_URL = hook.url;
    const t0 = '2030-04-01T00:00:00Z';
    await withTx(at(sender, t0), (tx) => notify(tx, { userIds: [alice.id], kind: 'incident', title: '紧急情况', body: '请签收' }));
    const run = await deliverWebhooks(at(sender, t0), { timeoutMs: 1000 });
    expect(run).toMatchObject({ attempted: 1, failed: 1 });
  });
});
